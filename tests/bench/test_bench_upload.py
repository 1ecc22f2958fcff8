"""bench/bench_upload.py --write-manifest: the best class-kept model becomes "upload_default" and every
measured model gets its "upload" figures, in one replace that keeps every other key of the manifest; a
manifest that no longer names a measured model, or cannot be read, is left exactly as it was."""

import copy
import json
import os

import pytest

from bench.bench_upload import parse_args, record_upload_figures
from train.artifacts import ArtifactError

MANIFEST = {
    "version": 1,
    "default": "vae-2d",
    "blur_manifest": "blur/manifest.json",
    "judge": {"file": "judge/classifier.keras", "sha256": "ab12"},
    "models": [
        {
            "name": "vae-2d",
            "kind": "vae",
            "latent_dim": 2,
            "encoder": "vae-2d/encoder/model.json",
            "test": {"neg_elbo": 141.5},
            "upload": {"class_kept": 0.1, "photos": 3},
        },
        {"name": "vae-16d", "kind": "vae", "latent_dim": 16, "encoder": "vae-16d/encoder/model.json"},
        {"name": "gan-like", "kind": "gan", "latent_dim": 2, "encoder": None},
    ],
    "story": [{"step": 1, "weights": 12673}],
}


@pytest.fixture
def models_dir(tmp_path):
    with open(tmp_path / "manifest.json", "w") as f:
        json.dump(MANIFEST, f, indent=2)
    return str(tmp_path)


def read(models_dir):
    with open(os.path.join(models_dir, "manifest.json")) as f:
        return json.load(f)


def test_records_the_best_model_and_each_models_figures_and_keeps_the_rest(models_dir):
    kept = {"vae-2d": [1] * 75 + [0] * 45, "vae-16d": [1] * 114 + [0] * 6}  # per photo: read as its digit
    rates = {name: sum(hits) / len(hits) for name, hits in kept.items()}
    assert record_upload_figures(models_dir, rates, 120) == "vae-16d"
    after = read(models_dir)
    assert after["upload_default"] == "vae-16d"
    by_name = {m["name"]: m for m in after["models"]}
    assert by_name["vae-2d"]["upload"] == {"class_kept": 0.625, "photos": 120}  # replaces the old figures
    assert by_name["vae-16d"]["upload"] == {"class_kept": 0.95, "photos": 120}
    assert "upload" not in by_name["gan-like"]  # not measured (no encoder): nothing recorded
    # Everything else is as it was, in the same order.
    expected = copy.deepcopy(MANIFEST)
    expected["upload_default"] = "vae-16d"
    for m, figures in zip(expected["models"], [by_name["vae-2d"]["upload"], by_name["vae-16d"]["upload"]]):
        m["upload"] = figures
    assert after == expected
    assert os.listdir(models_dir) == ["manifest.json"]  # no temporary file left behind


def test_a_rerun_replaces_the_default_and_the_figures(models_dir):
    record_upload_figures(models_dir, {"vae-2d": 0.5, "vae-16d": 0.9}, 60)
    record_upload_figures(models_dir, {"vae-2d": 0.8, "vae-16d": 0.7}, 30)
    after = read(models_dir)
    assert after["upload_default"] == "vae-2d"
    assert [m.get("upload") for m in after["models"]] == [
        {"class_kept": 0.8, "photos": 30},
        {"class_kept": 0.7, "photos": 30},
        None,
    ]


def test_a_model_gone_from_the_manifest_leaves_it_unchanged(models_dir):
    path = os.path.join(models_dir, "manifest.json")
    before = open(path, "rb").read()
    with pytest.raises(ArtifactError, match="no longer has ae-2d; run the benchmark again"):
        record_upload_figures(models_dir, {"vae-2d": 0.6, "ae-2d": 0.7}, 120)
    assert open(path, "rb").read() == before
    assert os.listdir(models_dir) == ["manifest.json"]


def test_an_unreadable_manifest_is_left_as_it_was(models_dir):
    path = os.path.join(models_dir, "manifest.json")
    with open(path, "w") as f:
        f.write('{"models": [')
    with pytest.raises(ArtifactError, match="cannot be read"):
        record_upload_figures(models_dir, {"vae-2d": 0.6}, 120)
    assert open(path).read() == '{"models": ['


def test_the_flag_is_off_unless_asked():
    assert parse_args([]).write_manifest is False
    assert parse_args(["--write-manifest"]).write_manifest is True
