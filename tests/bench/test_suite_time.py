"""bench/suite_time.py on one small test file: it runs pytest as the test command does, prints the wall
time and the machine's busy CPU-seconds, and with --profile a row per test file that counts its tests
(here test_data.py's, counted by pytest's own collection); bad flags are one-line errors."""

import re
import subprocess
import sys

from tests.conftest import ROOT
from tests.markdown import table

FILE = "tests/training/test_data.py"


def run(*args):
    return subprocess.run(
        [sys.executable, "bench/suite_time.py", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_a_profile_of_one_file(tmp_path):
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only", FILE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    tests = int(re.search(r"(\d+) tests? collected", collected.stdout).group(1))
    md = tmp_path / "suite.md"
    r = run("--profile", "--out", md, "--", FILE)
    assert r.returncode == 0, r.stderr[-3000:]
    assert re.search(rf"pytest one process {FILE}: {tests} passed in [\d.]+s", r.stdout), r.stdout
    figures = {row[0]: row[1:] for row in table(r.stdout, "| figure |")}
    wall = re.fullmatch(r"([\d.]+) min \(([\d,]+) s\)", figures["wall time"][0])
    assert wall and figures["wall time"][1].endswith("– (a part of the suite)"), figures
    cpu = re.fullmatch(r"([\d,]+) CPU-s = ([\d.]+) CPUs on average", figures["CPU busy meanwhile, whole machine"][0])
    assert cpu and float(cpu.group(2)) > 0, figures
    [row] = table(r.stdout, "| test file |")
    assert row[:2] == [FILE, str(tests)] and float(row[2]) >= 0 and float(row[3]) > 0, row
    assert md.read_text().splitlines() == [line for line in r.stdout.splitlines()]


def test_bad_flags_are_one_line_errors():
    for flags, message in (
        (["--processes", "-1"], "--processes must be 0 (one process) or more"),
        (["--top", "0"], "--top must be at least 1"),
        (
            ["--out", "/nonexistent/suite.md"],
            "--out /nonexistent/suite.md cannot be written (No such file or directory)",
        ),
    ):
        r = run(*flags)
        assert r.returncode == 2 and r.stderr.strip().splitlines()[-1].endswith(message), r.stderr
