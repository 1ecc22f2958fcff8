"""The one owner of the files the page loads: every exported format is written (and read back) here.

    graph model     Keras model → TensorFlow SavedModel → TF.js graph model folder (model.json +
                    weight shards), optionally with weights quantized to float16 or uint8
                    (`to_graph_model`); `load_graph_model` runs such a folder again in Python, from
                    the files alone, so tests can re-score what ships. Nearest-neighbour
                    UpSampling2D layers are exported as one resize op (`with_resize_upsampling`).
    codes file      int16 little-endian codes, round(value × per_unit), row-major (rows × dim),
                    then one uint8 label per row (`write_codes`, `read_codes`): the latent map and
                    the story's step-3 codes.
    manifest.json   {"version", "default", "models": [...], "story": [...], ...}: read (validated),
                    changed and replaced in one rename (`read_manifest`, `update_manifest`).
    publishing      a model folder and the manifest change that names it are staged side by side
                    and swapped in together, or neither is (`publish`).
    checkpoint      a training run's checkpoint.keras, read back with every custom class of this
                    package registered (`load_checkpoint`: export, --resume and --init-from).

Also the small helpers every writer needs: folder sizes, SHA-256 of a file, and a check that an
output folder can be written before any work starts.
"""

import contextlib
import hashlib
import json
import os
import shutil
import tempfile

MANIFEST = "manifest.json"
QUANTIZE = (None, "float16", "uint8")
CODES_FORMAT = "int16 codes (rows × dim, little-endian, value = code × scale), then one uint8 label per row"


class ArtifactError(RuntimeError):
    """An exported file or folder cannot be read or written; the message says which and why."""


# --- output folders --------------------------------------------------------------------------


def load_checkpoint(run_dir, path=None):
    """The trained Keras model of a run folder (its checkpoint.keras, or the checkpoint at `path`);
    ArtifactError (one line) if it cannot be loaded."""
    import keras

    from train import gan, models, vaegan  # noqa: F401  (registers the custom layers, loss and models)

    path = path or os.path.join(run_dir, "checkpoint.keras")
    try:
        return keras.saving.load_model(path)
    except Exception as e:
        raise ArtifactError(f"cannot load {path} ({type(e).__name__}: {e})") from None


def check_writable_folder(path, what="--out"):
    """Create `path` if needed and prove a file can be written in it; ArtifactError otherwise."""
    if os.path.exists(path) and not os.path.isdir(path):
        raise ArtifactError(f"{what} {path} is a file, not a folder")
    try:
        os.makedirs(path, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=path)
        os.close(fd)
        os.remove(probe)
    except OSError as e:
        raise ArtifactError(f"{what} {path} cannot be written ({e.strerror or e})") from None


def folder_bytes(path):
    """Total size of the files under `path`."""
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- graph models ----------------------------------------------------------------------------


def to_graph_model(model, out_dir, work_dir, quantize=None):
    """Keras model → SavedModel (in work_dir) → TF.js graph model in out_dir.

    quantize: None (float32 weights), "float16" or "uint8": the converter's --quantize_float16 /
    --quantize_uint8 applied to every weight (smaller files; the page dequantizes on load)."""
    if quantize not in QUANTIZE:
        raise ArtifactError(f"quantize must be one of {', '.join(map(str, QUANTIZE))}, not {quantize!r}")
    from tensorflowjs.converters import tf_saved_model_conversion_v2 as converter

    saved = os.path.join(work_dir, "saved_model_" + model.name)
    with_resize_upsampling(model).export(saved, format="tf_saved_model", verbose=False)
    converter.convert_tf_saved_model(saved, out_dir, quantization_dtype_map={quantize: True} if quantize else None)
    _flatten_fused_biases(os.path.join(out_dir, "model.json"))


