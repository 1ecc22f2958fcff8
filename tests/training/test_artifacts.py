"""train/artifacts.py: the codes format, the manifest, output-folder checks, graph models (with
quantization) read back in Python against Keras, and publishing a model folder with its manifest
change all-or-nothing: a failure at each step leaves the previous model and manifest as they were."""

import hashlib
import json
import os
import shutil

import numpy as np
import pytest

import train.artifacts as artifacts
import train.export as export
from train.artifacts import ArtifactError

# --- codes files ---


def test_codes_round_trip_and_size_check(tmp_path):
    codes = np.array([[0.0, -1.2345], [32.7, -40.0], [0.0005, 3.14159]])
    labels = [7, 0, 9]
    path = str(tmp_path / "codes.bin")
    info = artifacts.write_codes(path, codes, labels, 1000)
    assert info["scale"] == 0.001 and "int16" in info["format"]
    raw = open(path, "rb").read()
    assert len(raw) == 3 * 2 * 2 + 3
    # By hand: little-endian int16 of round(code × 1000), clipped to ±32767, then the labels.
    expected = [0, -1234, 32700, -32767, 0, 3142]  # 0.0005 × 1000 rounds half to even: 0
    assert list(np.frombuffer(raw[:12], "<i2")) == expected and list(raw[12:]) == labels
    back, back_labels = artifacts.read_codes(path, 3, 2, info["scale"])
    np.testing.assert_allclose(back, np.reshape(expected, (3, 2)) / 1000)
    assert list(back_labels) == labels
    with pytest.raises(ArtifactError, match="holds 15 bytes; 4 rows of 2 int16 codes and a label each need 20"):
        artifacts.read_codes(path, 4, 2, info["scale"])
    with pytest.raises(ArtifactError, match="one label per row"):
        artifacts.write_codes(path, codes, labels[:2], 1000)


# --- manifest ---


def test_read_manifest_missing_bad_and_good(tmp_path):
    assert artifacts.read_manifest(str(tmp_path)) == {"version": 1, "default": None, "models": []}
    (tmp_path / "manifest.json").write_text("{half")
    with pytest.raises(ArtifactError, match=r"manifest.json cannot be read \(JSONDecodeError"):
        artifacts.read_manifest(str(tmp_path))
    (tmp_path / "manifest.json").write_text('["a list"]')
    with pytest.raises(ArtifactError, match='is not a manifest \\(no "models" list\\)'):
        artifacts.read_manifest(str(tmp_path))
    (tmp_path / "manifest.json").write_text('{"models": [], "story": [1]}')
    assert artifacts.read_manifest(str(tmp_path))["story"] == [1]


def test_with_model_keeps_places_and_default():
    m = {"version": 1, "default": None, "models": [], "story": ["kept"]}
    m = artifacts.with_model(m, {"name": "a", "v": 1})
    m = artifacts.with_model(m, {"name": "b", "v": 1})
    assert [e["name"] for e in m["models"]] == ["a", "b"] and m["default"] == "a"
    m = artifacts.with_model(m, {"name": "a", "v": 2})
    assert m["models"] == [{"name": "a", "v": 2}, {"name": "b", "v": 1}] and m["default"] == "a"
    m = artifacts.with_model(m, {"name": "b", "v": 2}, make_default=True)
    assert m["default"] == "b" and m["story"] == ["kept"]
    m = artifacts.with_model({**m, "default": "gone"}, {"name": "c"})
    assert m["default"] == "c"  # a default that names no model is replaced


def test_update_manifest_replaces_the_file(tmp_path):
    artifacts.update_manifest(str(tmp_path), lambda m: {**m, "story": [1, 2]})
    with open(tmp_path / "manifest.json") as f:
        assert json.load(f) == {"version": 1, "default": None, "models": [], "story": [1, 2]}
    assert os.listdir(tmp_path) == ["manifest.json"]


# --- output folders ---


