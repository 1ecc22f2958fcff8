"""Run a command-line tool the way a user does and return the one-line error it ends with."""

import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def cli_error(module, *args, timeout=300):
    """`python -m module args…` must fail without a traceback, its stderr ending in a line
    "error: …" (or argparse's "python -m module: error: …"); returns (that line, the result)."""
    r = subprocess.run(
        [sys.executable, "-m", module, *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert r.returncode != 0, r.stdout
    assert "Traceback" not in r.stderr, r.stderr
    last = r.stderr.strip().splitlines()[-1]
    assert re.match(rf"(python -m {re.escape(module)}: )?error: ", last), r.stderr
    return last, r
