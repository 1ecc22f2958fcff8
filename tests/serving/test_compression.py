"""Compressed transfer (server/precompress.py, served by WhiteNoise): brotli or gzip copies written once
into a folder of their own (never beside the files), only where they save; each answer the file's bytes
in the encoding the browser takes, with Vary, 304s, HEAD and Range; a copy found by the file's bytes, so
never one of other bytes nor of a file that is gone; and, in Chromium through the real app, the page
boots over compressed answers and a second visit or a reload asks only for the page and the manifest."""

import gzip
import hashlib
import json
import os
import re
import shutil
import urllib.request

import brotli
import numpy as np
import pytest

from server import create_app
from server import precompress as precompress_module
from server.precompress import default_folder, precompress
from tests.harness import EXPORTED, ROOT, Lines, LiveServer, models_url, open_page, server_cli

GZ = {"Accept-Encoding": "gzip, deflate"}  # Chromium over plain http to a LAN address
BR = {"Accept-Encoding": "gzip, deflate, br, zstd"}  # Chromium over https or from localhost
TEXT = "/static/js/main.js"
WASM = "/static/vendor/tfjs/tfjs-backend-wasm.wasm"


@pytest.fixture
def static_dir(tmp_path):
    """A static folder with the build's map, the English catalog (the page's words) and two files to
    compress (brotli's best level is slow)."""
    root = tmp_path / "static"
    for path in ("dist/assets.json", "i18n/en.json", TEXT[len("/static/") :], WASM[len("/static/") :]):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(os.path.join(ROOT, "static", path), root / path)
    return root


@pytest.fixture
def models_dir(tmp_path):
    rng = np.random.default_rng(0)
    d = tmp_path / "models" / "m1" / "decoder"
    d.mkdir(parents=True)
    weights = [{"name": f"dense_{i}/kernel", "shape": [32, 32], "dtype": "float32"} for i in range(32)]
    (d / "model.json").write_text(
        json.dumps(
            {"format": "graph-model", "weightsManifest": [{"paths": ["group1-shard1of1.bin"], "weights": weights}]},
            indent=1,
        )
    )
    # Float weights are close to random bytes; uint8-quantized weights bunch near the middle code.
    (d / "group1-shard1of1.bin").write_bytes(rng.normal(0, 0.05, 32768).astype(np.float32).tobytes())
    (d / "uint8-shard.bin").write_bytes(np.clip(rng.normal(128, 12, 32768).round(), 0, 255).astype(np.uint8).tobytes())
    (d / "random.bin").write_bytes(rng.bytes(32768))  # nothing to gain from compressing these
    (tmp_path / "models" / "manifest.json").write_text(
        json.dumps({"version": 1, "default": "m1", "models": [{"name": "m1", "title": "x" * 40}] * 40})
    )
    return tmp_path / "models"


@pytest.fixture
def copies(tmp_path):
    """The folder the compressed copies go to."""
    return tmp_path / "copies"


def make_app(static_dir, models_dir, copies):
    return create_app({"MODELS_DIR": str(models_dir), "STATIC_DIR": str(static_dir), "COMPRESSED_DIR": str(copies)})


def copy_of(copies, data, suffix):
    """Where the copy of `data` for suffix is: named by the SHA-256 of the bytes, computed here."""
    return copies / (hashlib.sha256(data).hexdigest() + suffix)


@pytest.fixture
def app(static_dir, models_dir, copies):
    for suffix in (".gz", ".br"):
        precompress([static_dir, models_dir], suffix, into=copies)
    return make_app(static_dir, models_dir, copies)


@pytest.fixture
def client(app):
    return app.test_client()


def urls(client):
    """{name: (URL, the file's bytes)} for the page, two static files, a manifest and three model files."""
    base = "/" + models_url(client.get("/").get_data(as_text=True))
    static = client.application.config["STATIC_DIR"]
    models = client.application.config["MODELS_DIR"]
    read = lambda *p: open(os.path.join(*p), "rb").read()  # noqa: E731
    return {
        "page": ("/", read(client.application.extensions["files"].page)),
        "text": (TEXT, read(static, TEXT[len("/static/") :])),
        "wasm": (WASM, read(static, WASM[len("/static/") :])),
        "manifest": ("/models/manifest.json", read(models, "manifest.json")),
        "model.json": (f"{base}m1/decoder/model.json", read(models, "m1/decoder/model.json")),
        "uint8": (f"{base}m1/decoder/uint8-shard.bin", read(models, "m1/decoder/uint8-shard.bin")),
        "float": (f"{base}m1/decoder/group1-shard1of1.bin", read(models, "m1/decoder/group1-shard1of1.bin")),
        "random": (f"{base}m1/decoder/random.bin", read(models, "m1/decoder/random.bin")),
    }


