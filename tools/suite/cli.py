"""Command line of ./suite."""

import argparse
import sys

from . import build, environment, i18n, postgres, readme, serve, testrun
from .shell import SuiteError


def _parser():
    parser = argparse.ArgumentParser(
        prog="./suite",
        description="Set up, run and test the REA cooperative suite "
        "(Odoo 11). All it creates stays in this checkout (.venv, .tools, .data).",
    )
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser(
        "run",
        help="set up what is missing, then serve every rea_* "
        "addon with demo data on http://localhost:8069 (this machine only)",
    )
    run.add_argument(
        "--db", default="rea_demo", help="database name (default rea_demo)"
    )
    run.add_argument("--port", type=int, default=8069, help="HTTP port (default 8069)")
    run.add_argument(
        "--public",
        action="store_true",
        help="listen on every network interface, not only 127.0.0.1 "
        "(others can reach it: change the admin password first)",
    )
    run.add_argument(
        "--reset",
        action="store_true",
        help="drop the demo database first (only one this tool created)",
    )
    run.add_argument(
        "--update",
        action="store_true",
        help="update (-u) our addons in an existing database before serving",
    )
    run.add_argument(
        "--check",
        action="store_true",
        help="start, log in as admin over HTTP, stop (for CI)",
    )
    run.add_argument(
        "-v", "--verbose", action="store_true", help="show the whole Odoo log"
    )

    test = sub.add_parser("test", help="run every test; ends with 'N passed, N failed'")
    test.add_argument(
        "targets",
        nargs="*",
        help="addons to test (default: all, plus the top-level tests/); "
        "'tests' runs only the top-level tests/",
    )
    test.add_argument(
        "--keep", action="store_true", help="keep the test database for inspection"
    )
    test.add_argument(
        "-v", "--verbose", action="store_true", help="show the whole Odoo log"
    )
    test.add_argument(
        "--no-pytest", action="store_true", help="skip the top-level tests/ folder"
    )
    test.add_argument(
        "--addons-path",
        action="append",
        default=[],
        help="another folder with addons (the runner's own tests use it)",
    )

    sub.add_parser("setup", help="only create the venv, helpers and database role")
    lint = sub.add_parser("lint", help="pre-commit on all files (offline, local hooks)")
    lint.add_argument("files", nargs="*", help="only these files")
    sub.add_parser("wheels", help="build the odoo11-addon-* wheels into dist/")
    sub.add_parser(
        "readme", help="write each addon's README.rst from its readme/ fragments"
    )
    i18n_cmd = sub.add_parser(
        "i18n",
        help="write each addon's i18n/<addon>.pot from the code and merge its "
        ".po files (database rea_i18n; needs gettext)",
    )
    i18n_cmd.add_argument("addons", nargs="*", help="only these addons")
    i18n_cmd.add_argument(
        "-v", "--verbose", action="store_true", help="show the whole Odoo log"
    )
    return parser


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            return serve.main(args)
        if args.command == "test":
            return testrun.main(args)
        if args.command == "setup":
            environment.ensure_all()
            postgres.ensure_server()
            return 0
        if args.command == "lint":
            return build.lint(args)
        if args.command == "wheels":
            return build.wheels(args)
        if args.command == "i18n":
            return i18n.main(args)
        if args.command == "readme":
            return readme.main(args)
        parser.print_help()
        return 2
    except SuiteError as error:
        print("ERROR: %s" % error, file=sys.stderr, flush=True)
        if args.command == "test":
            # The closing line is promised even when the run could not start.
            print("0 passed, 1 failed", flush=True)
        return 2
