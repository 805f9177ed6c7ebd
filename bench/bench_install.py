#!/usr/bin/env python3
"""Time installing the suite: Odoo's dependencies alone, then with our addons.

Each install runs in one step on a new empty database, with demo data, one
after the other (run it on an idle machine). Prints both times and their
ratio, then where the time of the second install went: per module, and the
slowest data files of ours, read from the log's timestamps.

    .venv/bin/python bench/bench_install.py [--addons rea_x,...] [--top 15]
    .venv/bin/python bench/bench_install.py --profile LOGFILE   # only read a log
"""

import argparse
import collections
import datetime
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))

from suite import addons as addons_mod  # noqa: E402
from suite import environment, onestep, postgres  # noqa: E402

STAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \d+ \w+ \S+ (\S+): (.*)$")
MODULE = re.compile(r"module (\S+): creating or updating database tables")
LOADING = re.compile(r"^loading (\S+?)/(\S+)$")


def _time(text):
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S,%f")


def profile(logfile):
    """Seconds per module and per data file, from consecutive log lines.

    The time between two lines goes to the module (and file) being loaded;
    what follows the last module (later passes, post-init hooks, the final
    checks) goes to "(after loading)".
    """
    per_module = collections.OrderedDict()
    per_file = collections.Counter()
    module, data_file, last = "(start)", None, None
    with open(logfile, errors="replace") as handle:
        for line in handle:
            match = STAMP.match(line)
            if not match:
                continue
            when, logger, msg = _time(match.group(1)), match.group(2), match.group(3)
            if last is not None:
                spent = (when - last).total_seconds()
                per_module[module] = per_module.get(module, 0.0) + spent
                if data_file:
                    per_file[data_file] += spent
            last = when
            started = MODULE.search(msg)
            loading = LOADING.match(msg) if logger == "odoo.modules.loading" else None
            if started:
                module, data_file = started.group(1), None
            elif loading:
                data_file = "%s/%s" % (loading.group(1), loading.group(2))
            elif "odoo.modules.loading: Modules loaded." in line or (
                logger == "odoo.modules.loading"
                and msg.startswith("loading ")
                and msg.endswith("modules...")
            ):
                module, data_file = "(after loading / next pass)", None
    return per_module, per_file


def print_profile(logfile, top, ours_prefix="rea_"):
    per_module, per_file = profile(logfile)
    total = sum(per_module.values())
    ours = sum(v for k, v in per_module.items() if k.startswith(ours_prefix))
    print("\nprofile of %s (%.0f s logged)" % (logfile, total))
    # Within one log, both parts ran under the same load: a steadier figure
    # than two installs timed one after the other on a busy machine.
    print(
        "  our modules: %.0f s; the rest: %.0f s; ratio within this log: %.2f"
        % (ours, total - ours, total / max(total - ours, 1e-9))
    )
    for name, spent in sorted(per_module.items(), key=lambda kv: -kv[1])[:top]:
        print("  %7.1f s  %s" % (spent, name))
    print("  slowest data files of ours:")
    mine = [(k, v) for k, v in per_file.items() if k.startswith(ours_prefix)]
    for name, spent in sorted(mine, key=lambda kv: -kv[1])[:top]:
        print("  %7.1f s  %s" % (spent, name))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addons", help="comma-separated (default: every rea_*)")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--profile", metavar="LOGFILE", help="only profile this log")
    args = parser.parse_args(argv)
    if args.profile:
        print_profile(args.profile, args.top)
        return 0
    available = addons_mod.discover()
    ours = args.addons.split(",") if args.addons else sorted(available)
    deps = addons_mod.external_depends(ours, available)
    postgres.ensure_server()
    conf = environment.write_odoo_conf()
    pid = os.getpid()
    alone = onestep.install(conf, deps, "rea_test_run_%d_bench_deps" % pid)
    print(alone.describe())
    both = onestep.install(
        conf,
        deps + ours,
        "rea_test_run_%d_bench_suite" % pid,
        expect=addons_mod.closure(ours, available),
    )
    print(both.describe())
    print(
        "dependencies alone: %.0f s; with the suite: %.0f s; ratio %.2f"
        % (alone.seconds, both.seconds, both.seconds / alone.seconds)
    )
    print_profile(both.logfile, args.top)
    return 0 if alone.ok and both.ok else 1


if __name__ == "__main__":
    sys.exit(main())