def test_check_writable_folder(tmp_path, monkeypatch):
    artifacts.check_writable_folder(str(tmp_path / "new" / "deep"))
    assert os.path.isdir(tmp_path / "new" / "deep") and not os.listdir(tmp_path / "new" / "deep")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ArtifactError, match=r"^--out .*file is a file, not a folder$"):
        artifacts.check_writable_folder(str(tmp_path / "file"))
    with pytest.raises(ArtifactError, match=r"^--out .*file/run cannot be written \(Not a directory\)$"):
        artifacts.check_writable_folder(str(tmp_path / "file" / "run"))

    def refuse(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(artifacts.tempfile, "mkstemp", refuse)  # as root, chmod would not stop us
    with pytest.raises(ArtifactError, match=r"^--data-out .* cannot be written \(Permission denied\)$"):
        artifacts.check_writable_folder(str(tmp_path), "--data-out")


# --- graph models ---


@pytest.mark.parametrize("quantize, tol, ratio", [(None, 1e-5, 1.0), ("float16", 2e-3, 0.5), ("uint8", 2e-2, 0.25)])
def test_graph_model_runs_in_python_like_keras(tmp_path, keras_tiny, quantize, tol, ratio):
    """The decoder converted (optionally quantized) and read back from its files gives Keras' output;
    quantized weights take about half (float16) or a quarter (uint8) of the bytes. Its UpSampling2D
    layers became one resize op each, not Keras' repeat (a Tile chain, slow in the page)."""
    import keras

    _, decoder = keras_tiny
    upsamplings = [
        layer for layer in decoder.get_layer("decoder_logits").layers if isinstance(layer, keras.layers.UpSampling2D)
    ]
    assert len(upsamplings) == 2
    folder = str(tmp_path / "decoder")
    artifacts.to_graph_model(decoder, folder, str(tmp_path), quantize)
    with open(os.path.join(folder, "model.json")) as f:
        ops = [node["op"] for node in json.load(f)["modelTopology"]["node"]]
    assert ops.count("ResizeNearestNeighbor") == 2 and "Tile" not in ops
    run, signature = artifacts.load_graph_model(os.path.join(folder, "model.json"))
    [inp] = signature["inputs"].values()
    assert [int(d["size"]) for d in inp["tensorShape"]["dim"]] == [-1, 2]
    z = np.random.default_rng(0).normal(size=(7, 2)).astype(np.float32)
    expected = decoder.predict(z, verbose=0)
    got = run(z, batch_size=3)
    assert got.shape == expected.shape == (7, 28, 28, 1)
    assert np.abs(got - expected).max() <= tol
    params = decoder.count_params()
    weight_bytes = artifacts.folder_bytes(folder) - os.path.getsize(os.path.join(folder, "model.json"))
    assert weight_bytes == pytest.approx(4 * params * ratio, rel=0.02)


def test_bad_quantize_and_bad_graph_model(tmp_path, keras_tiny):
    with pytest.raises(ArtifactError, match="quantize must be one of None, float16, uint8, not 'int4'"):
        artifacts.to_graph_model(keras_tiny[1], str(tmp_path / "d"), str(tmp_path), "int4")
    (tmp_path / "model.json").write_text('{"format": "graph-model"}')
    with pytest.raises(ArtifactError, match="is not a readable TF.js graph model"):
        artifacts.load_graph_model(str(tmp_path / "model.json"))


# --- publishing: each failing step leaves the previous export as it was ---


def snapshot(root):
    """Every file under root with its SHA-256 (hidden leftovers included)."""
    out = {}
    for d, _, files in os.walk(root):
        for f in files:
            p = os.path.join(d, f)
            out[os.path.relpath(p, root)] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    return out


@pytest.fixture(scope="module")
def first_export(tmp_path_factory, tiny_run):
    root = str(tmp_path_factory.mktemp("first") / "out")
    export.export_run(tiny_run, root, name="m", data="", classifier="")
    return root


def fail_conversion(monkeypatch, root):
    def broken(model, out_dir, work_dir, quantize=None):
        os.makedirs(os.path.join(out_dir, "decoder"))
        open(os.path.join(out_dir, "decoder", "model.json"), "w").write("{half")
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "export_models", broken)
    return RuntimeError, "disk full"


