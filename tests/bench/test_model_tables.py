"""bench/model_tables.py: the model tables in docs/ come from the committed manifests, one row per
model, with a warm restart's epochs shown as before + after, a chosen epoch as N of M."""

import json
import os
import subprocess
import sys

from bench.model_tables import codes, epochs
from tests.conftest import ROOT
from tests.markdown import table


def test_epochs_show_a_warm_restart_and_a_chosen_epoch():
    assert epochs({"epochs": 30}) == "30"
    assert epochs({"epochs": 60, "restarted_after": 30}) == "60 (30 + 30)"
    assert epochs({"epochs": 15, "chosen_from": {"run": "gan", "epochs": 24, "seed": 1}}) == "15 of 24"


def test_codes_say_whether_the_encoder_refines_them():
    entry = {"encoder": "m/encoder/model.json", "test_keras": {"neg_elbo": 140.663}}
    assert codes({**entry, "encoder_refinement": None}) == "encoder"
    assert (
        codes({**entry, "encoder_refinement": {"steps": 20, "step_size": 0.1, "samples": 4}})
        == "refined, 20 steps (without: 140.7)"
    )
    assert codes({"encoder": None}) == "—"


def test_tables_have_a_row_per_committed_model():
    out = subprocess.run(
        [sys.executable, "bench/model_tables.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    with open(os.path.join(ROOT, "exported_model", "manifest.json")) as f:
        manifest = json.load(f)
    for m in manifest["models"]:
        row = next(line for line in out.splitlines() if line.startswith(f"| `{m['name']}` | {m['latent_dim']} |"))
        assert f"**{m['test']['neg_elbo']:.1f}**" in row if m["test"].get("neg_elbo") else "**—**" in row
        assert epochs(m["training"]) in row
        assert f"| {codes(m)} |" in row


def test_the_why_blurry_table_has_the_compared_models_with_their_figures():
    """The fourth table: the main manifest's VAE with the GAN's code size, then the GAN and the VAE-GAN
    of the manifest "blur_manifest" names (read here from the files, not through bench/model_tables.py),
    each row with that entry's own figures."""
    out = subprocess.run(
        [sys.executable, "bench/model_tables.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    with open(os.path.join(ROOT, "exported_model", "manifest.json")) as f:
        manifest = json.load(f)
    assert manifest.get("blur_manifest"), "no blur_manifest: docs/why-blurry.md would have no table"
    with open(os.path.join(ROOT, "exported_model", manifest["blur_manifest"])) as f:
        blur = json.load(f)["models"]
    gan = next(m for m in blur if m["kind"] == "gan")
    vaegan = next(m for m in blur if m["kind"] == "vaegan")
    vae = next(m for m in manifest["models"] if m["name"] == manifest["default"])
    assert vae["kind"] == "vae" and vae["latent_dim"] == gan["latent_dim"]  # the default is the one compared
    rows = table(out, "| model | code | epochs | sharpness")
    assert [cells[0].split("`")[1] for cells in rows] == [vae["name"], gan["name"], vaegan["name"]]
    for m, cells in zip((vae, gan, vaegan), rows, strict=True):
        b, s = m["blur"], m["samples"]
        assert cells[3:7] == [
            f"{b['sharpness']:.2f}",
            f"{s['digit_score']:.2f}",
            f"{100 * s['confident']:.1f}%",
            f"{b['fid']:.1f}",
        ], m["name"]
        rec = b["reconstruction"]
        assert cells[7:] == (
            [f"{rec['bce']:.1f}", f"{rec['mean_abs_error']:.3f}"]
            if rec["possible"]
            else [f"not possible: {rec['reason']}", "—"]
        ), m["name"]
    assert rows[1][7] == "not possible: no encoder"  # the GAN's row


def test_the_drawn_large_table_has_the_cppns_figures():
    """After the Why blurry? table: a row per compared model that a CPPN draws large, with the figures
    of its manifest entry's "large" (read here from the file)."""
    out = subprocess.run(
        [sys.executable, "bench/model_tables.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    with open(os.path.join(ROOT, "exported_model", "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(ROOT, "exported_model", manifest["blur_manifest"])) as f:
        drawn = [m for m in json.load(f)["models"] if m.get("large")]
    rows = table(out, "| drawn large |")
    assert drawn and [cells[0].split("`")[1] for cells in rows] == [m["name"] for m in drawn]
    for m, cells in zip(drawn, rows, strict=True):
        t = m["large"]["test"]
        assert cells[1] == f"{m['large']['parameters']:,}"
        assert cells[4:] == [
            f"{t['sharpness']:.2f}",
            f"{t['digit_score']:.2f}",
            f"{100 * t['confident']:.1f}%",
            f"{t['fid']:.1f}",
            f"{t['mean_abs_from_teacher']:.3f}",
        ]