def with_resize_upsampling(model):
    """The same model, with every nearest-neighbour UpSampling2D done by one resize op.

    Keras 3 writes UpSampling2D("nearest") as a repeat along each axis, which the converter turns
    into a chain of Tile/Reshape ops, which would be most of a decode's time in the page
    (docs/performance.md has the figures). A nearest resize to (2h, 2w) computes
    exactly the same pixels (source index = floor(target index / 2)) as one ResizeNearestNeighbor
    op. The other layers are reused as they are (same weights); a model without such a layer
    (channels-last, as every model here) is returned unchanged."""
    import keras

    def is_nearest_upsampling(layer):
        return (
            isinstance(layer, keras.layers.UpSampling2D)
            and layer.interpolation == "nearest"
            and layer.data_format == "channels_last"
        )

    def has_upsampling(m):
        return any(
            is_nearest_upsampling(layer) or (isinstance(layer, keras.Model) and has_upsampling(layer))
            for layer in m.layers
        )

    if not has_upsampling(model):
        return model

    class ResizeNearest(keras.layers.Layer):
        """UpSampling2D("nearest") by integer factors, as one image resize (export only)."""

        def __init__(self, size, **kwargs):
            super().__init__(**kwargs)
            self.size = tuple(size)

        def call(self, x):
            height, width = x.shape[1] * self.size[0], x.shape[2] * self.size[1]
            return keras.ops.image.resize(x, (height, width), interpolation="nearest")

        def compute_output_shape(self, input_shape):
            n, h, w, c = input_shape
            return n, h * self.size[0], w * self.size[1], c

    def swap(layer):
        return ResizeNearest(layer.size, name=layer.name) if is_nearest_upsampling(layer) else layer

    return keras.models.clone_model(model, clone_function=swap, recursive=True)


def _flatten_fused_biases(model_json):
    """Declare fused-convolution biases rank 1, as TF.js requires.

    Keras 3 adds a convolution's bias as a (1, 1, 1, C) tensor. Grappler folds that reshape into
    the constant, and for C = 1 (a one-filter output layer) the converter keeps it rank 4 when it
    fuses the add into _FusedConv2D; TF.js then refuses to run the model ("FusedConv2D only
    supports rank-1 bias but got rank 4"). The bytes are the same either way, so only the shape
    that model.json declares changes."""
    with open(model_json) as f:
        spec = json.load(f)
    biases = {
        node["input"][2]
        for node in spec["modelTopology"]["node"]
        if node["op"] == "_FusedConv2D" and len(node.get("input", [])) > 2
    }
    changed = False
    for group in spec["weightsManifest"]:
        for weight in group["weights"]:
            shape = weight["shape"]
            if weight["name"] in biases and len(shape) > 1 and all(d == 1 for d in shape[:-1]):
                weight["shape"] = shape[-1:]
                changed = True
    if changed:
        with open(model_json, "w") as f:
            json.dump(spec, f)


def load_graph_model(model_json):
    """A TF.js graph model folder, run by TensorFlow in Python: returns (run, signature).

    run(x) maps a float32 array for the one input to a float32 array of the one output; signature
    is model.json's "signature" (input/output names and shapes). Weights are read (and
    dequantized) from the shards the page downloads, so this checks the files as shipped."""
    import numpy as np
    import tensorflow as tf
    from google.protobuf import json_format

    try:
        spec, weights = read_graph_weights(model_json)
        [(_, inp)] = spec["signature"]["inputs"].items()
        [(_, out)] = spec["signature"]["outputs"].items()
        graph_def = json_format.ParseDict(spec["modelTopology"], tf.compat.v1.GraphDef())
    except (ValueError, KeyError, json_format.ParseError) as e:
        raise ArtifactError(f"{model_json} is not a readable TF.js graph model ({type(e).__name__}: {e})") from None
    for node in graph_def.node:
        if node.name in weights:
            node.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(weights[node.name]))
    graph = tf.compat.v1.wrap_function(lambda: tf.compat.v1.import_graph_def(graph_def, name=""), [])
    fn = graph.prune(inp["name"], out["name"])

    def run(x, batch_size=500):
        x = np.asarray(x, np.float32)
        return np.concatenate(
            [fn(tf.constant(x[i : i + batch_size])).numpy() for i in range(0, max(len(x), 1), batch_size)]
        )

    return run, spec["signature"]


