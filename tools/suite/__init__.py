"""Developer commands of the REA cooperative suite: set up, run, test, lint, build."""
