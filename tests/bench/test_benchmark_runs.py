"""bench/benchmark.py compares the shipped decoder files with the float checkpoint of the run they were
exported from, and only if that folder still holds that run."""

import json

from bench.benchmark import same_run

ENTRY = {"test_keras": {"reconstruction": 133.682, "images": 10000, "kl": 6.981, "neg_elbo": 140.663}}


def write_metrics(folder, test):
    folder.mkdir()
    (folder / "metrics.json").write_text(json.dumps({"test": test}))
    return str(folder)


def test_the_exported_run_is_recognised_by_its_scores(tmp_path):
    run = write_metrics(
        tmp_path / "vae-2d-60", {"reconstruction": 133.68204, "images": 10000, "kl": 6.98101, "neg_elbo": 140.66305}
    )
    assert same_run(run, ENTRY)


def test_another_run_in_the_folder_or_none_is_not(tmp_path):
    older = write_metrics(tmp_path / "vae-2d", {"reconstruction": 134.7, "images": 10000, "kl": 6.8, "neg_elbo": 141.5})
    assert not same_run(older, ENTRY)
    assert not same_run(str(tmp_path / "missing"), ENTRY)
    assert not same_run(write_metrics(tmp_path / "ae", {"reconstruction": 133.682, "images": 10000}), ENTRY)
