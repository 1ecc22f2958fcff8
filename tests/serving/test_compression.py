"""Compressed transfer: gzip where the browser takes it and the file shrinks, identity otherwise; one
ETag per encoding with working 304s, HEAD, Range, headers kept, each file compressed once; and the
real page still boots in Chromium over gzip."""

import gzip
import json
import os
import re
import subprocess
import sys
import threading
import urllib.request

import numpy as np
import pytest

from server import CONTENT_SECURITY_POLICY, compression, create_app
from tests.conftest import ROOT, LiveServer, open_page

GZ = {"Accept-Encoding": "gzip, deflate"}
TFJS = "/static/vendor/tfjs/tf-core.es2017.min.js"
WASM = "/static/vendor/tfjs/tfjs-backend-wasm-simd.wasm"


def saving(data):
    """What gzip saves on data, measured here independently of the server's code."""
    return 1 - len(gzip.compress(data, 9)) / len(data)


@pytest.fixture
def models_dir(tmp_path):
    rng = np.random.default_rng(0)
    d = tmp_path / "m1" / "decoder"
    d.mkdir(parents=True)
    weights = [{"name": f"dense_{i}/kernel", "shape": [32, 32], "dtype": "float32"} for i in range(32)]
    (d / "model.json").write_text(json.dumps({"format": "graph-model", "weightsManifest": [
        {"paths": ["group1-shard1of1.bin"], "weights": weights}]}, indent=1))
    # Float weights are close to random bytes; uint8-quantized weights bunch near the middle code.
    (d / "group1-shard1of1.bin").write_bytes(rng.normal(0, 0.05, 32768).astype(np.float32).tobytes())
    (d / "uint8-shard.bin").write_bytes(np.clip(rng.normal(128, 12, 32768).round(), 0, 255)
                                        .astype(np.uint8).tobytes())
    (tmp_path / "manifest.json").write_text(json.dumps(
        {"version": 1, "default": "m1", "models": [{"name": "m1", "title": "x" * 40}] * 40}))
    return tmp_path


@pytest.fixture
def app(models_dir):
    return create_app({"MODELS_DIR": str(models_dir)})


@pytest.fixture
def client(app):
    return app.test_client()


def file_bytes(url, models_dir):
    if url.startswith("/models/"):
        return (models_dir / url[len("/models/"):]).read_bytes()
    with open(os.path.join(ROOT, url.lstrip("/")), "rb") as f:
        return f.read()


@pytest.mark.parametrize("url", [TFJS, WASM, "/static/css/app.css", "/models/manifest.json",
                                 "/models/m1/decoder/model.json", "/models/m1/decoder/uint8-shard.bin"])
def test_gzip_body_is_the_file_and_identity_without_accept_encoding(client, models_dir, url):
    original = file_bytes(url, models_dir)
    assert saving(original) >= 0.10 and len(original) >= 1024
    r = client.get(url, headers=GZ)
    assert r.status_code == 200 and r.headers["Content-Encoding"] == "gzip"
    assert r.headers["Vary"] == "Accept-Encoding"
    assert int(r.headers["Content-Length"]) == len(r.data) < 0.9 * len(original)
    assert gzip.decompress(r.data) == original
    assert "Accept-Ranges" not in r.headers
    for headers in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "gzip;q=0, deflate"}):
        plain = client.get(url, headers=headers)
        assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
        assert plain.data == original and int(plain.headers["Content-Length"]) == len(original)
        assert plain.headers["Vary"] == "Accept-Encoding"  # the URL's answer depends on the header
        assert plain.headers["ETag"] != r.headers["ETag"]
        assert plain.headers["Cache-Control"] == r.headers["Cache-Control"]


def test_float_weights_that_gzip_barely_shrinks_go_as_they_are(client, models_dir):
    url = "/models/m1/decoder/group1-shard1of1.bin"
    assert saving(file_bytes(url, models_dir)) < 0.10
    r = client.get(url, headers=GZ)
    assert r.status_code == 200 and "Content-Encoding" not in r.headers and "Vary" not in r.headers
    assert r.data == file_bytes(url, models_dir) and r.mimetype == "application/octet-stream"