def fail_manifest_unparsable(monkeypatch, root):
    with open(os.path.join(root, "manifest.json"), "a") as f:
        f.write("garbage")
    return ArtifactError, "manifest.json cannot be read"


def fail_manifest_unwritable(monkeypatch, root):
    real = artifacts.tempfile.mkstemp

    def mkstemp(*a, prefix="", **kw):
        if prefix.startswith(".manifest"):
            raise OSError(28, "No space left on device")
        return real(*a, prefix=prefix, **kw)

    monkeypatch.setattr(artifacts.tempfile, "mkstemp", mkstemp)
    return OSError, "No space left"


def fail_folder_swap(monkeypatch, root):
    real = os.rename

    def rename(src, dst):
        if os.path.basename(src).startswith(".m.tmp-"):
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(artifacts.os, "rename", rename)
    return OSError, "Input/output error"


def fail_manifest_swap(monkeypatch, root):
    """The folder is already swapped in when the manifest's rename fails: the folder must go back."""
    real = os.replace

    def replace(src, dst):
        if os.path.basename(dst) == "manifest.json":
            raise OSError(5, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(artifacts.os, "replace", replace)
    return OSError, "Input/output error"


@pytest.mark.parametrize(
    "fail", [fail_conversion, fail_manifest_unparsable, fail_manifest_unwritable, fail_folder_swap, fail_manifest_swap]
)
def test_a_failed_step_leaves_model_and_manifest_as_they_were(tmp_path, first_export, tiny_run, monkeypatch, fail):
    root = str(tmp_path / "out")
    shutil.copytree(first_export, root)
    error, message = fail(monkeypatch, root)
    before = snapshot(root)
    with pytest.raises(error, match=message):
        export.export_run(tiny_run, root, name="m", data="", classifier="", title="the new one")
    assert snapshot(root) == before  # same files, same bytes, nothing staged left behind
    monkeypatch.undo()
    if fail is not fail_manifest_unparsable:
        with open(os.path.join(root, "manifest.json")) as f:
            [entry] = json.load(f)["models"]
        assert entry["title"] != "the new one"
        export.export_run(tiny_run, root, name="m", data="", classifier="", title="the new one")  # and it recovers
        with open(os.path.join(root, "manifest.json")) as f:
            assert json.load(f)["models"][0]["title"] == "the new one"
        assert sorted(os.listdir(root)) == ["m", "manifest.json"]


def test_one_filter_convolution_bias_is_declared_rank_1(tmp_path):
    """TF.js runs a fused convolution only with a rank-1 bias; a one-filter output layer's bias
    would otherwise be declared (1, 1, 1, 1) and the page would refuse the model."""
    import keras

    x = keras.Input((6, 6, 2))
    model = keras.Model(x, keras.layers.Conv2D(1, 3, padding="same", bias_initializer="ones")(x), name="one")
    artifacts.to_graph_model(model, str(tmp_path / "m"), str(tmp_path))
    with open(tmp_path / "m" / "model.json") as f:
        spec = json.load(f)
    [fused] = [n for n in spec["modelTopology"]["node"] if n["op"] == "_FusedConv2D"]
    shapes = {w["name"]: w["shape"] for g in spec["weightsManifest"] for w in g["weights"]}
    assert shapes[fused["input"][2]] == [1]
    run, _ = artifacts.load_graph_model(str(tmp_path / "m" / "model.json"))
    x = np.random.default_rng(0).random((2, 6, 6, 2), np.float32)
    np.testing.assert_allclose(run(x), model(x).numpy(), atol=1e-5)
