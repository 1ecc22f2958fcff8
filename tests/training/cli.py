"""Run a command-line tool the way a user does: the one-line error it ends with; the training CLI on
another Keras backend."""

import os
import re
import subprocess
import sys

from tests.harness import ROOT


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


# The tests' JAX runs are a few steps each, so XLA's compiling is most of their time: at optimisation
# level 0 it compiles in about half the time (a JAX vaegan run: 21 → 13 CPU-seconds). It may round
# differently; the TF/JAX parity test (test_gan.py) passes with it at its float-rounding tolerances.
JAX_QUICK_COMPILE = {"XLA_FLAGS": "--xla_backend_optimization_level=0 --xla_llvm_disable_expensive_passes=true"}


def run_cli_on(backend, *args):
    """`python -m train args…` with KERAS_BACKEND=backend, in a process of its own (the backend is
    chosen once per process) where TensorFlow cannot be imported, as on a GPU machine that has JAX
    and no TensorFlow; the completed process."""
    without_tf = (
        "import runpy, sys; sys.modules['tensorflow'] = None; sys.argv[0] = 'train'; "
        "runpy.run_module('train', run_name='__main__', alter_sys=True)"
    )
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3", "JAX_PLATFORMS": "cpu"}
    if backend == "jax":
        env.update(JAX_QUICK_COMPILE)
    return subprocess.run(
        [sys.executable, "-c", without_tf, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