def test_the_page_itself_is_gzipped(client):
    plain = client.get("/")
    r = client.get("/", headers=GZ)
    assert r.headers["Content-Encoding"] == "gzip" and r.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(r.data) == plain.data and len(r.data) < 0.9 * len(plain.data)


@pytest.mark.parametrize("url", ["/models/manifest.json", TFJS])
def test_each_encoding_revalidates_to_304_with_its_own_etag(client, url):
    zipped, plain = client.get(url, headers=GZ), client.get(url)
    assert zipped.headers["ETag"] == plain.headers["ETag"][:-1] + '-gzip"'
    for headers, tag in ((GZ, zipped.headers["ETag"]), ({}, plain.headers["ETag"])):
        r = client.get(url, headers={**headers, "If-None-Match": tag})
        assert r.status_code == 304 and r.data == b"" and r.headers["ETag"] == tag
        assert r.headers["Vary"] == "Accept-Encoding"
        assert r.headers["Cache-Control"] == plain.headers["Cache-Control"]
    # A tag of the other encoding is not a match: the full answer in the encoding asked for.
    r = client.get(url, headers={**GZ, "If-None-Match": plain.headers["ETag"]})
    assert r.status_code == 200 and r.data == zipped.data and r.headers["ETag"] == zipped.headers["ETag"]
    r = client.get(url, headers={"If-None-Match": zipped.headers["ETag"]})
    assert r.status_code == 200 and r.data == plain.data and "Content-Encoding" not in r.headers


def test_if_modified_since_gives_304_for_gzip_too(client):
    last_modified = client.get(TFJS).headers["Last-Modified"]
    r = client.get(TFJS, headers={**GZ, "If-Modified-Since": last_modified})
    assert r.status_code == 304 and r.headers["ETag"].endswith('-gzip"')


def test_head_gives_the_gzip_headers_without_a_body(client):
    get = client.get(TFJS, headers=GZ)
    r = client.head(TFJS, headers=GZ)
    assert r.status_code == 200 and r.data == b""
    assert r.headers["Content-Encoding"] == "gzip" and r.headers["Content-Length"] == get.headers["Content-Length"]
    assert r.headers["ETag"] == get.headers["ETag"] and r.headers["Vary"] == "Accept-Encoding"


def test_a_range_request_gets_identity_bytes(client):
    original = file_bytes(WASM, None)
    r = client.get(WASM, headers={**GZ, "Range": "bytes=0-99"})
    assert r.status_code == 206 and "Content-Encoding" not in r.headers and r.data == original[:100]


def test_compressed_answers_keep_security_and_cache_headers(client):
    for url, cache in ((TFJS, "public, max-age=3600"), ("/models/manifest.json", "no-cache"),
                       ("/models/m1/decoder/model.json", "public, max-age=86400"), ("/", None)):
        r = client.get(url, headers=GZ)
        assert r.headers["Content-Encoding"] == "gzip", url
        assert r.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert r.headers["X-Content-Type-Options"] == "nosniff" and r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["Referrer-Policy"] == "no-referrer"
        assert r.headers.get("Cache-Control") == cache, url


def test_errors_and_odd_paths_are_not_compressed(client):
    for url in ("/models/nope.json", "/models/../manifest.json", "/static/%2e%2e/server/routes.py"):
        r = client.get(url, headers=GZ)
        assert r.status_code == 404 and "Content-Encoding" not in r.headers
        assert r.get_json() == {"error": "not found"}


def test_each_file_is_compressed_once_until_it_changes(app, models_dir, monkeypatch):
    calls = []
    real = compression.gzip_if_worth
    monkeypatch.setattr(compression, "gzip_if_worth", lambda data: calls.append(len(data)) or real(data))
    url = "/models/m1/decoder/model.json"

    def fetch():
        with app.test_client() as c:
            answers.append(c.get(url, headers=GZ).data)

    answers = []
    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(set(answers)) == 1
    path = models_dir / "m1" / "decoder" / "model.json"
    path.write_text(path.read_text() + " " * 100)  # a new size: compressed again, the new bytes served
    answers.clear()
    fetch()
    assert len(calls) == 2 and gzip.decompress(answers[0]) == path.read_bytes()