@pytest.mark.parametrize("name", ["page", "text", "wasm", "manifest", "model.json", "uint8"])
def test_each_encoding_is_the_file(client, name):
    url, original = urls(client)[name]
    # Measured here, independently: gzip and brotli both save well over 5% on these.
    assert len(gzip.compress(original)) < 0.9 * len(original) and len(brotli.compress(original)) < 0.9 * len(original)
    answers = {}
    for encoding, headers, decode in (
        ("br", BR, brotli.decompress),
        ("gzip", GZ, gzip.decompress),
        (None, {}, bytes),
        (None, {"Accept-Encoding": "identity"}, bytes),
    ):
        r = client.get(url, headers=headers)
        assert r.status_code == 200 and r.headers.get("Content-Encoding") == encoding, (url, headers)
        assert int(r.headers["Content-Length"]) == len(r.data) and decode(r.data) == original
        assert r.headers["Vary"] == "Accept-Encoding"  # the URL's answer depends on the header
        answers[encoding] = r
    assert len(answers["br"].data) < len(answers["gzip"].data) < 0.9 * len(original)
    assert len({r.headers["Cache-Control"] for r in answers.values()}) == 1


@pytest.mark.parametrize("name", ["float", "random"])
def test_a_copy_is_kept_only_where_it_saves_five_percent(client, copies, name):
    """Float weights save a little (measured here: the copy is kept exactly when it saves 5%); bytes
    that do not shrink go as they are, without Vary."""
    url, original = urls(client)[name]
    for suffix, encoding, packed in (
        (".gz", "gzip", gzip.compress(original, 9)),
        (".br", "br", brotli.compress(original)),
    ):
        kept = len(packed) <= 0.95 * len(original)
        assert copy_of(copies, original, suffix).exists() == kept, (name, suffix, len(packed) / len(original))
        r = client.get(url, headers={"Accept-Encoding": encoding})
        assert r.status_code == 200 and r.headers.get("Content-Encoding") == (encoding if kept else None)
    if name == "random":
        r = client.get(url, headers=BR)
        assert "Content-Encoding" not in r.headers and "Vary" not in r.headers
        assert r.data == original and r.mimetype == "application/octet-stream"


def test_each_encoding_revalidates_to_304_with_every_header(client):
    for url, _ in urls(client).values():
        for headers in (BR, GZ, {}):
            first = client.get(url, headers=headers)
            r = client.get(url, headers={**headers, "If-None-Match": first.headers["ETag"]})
            assert r.status_code == 304 and r.data == b"", url
            assert r.headers["Cache-Control"] == first.headers["Cache-Control"]
            assert r.headers["Content-Security-Policy"] and r.headers["X-Content-Type-Options"] == "nosniff"
            r = client.get(url, headers={**headers, "If-Modified-Since": first.headers["Last-Modified"]})
            assert r.status_code == 304, url


def test_head_and_range(client):
    url, original = urls(client)["wasm"]
    get = client.get(url, headers=GZ)
    head = client.head(url, headers=GZ)
    assert head.status_code == 200 and head.data == b""
    assert (
        head.headers["Content-Length"] == get.headers["Content-Length"] and head.headers["Content-Encoding"] == "gzip"
    )
    r = client.get(url, headers={"Range": "bytes=0-99"})
    assert r.status_code == 206 and "Content-Encoding" not in r.headers and r.data == original[:100]
    r = client.get(url, headers={**GZ, "Range": "bytes=10-"})  # a range of the gzip copy, said so
    assert r.status_code == 206 and r.headers["Content-Encoding"] == "gzip" and r.data == get.data[10:]


def test_a_copy_is_made_again_when_its_file_changes_and_only_then(app, static_dir, models_dir, copies):
    folders = [static_dir, models_dir]
    made = sorted(os.listdir(copies))
    assert precompress(folders, ".gz", copies)[0] == 0 and precompress(folders, ".br", copies)[0] == 0  # all fresh
    path = models_dir / "m1" / "decoder" / "model.json"
    path.write_text(path.read_text() + " " * 100)
    assert precompress(folders, ".gz", copies)[0] == 1 and precompress(folders, ".br", copies)[0] == 1
    assert gzip.decompress(copy_of(copies, path.read_bytes(), ".gz").read_bytes()) == path.read_bytes()
    assert set(made) < set(os.listdir(copies)) and not [n for n in os.listdir(copies) if n.endswith(".tmp")]
    # Nothing was written beside the served files.
    beside = [p for folder in folders for p in folder.rglob("*") if p.name.endswith((".gz", ".br", ".tmp"))]
    assert beside == []


