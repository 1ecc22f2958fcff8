"""static/dist/ (scripts/build-assets.mjs): the committed build is exactly what the build makes from the
sources now, and what it holds is what the page needs (TensorFlow.js joined from the vendored files,
every page module in the bundle)."""

import filecmp
import json
import os
import re
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

DIST = os.path.join(ROOT, "static", "dist")


def tree(folder):
    return sorted(
        os.path.relpath(os.path.join(parent, name), folder)
        for parent, _, names in os.walk(folder)
        for name in names
        if not name.endswith((".gz", ".br", ".tmp"))
    )


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    if not shutil.which("node") or not os.path.isdir(os.path.join(ROOT, "node_modules", "esbuild")):
        pytest.fail("the build needs node and esbuild: run `npm ci` (scripts/test.sh does)")
    out = tmp_path_factory.mktemp("dist")
    r = subprocess.run(
        ["node", "scripts/build-assets.mjs", "--out", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert r.returncode == 0, r.stderr
    return str(out)


def test_the_committed_build_is_fresh(rebuilt):
    """A source changed without `npm run build` (or the build committed without its source) fails here."""
    assert tree(rebuilt) == tree(DIST), "static/dist/ is stale: run `npm run build` and commit it"
    stale = [
        path
        for path in tree(DIST)
        if not filecmp.cmp(os.path.join(DIST, path), os.path.join(rebuilt, path), shallow=False)
    ]
    assert stale == [], f"static/dist/ is stale ({stale}): run `npm run build` and commit it"


def test_tfjs_is_the_vendored_scripts_joined(rebuilt):
    with open(os.path.join(DIST, "assets.json")) as f:
        joined = open(os.path.join(DIST, json.load(f)["entries"]["vendor/tfjs/tfjs.js"]), encoding="utf-8").read()
    at = 0
    for name in ("tf-core", "tf-converter", "tf-backend-wasm"):
        with open(os.path.join(ROOT, "static", "vendor", "tfjs", f"{name}.es2017.min.js"), encoding="utf-8") as f:
            code = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", f.read())
        found = joined.find(code, at)
        assert found >= at, f"{name} missing or out of order"
        at = found + len(code)
    assert "sourceMappingURL" not in joined  # the maps are not vendored: no 404s in the browser's tools


def test_the_bundle_holds_every_page_module(rebuilt):
    """Every module under static/js is in the page's one script or the trainer's worker script (esbuild
    names each source in a comment)."""
    with open(os.path.join(DIST, "assets.json")) as f:
        entries = json.load(f)["entries"]
    bundles = [
        open(os.path.join(DIST, entries[entry]), encoding="utf-8").read()
        for entry in ("js/main.js", "js/train/worker.js")
    ]
    bundle = "".join(bundles)
    assert "// static/js/train/worker.js\n" not in bundles[0], "the page's script holds the worker"
    assert "// static/js/train/vae-mlp.js\n" in bundles[1]
    modules = [
        os.path.relpath(os.path.join(parent, name), ROOT)
        for parent, _, names in os.walk(os.path.join(ROOT, "static", "js"))
        for name in names
        if name.endswith(".js")
    ]
    assert len(modules) > 50
    missing = [m for m in modules if f"// {m}\n" not in bundle]
    assert missing == [], missing
