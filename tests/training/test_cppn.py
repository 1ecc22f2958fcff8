"""train/cppn.py: the CPPN that draws a shipped decoder's digits at any resolution. The pixel grid and
the queries against a direct computation; the model asked at every pixel equals the CPPN asked one
query at a time; distillation learns a teacher whose drawing is known in closed form (a disc whose
centre the code moves) at 28 pixels and, between them, at 112; the CLI distils a tiny exported
model, ships the files and the teacher's manifest entry's "large", whose figures re-derive from the
files; a CPPN below the teacher's digit score − the gap, an unknown teacher and bad flags are
refused by message with nothing written."""

import json
import os
import shutil

import numpy as np
import pytest

from train.artifacts import load_graph_model
from train.cppn import build_cppn, distil, grid, main, on_grid, queries


def test_grid_holds_each_pixel_centre_row_by_row():
    g = grid(4)
    centres = [-0.75, -0.25, 0.25, 0.75]
    expected = [[x, y, np.hypot(x, y)] for y in centres for x in centres]
    np.testing.assert_allclose(g, expected, atol=1e-7)


def test_queries_pair_every_code_with_every_position():
    z = np.array([[1.0, 2.0], [-3.0, 0.5]], np.float32)
    q = queries(z, 3)
    assert q.shape == (18, 5)
    np.testing.assert_array_equal(q[:9, :2], np.tile(z[0], (9, 1)))
    np.testing.assert_array_equal(q[9:, :2], np.tile(z[1], (9, 1)))
    np.testing.assert_array_equal(q[9:, 2:], grid(3))


def test_on_grid_is_the_cppn_asked_at_every_pixel():
    cppn = build_cppn(2, width=8, depth=2, frequencies=3)
    z = np.random.default_rng(0).standard_normal((3, 2)).astype(np.float32)
    images = on_grid(cppn, 5).predict(z, verbose=0)
    one_by_one = cppn.predict(queries(z, 5), verbose=0).reshape(3, 5, 5, 1)
    assert images.shape == (3, 5, 5, 1)
    np.testing.assert_allclose(images, one_by_one, atol=1e-5)


def disc(z, size=28):
    """A teacher in closed form: a disc of radius 0.45 centred at 0.15·z, with soft edges."""
    g = grid(size)
    centre = 0.15 * np.asarray(z, np.float64)[:, None, :]
    dist = np.linalg.norm(g[None, :, :2] - centre, axis=-1)
    return (1 / (1 + np.exp(-12 * (0.45 - dist)))).reshape(len(z), size, size, 1).astype(np.float32)


def test_distillation_learns_the_teacher_and_draws_it_between_its_pixels():
    cppn, history = distil(disc, 2, codes=512, epochs=6, batch_size=16, lr=1e-2, width=32, depth=3, frequencies=4)
    assert history["loss"][-1] < history["loss"][0]
    z = np.random.default_rng(5).standard_normal((20, 2)).astype(np.float32)
    for size in (28, 112):  # trained at 28 pixels only; the disc is the same shape at 112
        drawn = 1 / (1 + np.exp(-cppn.predict(queries(z, size), verbose=0).reshape(20, size, size, 1)))
        error = np.abs(drawn - disc(z, size)).mean()
        assert error < 0.04, (size, error)
    untrained = build_cppn(2, width=32, depth=3, frequencies=4).predict(queries(z, 28), verbose=0)
    assert np.abs(1 / (1 + np.exp(-untrained.reshape(20, 28, 28, 1))) - disc(z)).mean() > 0.2


@pytest.fixture
def models(tmp_path, exported):
    root = tmp_path / "models"
    shutil.copytree(exported, root)
    return str(root)


def manifest_of(root):
    with open(os.path.join(root, "manifest.json")) as f:
        return json.load(f)


def test_the_cli_ships_the_cppn_and_its_figures_re_derive_from_the_files(models, mnist_like_npz, tiny_classifier):
    from train.classifier import load_classifier, plausibility
    from train.metrics import prior_codes

    main(["--models", models, "--teacher", "tiny", "--data", mnist_like_npz, "--classifier", tiny_classifier,
          "--codes", "64", "--epochs", "2", "--width", "16", "--depth", "2", "--max-gap", "100"])  # fmt: skip
    entry = next(m for m in manifest_of(models)["models"] if m["name"] == "tiny")
    large = entry["large"]
    assert large["decoder"] == "tiny-large/model.json" and large["query"] == ["z", "z", "x", "y", "r"]
    assert large["distilled"]["teacher_exported"] == entry["exported"]
    assert large["bytes"] == sum(
        os.path.getsize(p) for p in (models + "/tiny-large/" + f for f in os.listdir(models + "/tiny-large"))
    )
    run, signature = load_graph_model(os.path.join(models, large["decoder"]))
    assert [int(d["size"]) for d in signature["inputs"]["query"]["tensorShape"]["dim"]] == [-1, 5]
    teacher, _ = load_graph_model(os.path.join(models, entry["decoder"]))
    test = large["test"]
    z = prior_codes(test["samples"], 2, test["seed"])
    drawn = 1 / (1 + np.exp(-run(queries(z, 28), 1 << 16).astype(np.float64))).reshape(-1, 28, 28, 1)
    assert test["mean_abs_from_teacher"] == pytest.approx(np.abs(drawn - teacher(z)).mean(), abs=2e-4)
    assert test["digit_score"] == pytest.approx(
        plausibility(load_classifier(tiny_classifier), drawn)["digit_score"], abs=2e-3
    )


def test_a_cppn_below_the_teachers_digit_score_is_not_shipped(models, mnist_like_npz, tiny_classifier, capsys):
    before = manifest_of(models)
    with pytest.raises(SystemExit) as e:
        main(["--models", models, "--teacher", "tiny", "--data", mnist_like_npz, "--classifier", tiny_classifier,
              "--codes", "32", "--epochs", "1", "--width", "4", "--depth", "1", "--max-gap", "-100"])  # fmt: skip
    assert "digit score" in str(e.value) and "not shipped" in str(e.value)
    assert manifest_of(models) == before and not os.path.exists(os.path.join(models, "tiny-large"))
    assert not [f for f in os.listdir(models) if f.startswith(".")]


def test_an_unknown_teacher_and_bad_flags_are_refused_by_message(models, mnist_like_npz, capsys):
    with pytest.raises(SystemExit) as e:
        main(["--models", models, "--teacher", "nope", "--data", mnist_like_npz])
    assert str(e.value) == f"error: {models}/manifest.json has no model 'nope' (it has: tiny)"
    with pytest.raises(SystemExit):
        main(["--models", models, "--data", mnist_like_npz, "--width", "0"])
    assert "--width must be at least 1" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--models", models, "--data", mnist_like_npz, "--lr", "0"])
    assert "--lr must be above 0" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["--models", models, "--teacher", "tiny", "--data", os.path.join(models, "missing.npz")])
    assert str(e.value).startswith("error: ") and "missing.npz" in str(e.value)
    assert not os.path.exists(os.path.join(models, "tiny-large"))