def read_graph_weights(model_json):
    """(model.json's content, {weight name: array}) of a TF.js graph model folder, dequantized from the
    shards the page downloads; ArtifactError (one line) if they cannot be read."""
    from tensorflowjs.read_weights import read_weights

    try:
        with open(model_json) as f:
            spec = json.load(f)
        shards = read_weights(spec["weightsManifest"], os.path.dirname(model_json), flatten=True)
    except (OSError, ValueError, KeyError) as e:
        raise ArtifactError(f"{model_json} is not a readable TF.js graph model ({type(e).__name__}: {e})") from None
    return spec, {w["name"]: w["data"] for w in shards}


def graph_weights_into(network, model_json):
    """Set a Keras network's weights from the graph model it was exported as (model_json), e.g. to train
    on from a shipped model whose run folder is not at hand.

    The converter folds biases into fused ops and renames scopes, so a variable is found by its shape:
    the one float array of that shape, or, where several share it (μ's and log σ²'s layers), the one
    under the layer's own name (the converter's scope is the Keras name plus "_N"). Arrays under a
    refinement ("refine…", train/refine.py: the decoder's copy a refined encoder carries) are skipped.
    ArtifactError (one line) if a variable has no such array: another architecture."""
    import re

    _, weights = read_graph_weights(model_json)
    arrays = {name: w for name, w in weights.items() if w.dtype.kind == "f" and "/refine" not in name}
    values = []
    for layer in network.layers:
        scope = re.compile(rf"(^|/){re.escape(layer.name)}_\d+/")
        for variable in layer.weights:
            found = [name for name, w in arrays.items() if tuple(w.shape) == tuple(variable.shape)]
            if len(found) > 1:
                found = [name for name in found if scope.search(name)]
            if len(found) != 1:
                raise ArtifactError(
                    f"{model_json} has no one array for {network.name}'s {variable.path} {tuple(variable.shape)}: "
                    "not the same architecture"
                )
            values.append(arrays.pop(found[0]))
    network.set_weights(values)


# --- codes files -----------------------------------------------------------------------------


def write_codes(path, codes, labels, per_unit):
    """Write codes (rows × dim) and labels (rows) in the codes format; returns {"scale", "format"}
    for the manifest (scale = 1 / per_unit: the page multiplies the int16 values by it)."""
    import numpy as np

    codes = np.asarray(codes, np.float64)
    if codes.ndim != 2 or len(labels) != len(codes):
        raise ArtifactError(f"codes must be rows × dim with one label per row, not {codes.shape} and {len(labels)}")
    q = np.clip(np.round(codes * per_unit), -32767, 32767).astype("<i2")
    with open(path, "wb") as f:
        f.write(q.tobytes(order="C"))
        f.write(np.asarray(labels, np.uint8).tobytes())
    return {"scale": 1 / per_unit, "format": CODES_FORMAT}


def read_codes(path, rows, dim, scale):
    """(codes float64 rows × dim, labels uint8 rows) from a codes file; its size must match."""
    import numpy as np

    with open(path, "rb") as f:
        raw = f.read()
    if len(raw) != rows * dim * 2 + rows:
        raise ArtifactError(
            f"{path} holds {len(raw)} bytes; {rows} rows of {dim} int16 codes and a label "
            f"each need {rows * dim * 2 + rows}"
        )
    codes = np.frombuffer(raw[: rows * dim * 2], "<i2").reshape(rows, dim) * scale
    return codes, np.frombuffer(raw[rows * dim * 2 :], np.uint8)


# --- manifest --------------------------------------------------------------------------------


def empty_manifest():
    return {"version": 1, "default": None, "models": []}


