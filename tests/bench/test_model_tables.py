"""bench/model_tables.py: the README's model tables come from the committed manifests, one row per
model, with a warm restart's epochs shown as before + after."""

import json
import os
import subprocess
import sys

from bench.model_tables import codes, epochs
from tests.conftest import ROOT


def test_epochs_show_a_warm_restart():
    assert epochs({"epochs": 30}) == "30"
    assert epochs({"epochs": 60, "restarted_after": 30}) == "60 (30 + 30)"


def test_codes_say_whether_the_encoder_refines_them():
    entry = {"encoder": "m/encoder/model.json", "test_keras": {"neg_elbo": 140.663}}
    assert codes({**entry, "encoder_refinement": None}) == "encoder"
    assert codes({**entry, "encoder_refinement": {"steps": 20, "step_size": 0.1, "samples": 4}}) == \
        "refined, 20 steps (without: 140.7)"
    assert codes({"encoder": None}) == "—"


def test_tables_have_a_row_per_committed_model():
    out = subprocess.run([sys.executable, "bench/model_tables.py"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout
    with open(os.path.join(ROOT, "exported_model", "manifest.json")) as f:
        manifest = json.load(f)
    for m in manifest["models"]:
        row = next(line for line in out.splitlines() if line.startswith(f"| `{m['name']}` | {m['latent_dim']} |"))
        assert f"**{m['test']['neg_elbo']:.1f}**" in row if m["test"].get("neg_elbo") else "**—**" in row
        assert epochs(m["training"]) in row
        assert f"| {codes(m)} |" in row