def test_copies_made_after_start_are_served_after_refresh(static_dir, models_dir, copies):
    app = make_app(static_dir, models_dir, copies)
    client = app.test_client()
    assert "Content-Encoding" not in client.get(TEXT, headers=GZ).headers  # no copy yet
    precompress([static_dir, models_dir], ".gz", copies)
    assert "Content-Encoding" not in client.get(TEXT, headers=GZ).headers  # the index is from the start
    app.extensions["files"].refresh()
    assert client.get(TEXT, headers=GZ).headers["Content-Encoding"] == "gzip"


def test_errors_are_json_with_the_security_headers(client):
    for url, status in (("/models/nope.json", 404), ("/static/%2e%2e/server/routes.py", 404)):
        r = client.get(url, headers=GZ)
        assert r.status_code == status and r.get_json() == {"error": "not found"}
        assert r.headers["X-Frame-Options"] == "DENY" and "Content-Encoding" not in r.headers
    r = client.post(TEXT)
    assert r.status_code == 405 and r.headers["X-Content-Type-Options"] == "nosniff"


def test_server_cli_writes_the_copies_into_its_folder_and_serves_them(models_dir, tmp_path):
    """--compressed names the folder (the default, in Flask's instance folder, is checked below); the
    checkout's static folder is served and nothing is written into it."""
    copies = tmp_path / "cli-copies"
    with server_cli("--port", "0", "--models", str(models_dir), compressed=copies) as proc:
        Lines(proc.stderr)  # (drained, so that the server never waits on it)
        lines = Lines(proc.stdout)
        port = lines.until("open http://").rsplit(":", 1)[1].strip(" /\n")
        assert re.search(r"gzip ready: \d+ compressed copies written", lines.next())
        assert copy_of(copies, (models_dir / "m1" / "decoder" / "uint8-shard.bin").read_bytes(), ".gz").exists()
        main_js = open(os.path.join(ROOT, "static", "js", "main.js"), "rb").read()
        assert copy_of(copies, main_js, ".gz").exists()
        assert not os.path.exists(os.path.join(ROOT, "static", "js", "main.js.gz"))
        assert not list((models_dir / "m1").rglob("*.gz"))
        request = urllib.request.Request(f"http://127.0.0.1:{port}/models/manifest.json", headers=GZ)
        with urllib.request.urlopen(request, timeout=30) as r:
            assert r.headers.get("Content-Encoding") == "gzip"
            assert gzip.decompress(r.read()) == (models_dir / "manifest.json").read_bytes()


def test_python_m_server_keeps_the_copies_in_flasks_instance_folder(models_dir):
    app = create_app({"MODELS_DIR": str(models_dir)})
    assert default_folder() == os.path.join(app.instance_path, "compressed")
    assert app.config["COMPRESSED_DIR"] is None  # an app made without the setting reads no copies but the page's


def recorder(app):
    """Record (method, path, status) of every request the app answers, in app.answered."""
    app.answered = []
    inner = app.wsgi_app

    def wsgi(environ, start_response):
        def start(status, headers, exc_info=None):
            app.answered.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], int(status[:3])))
            return start_response(status, headers, exc_info)

        return inner(environ, start)

    app.wsgi_app = wsgi
    return app.answered


@pytest.fixture(scope="module")
def compressed_server(tmp_path_factory):
    """The app serving the real static folder and the committed models, with their gzip copies in a
    temporary folder (brotli's would take ~20 s to make: `python -m server` makes those after it starts)."""
    copies = tmp_path_factory.mktemp("copies")
    precompress([os.path.join(ROOT, "static"), EXPORTED], ".gz", copies)
    server = LiveServer(EXPORTED, COMPRESSED_DIR=str(copies))
    yield server
    server.close()


