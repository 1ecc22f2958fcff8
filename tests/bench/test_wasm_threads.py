"""bench/wasm_threads.py, one short round: it runs end to end against the real app and Chromium, and each
set-up is what it says: not isolated on one thread, isolated on this machine's cores (one thread below 4),
and isolated on an emulated 8-core computer with 4 threads in the page and in the trainer's worker; every
step time a number. The times themselves are the bench's to report, not this test's."""

import os
import re
import subprocess
import sys

from tests.conftest import ROOT

ROW = re.compile(
    r"^\| (.+?) \| (True|False) \| (\d+) \| (\d+) \| (\d+\.\d) \((\d+\.\d\d)×\) \| (\d+) \| (\d+\.\d) \|$", re.M
)


def test_the_bench_prints_each_set_up_with_its_threads():
    done = subprocess.run(
        [sys.executable, "bench/wasm_threads.py", "--seconds", "1", "--rounds", "1", "--emulate", "8"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = ROW.findall(done.stdout)
    cores = os.cpu_count()
    here = str(min(8, cores // 2)) if cores >= 4 else "1"  # tfjs's threads: half the cores, at most 8
    assert [row[:4] for row in rows] == [
        ("one thread (not isolated: SIMD build)", "False", "1", "1"),
        (f"isolated, this machine ({cores} CPUs)", "True", here, here),
        ("isolated, emulated 8 cores", "True", "4", "4"),
    ], done.stdout
    assert all(float(row[4]) > 0 and int(row[6]) > 0 for row in rows), done.stdout
    assert rows[0][5] == "1.00"
