"""Benchmark: how long the test suite takes on this machine, and where its CPU time goes. Prints figures;
asserts nothing.

    .venv/bin/python bench/suite_time.py [--processes 3] [--profile] [--out FILE] [-- pytest args…]

Runs pytest in this checkout as the README's test command does (scripts/test.sh: `-n 3 --dist
worksteal`, TF_CPP_MIN_LOG_LEVEL=2; lint and installs left out) and prints its wall time against the
12-minute target (issue 34: fresh clone, 2 CPUs), and the CPU-seconds the whole machine was busy
meanwhile (/proc/stat: the test processes, the browsers they drive, the servers and command-line runs
they start, and anything else running). On this 2-CPU machine the suite keeps both CPUs busy, so its
wall time is its CPU time over 2: the CPU-seconds are the figure to lower, and the one that varies less.

--profile runs one process (`-n 0`) and adds each test file's CPU-seconds: the machine's busy time
from each test's set-up to its tear-down, so a shared fixture counts where it is first built. With
anything else running on the machine, those figures include it.
"""

import argparse
import collections
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET_S = 12 * 60
PROFILE_ENV = "SUITE_TIME_PROFILE"  # where the plugin below writes each test's figures


def busy_cpu_seconds():
    """CPU-seconds this machine has been busy since it started (all CPUs; /proc/stat, idle and I/O wait
    left out)."""
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = (int(v) for v in f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


# --- the pytest plugin (-p bench.suite_time) that --profile loads into the test process --------------------


_started = {}  # nodeid → (busy CPU-seconds, monotonic seconds) at its start


def pytest_runtest_logstart(nodeid, location):  # noqa: ARG001  (pytest's hook signature)
    _started[nodeid] = (busy_cpu_seconds(), time.monotonic())


def pytest_runtest_logfinish(nodeid, location):  # noqa: ARG001
    cpu0, wall0 = _started.pop(nodeid)
    with open(os.environ[PROFILE_ENV], "a") as f:
        f.write(f"{busy_cpu_seconds() - cpu0:.2f}\t{time.monotonic() - wall0:.2f}\t{nodeid}\n")


# --- the benchmark -----------------------------------------------------------------------------------------


def run_pytest(processes, extra, profile_file=None):
    """(wall seconds, busy CPU-seconds, pytest's summary line, return code)."""
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    args += ["-n", str(processes)] + (["--dist", "worksteal"] if processes > 1 else [])
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    if profile_file:
        args += ["-p", "bench.suite_time"]
        env[PROFILE_ENV] = profile_file
    cpu0, wall0 = busy_cpu_seconds(), time.monotonic()
    done = subprocess.run(args + extra, cwd=ROOT, env=env, capture_output=True, text=True)
    wall, cpu = time.monotonic() - wall0, busy_cpu_seconds() - cpu0
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = next((line.strip("= ") for line in reversed(lines) if " in " in line), lines[-1] if lines else "")
    return wall, cpu, summary, done.returncode


def by_file(profile_file):
    """[(file, tests, CPU-seconds, wall seconds)], most CPU first."""
    files = collections.defaultdict(lambda: [0, 0.0, 0.0])
    with open(profile_file) as f:
        for line in f:
            cpu, wall, nodeid = line.rstrip("\n").split("\t", 2)
            row = files[nodeid.split("::")[0]]
            row[0] += 1
            row[1] += float(cpu)
            row[2] += float(wall)
    return sorted(((name, *row) for name, row in files.items()), key=lambda r: -r[2])


def minutes(seconds):
    return f"{seconds / 60:.1f} min ({seconds:,.0f} s)"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--processes", type=int, default=3, help="pytest-xdist processes (0: one, in pytest's own)")
    p.add_argument("--profile", action="store_true", help="one process, and each test file's CPU-seconds")
    p.add_argument("--top", type=int, default=25, help="test files listed with --profile")
    p.add_argument("--out", help="also write the output here, as Markdown")
    p.add_argument("pytest_args", nargs="*", help="more pytest arguments (after --), e.g. a folder")
    args = p.parse_args(argv)
    if args.processes < 0:
        p.error("--processes must be 0 (one process) or more")
    if args.top < 1:
        p.error("--top must be at least 1")
    if args.out:  # said now, not after the run
        try:
            open(args.out, "a").close()
        except OSError as e:
            p.error(f"--out {args.out} cannot be written ({e.strerror})")
    processes = 0 if args.profile else args.processes
    lines = []

    def report(line=""):
        print(line, flush=True)
        lines.append(line)

    load = os.getloadavg()
    report("# The test suite's time on this machine")
    report(f"Machine: {os.cpu_count()} CPUs, load average {load[0]:.2f} / {load[1]:.2f} (1 / 5 min) at the start.")
    with tempfile.TemporaryDirectory() as tmp:
        profile_file = os.path.join(tmp, "profile.tsv") if args.profile else None
        wall, cpu, summary, code = run_pytest(processes, args.pytest_args, profile_file)
        how = "one process" if processes == 0 else f"-n {processes} --dist worksteal"
        report(f"pytest {how}{' ' + ' '.join(args.pytest_args) if args.pytest_args else ''}: {summary}")
        report()
        report("| figure | measured | target |")
        report("|---|---|---|")
        met = ("met" if wall <= TARGET_S else "**missed**") if not args.pytest_args else "– (a part of the suite)"
        report(f"| wall time | {minutes(wall)} | ≤ 12 min on 2 CPUs, the whole suite: {met} |")
        report(f"| CPU busy meanwhile, whole machine | {cpu:,.0f} CPU-s = {cpu / wall:.2f} CPUs on average | – |")
        if profile_file and os.path.exists(profile_file):
            rows = by_file(profile_file)
            report()
            report(f"Test files by CPU-seconds (the {min(args.top, len(rows))} most of {len(rows)}):")
            report()
            report("| test file | tests | CPU-s | wall s |")
            report("|---|---|---|---|")
            for name, tests, file_cpu, file_wall in rows[: args.top]:
                report(f"| {name} | {tests} | {file_cpu:,.1f} | {file_wall:,.1f} |")
    if args.out:
        with open(args.out, "w") as f:
            f.write("\n".join(lines) + "\n")
    if code not in (0, 1):  # 1: tests failed, which the summary says; anything else: pytest could not run
        sys.exit(f"error: pytest ended with code {code}: {summary}")


if __name__ == "__main__":
    main()