def read_manifest(out_root):
    """out_root/manifest.json (an empty one if there is none); ArtifactError if it is unreadable."""
    path = os.path.join(out_root, MANIFEST)
    if not os.path.exists(path):
        return empty_manifest()
    try:
        with open(path) as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        raise ArtifactError(f"{path} cannot be read ({type(e).__name__}: {e}); fix or remove it") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("models"), list):
        raise ArtifactError(f'{path} is not a manifest (no "models" list); fix or remove it')
    return manifest


def _write_manifest_file(out_root, manifest):
    """Write `manifest` to a new hidden file in out_root; returns its path (not yet in place)."""
    fd, tmp = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=out_root)
    try:
        with os.fdopen(fd, "w") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        os.chmod(tmp, 0o644)
    except BaseException:
        os.remove(tmp)
        raise
    return tmp


def update_manifest(out_root, change):
    """Read out_root/manifest.json, apply change(manifest) → manifest, replace it in one rename
    (readers see the old file or the new, never half); returns the new manifest."""
    manifest = change(read_manifest(out_root))
    os.replace(_write_manifest_file(out_root, manifest), os.path.join(out_root, MANIFEST))
    return manifest


def with_model(manifest, entry, make_default=False):
    """The manifest with `entry` added, or replacing the entry of the same name in its place; it
    becomes the default when asked or when the default names no model."""
    names = [m["name"] for m in manifest["models"]]
    models = [m for m in manifest["models"] if m["name"] != entry["name"]]
    models.insert(names.index(entry["name"]) if entry["name"] in names else len(models), entry)
    manifest = {**manifest, "models": models}
    if make_default or manifest.get("default") not in {m["name"] for m in models}:
        manifest["default"] = entry["name"]
    return manifest


# --- publishing: a folder and its manifest change, together -----------------------------------


class Stage:
    """What `publish` yields: `folder` to write into, and `change` (manifest → manifest) to set."""

    def __init__(self, folder):
        self.folder = folder
        self.change = None


@contextlib.contextmanager
def publish(out_root, name):
    """Replace out_root/name and change out_root/manifest.json together, or change neither.

        with publish("exported_model", "vae-2d") as stage:
            ...write files into stage.folder...
            stage.change = lambda manifest: with_model(manifest, entry)

    The folder is written beside its target under a hidden name; when the block succeeds the new
    manifest is written beside manifest.json (an unreadable manifest stops here), then the folder
    is swapped in and the manifest replaced. If the manifest cannot be put in place, the old
    folder is put back. Whatever fails, out_root is left as it was and no staged file remains."""
    check_writable_folder(out_root)
    final = os.path.join(out_root, name)
    staging = tempfile.mkdtemp(prefix=f".{name}.tmp-", dir=out_root)
    manifest_tmp = None
    try:
        stage = Stage(staging)
        yield stage
        os.chmod(staging, 0o755)
        if stage.change is not None:
            manifest_tmp = _write_manifest_file(out_root, stage.change(read_manifest(out_root)))
        _swap_in(staging, final, manifest_tmp, os.path.join(out_root, MANIFEST))
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # gone already when swapped in
        if manifest_tmp and os.path.exists(manifest_tmp):
            os.remove(manifest_tmp)


def _swap_in(staging, final, manifest_tmp, manifest_path):
    """Rename staging → final (the old final aside) and manifest_tmp → manifest_path; on failure,
    undo the renames done so far and re-raise."""
    old = None
    if os.path.exists(final):
        old = tempfile.mkdtemp(prefix=f".{os.path.basename(final)}.old-", dir=os.path.dirname(final))
        os.rmdir(old)
        os.rename(final, old)
    try:
        os.rename(staging, final)
        try:
            if manifest_tmp:
                os.replace(manifest_tmp, manifest_path)
        except BaseException:
            os.rename(final, staging)
            raise
    except BaseException:
        if old:
            os.rename(old, final)
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)