def test_the_page_boots_compressed_and_a_second_visit_asks_only_for_page_and_manifest(make_page, compressed_server):
    answered = recorder(compressed_server.app)
    page = make_page()
    answers = {}
    page.on("response", lambda r: answers.setdefault(r.url.replace(compressed_server.url, "/"), r))
    open_page(page, compressed_server, "?backend=wasm")
    page.wait_for_function("() => window.vaeDemo.ready", timeout=60000)
    # Chromium offers brotli to a loopback address: the page has its copy (made at start), the rest gzip.
    encodings = {url: r.all_headers().get("content-encoding") for url, r in answers.items()}
    assert encodings.pop("/?backend=wasm") == "br" and encodings.pop("/models/manifest.json") == "gzip"
    assert {encodings[u] for u in encodings if u.endswith((".wasm", ".js", ".css", ".json"))} == {"gzip"}, encodings
    first = [a for a in answered if a[0] == "GET"]
    assert len(first) <= 12 and all(status == 200 for _, _, status in first), first

    for again in (page.reload, lambda: page.goto(compressed_server.url + "?backend=wasm")):
        answered.clear()
        again()
        page.wait_for_function("() => window.vaeDemo && window.vaeDemo.ready", timeout=60000)
        page.wait_for_load_state("networkidle")
        asked = sorted(path for _, path, _ in answered)
        assert asked == ["/", "/models/manifest.json"], answered
        assert all(status in (200, 304) for _, _, status in answered), answered


def test_a_stale_copy_is_never_served(static_dir, models_dir, copies):
    """An edited source (or a re-exported model) whose copies are of other bytes goes uncompressed until
    precompress makes them again: never the old bytes."""
    precompress([static_dir, models_dir], ".gz", copies)
    path = static_dir / TEXT[len("/static/") :]
    path.write_text(path.read_text() + "\n// edited after its copy was made\n")
    client = make_app(static_dir, models_dir, copies).test_client()
    r = client.get(TEXT, headers=GZ)
    assert "Content-Encoding" not in r.headers and r.data == path.read_bytes()
    precompress([static_dir, models_dir], ".gz", copies)
    client.application.extensions["files"].refresh()
    r = client.get(TEXT, headers=GZ)
    assert r.headers["Content-Encoding"] == "gzip" and gzip.decompress(r.data) == path.read_bytes()


def test_staleness_is_judged_by_the_bytes_not_the_modification_time(static_dir, models_dir, copies):
    """An edit that keeps the size and the modification time (to the nanosecond) still drops the copy;
    a file touched without a change keeps it."""
    path = static_dir / TEXT[len("/static/") :]
    precompress([static_dir], ".gz", copies)
    before, stat = path.read_bytes(), path.stat()
    edited = before.replace(b"const", b"CONST", 1)
    assert edited != before and len(edited) == len(before)
    path.write_bytes(edited)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    r = make_app(static_dir, models_dir, copies).test_client().get(TEXT, headers=GZ)
    assert "Content-Encoding" not in r.headers and r.data == edited
    path.write_bytes(before)
    os.utime(path, ns=(stat.st_atime_ns + 5 * 10**9, stat.st_mtime_ns + 5 * 10**9))  # touched: same bytes
    r = make_app(static_dir, models_dir, copies).test_client().get(TEXT, headers=GZ)
    assert r.headers["Content-Encoding"] == "gzip" and gzip.decompress(r.data) == before


def test_a_leftover_copy_whose_file_is_gone_is_never_served(static_dir, models_dir, copies):
    """`x.js.gz` without its `x.js` (beside it, as older versions wrote them) answers 404 by either name,
    and a copy beside a file is never taken for its copy."""
    (static_dir / "js" / "old").mkdir()
    gone = static_dir / "js" / "old" / "gone.js"
    gone.write_text("export const gone = 1;\n" * 50)
    precompress([static_dir / "js" / "old"], ".gz", copies)
    assert copy_of(copies, gone.read_bytes(), ".gz").exists()
    (static_dir / "js" / "old" / "gone.js.gz").write_bytes(gzip.compress(gone.read_bytes()))
    gone.unlink()
    stray = gzip.compress(b"// not main.js\n" * 100)
    (static_dir / "js" / "main.js.gz").write_bytes(stray)
    client = make_app(static_dir, models_dir, copies).test_client()
    for url in ("/static/js/old/gone.js", "/static/js/old/gone.js.gz", "/static/js/main.js.gz"):
        r = client.get(url, headers=GZ)
        assert r.status_code == 404 and r.get_json() == {"error": "not found"}, url
    r = client.get(TEXT, headers=GZ)
    assert r.data == (static_dir / "js" / "main.js").read_bytes()
    assert "Content-Encoding" not in r.headers


def test_a_copy_is_never_left_half_written(static_dir, copies, monkeypatch):
    """A copy goes under its name only whole (written aside, then renamed): a failure on the way leaves
    neither the copy nor the temporary file, and is said in one sentence."""

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(precompress_module.os, "replace", fail)
    written, _, error = precompress([static_dir], ".gz", copies)
    assert written == 0 and os.listdir(copies) == []
    assert error.startswith("cannot write the .gz copy of ") and error.endswith("(No space left on device)")
