"""bench/model_tables.py: the README's model tables come from the committed manifests, one row per
model, with a warm restart's epochs shown as before + after."""

import json
import os
import subprocess
import sys

from bench.model_tables import epochs
from tests.conftest import ROOT


def test_epochs_show_a_warm_restart():
    assert epochs({"epochs": 30}) == "30"
    assert epochs({"epochs": 60, "restarted_after": 30}) == "60 (30 + 30)"


def test_tables_have_a_row_per_committed_model():
    out = subprocess.run([sys.executable, "bench/model_tables.py"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    with open(os.path.join(ROOT, "exported_model", "manifest.json")) as f:
        manifest = json.load(f)
    for m in manifest["models"]:
        row = next(line for line in out.splitlines() if line.startswith(f"| `{m['name']}` | {m['latent_dim']} |"))
        assert f"**{m['test']['neg_elbo']:.1f}**" in row if m["test"].get("neg_elbo") else "**—**" in row
        assert epochs(m["training"]) in row