def test_warm_compresses_the_served_files_before_any_request(app, models_dir, monkeypatch):
    count, saved, _ = compression.warm(app)
    expected = [TFJS, WASM, "/models/manifest.json", "/models/m1/decoder/model.json",
                "/models/m1/decoder/uint8-shard.bin"]
    sizes = {url: (len(file_bytes(url, models_dir)), len(gzip.compress(file_bytes(url, models_dir), 9)))
             for url in expected}
    assert count >= len(expected) and saved >= sum(size - packed for size, packed in sizes.values())
    calls = []
    monkeypatch.setattr(compression, "gzip_if_worth", lambda data: calls.append(1))
    client = app.test_client()
    for url in expected + ["/models/m1/decoder/group1-shard1of1.bin"]:
        assert client.get(url, headers=GZ).status_code == 200
    assert calls == []  # every answer came from the store


def test_compression_can_be_switched_off(models_dir):
    c = create_app({"MODELS_DIR": str(models_dir), "COMPRESS": False}).test_client()
    r = c.get(TFJS, headers=GZ)
    assert "Content-Encoding" not in r.headers and "Vary" not in r.headers
    assert r.data == file_bytes(TFJS, None)


@pytest.mark.parametrize("flags, encoding", [([], "gzip"), (["--no-compress"], None)])
def test_server_cli_compresses_unless_told_not_to(models_dir, flags, encoding):
    proc = subprocess.Popen([sys.executable, "-m", "server", "--port", "0", "--models", str(models_dir), *flags],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = next(line for line in proc.stdout if "open http://" in line).rsplit(":", 1)[1].strip(" /\n")
        if encoding:  # the server compresses its files before anyone asks, and says so
            assert re.search(r"gzip ready: \d+ files compressed once", proc.stdout.readline())
        request = urllib.request.Request(f"http://127.0.0.1:{port}{TFJS}", headers=GZ)
        with urllib.request.urlopen(request) as r:
            assert r.headers.get("Content-Encoding") == encoding
            body = r.read()
        assert (gzip.decompress(body) if encoding else body) == file_bytes(TFJS, None)
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.fixture(scope="module")
def shipped_server():
    """The app serving the committed models: real TF.js files and weight shards."""
    server = LiveServer(os.path.join(ROOT, "exported_model"))
    yield server
    server.close()


def test_the_page_boots_over_gzip_in_chromium(page, shipped_server):
    answers = {}
    page.on("response", lambda r: answers.setdefault(r.url.split("?")[0].replace(shipped_server.url, "/"), r))
    open_page(page, shipped_server, "?backend=wasm")
    assert page.evaluate("window.vaeDemo.backend") == "wasm"
    gzipped = {url for url, r in answers.items() if r.all_headers().get("content-encoding") == "gzip"}
    assert {"/", TFJS, WASM, "/models/manifest.json"} <= gzipped, sorted(answers)
    assert any(u.startswith("/static/js/") for u in gzipped) and any(u.endswith("/model.json") for u in gzipped)
    for url in gzipped:
        assert answers[url].all_headers()["vary"] == "Accept-Encoding", url
    # A reload revalidates the no-cache manifest with its gzip ETag; the 304 carries no body.
    manifest_tag = answers["/models/manifest.json"].all_headers()["etag"]
    with page.expect_request(lambda r: "/models/manifest.json" in r.url) as revalidation:
        page.reload()
    assert revalidation.value.all_headers().get("if-none-match") == manifest_tag
    page.wait_for_function("() => window.vaeDemo && window.vaeDemo.ready", timeout=60000)
    sizes = page.evaluate("""performance.getEntriesByType('resource').filter(e => e.name.includes('manifest.json'))
                             .map(e => [e.transferSize, e.encodedBodySize, e.decodedBodySize])[0]""")
    assert sizes[0] < sizes[1] < sizes[2], sizes  # headers only on the wire; gzip smaller than JSON
