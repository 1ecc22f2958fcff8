"""The Flask app: routes, content types, cache and security headers, traversal, the server CLI."""

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading

import pytest

from server import SECURITY_HEADERS, create_app
from tests.harness import ROOT, Lines


@pytest.fixture
def models_dir(tmp_path):
    (tmp_path / "m1" / "decoder").mkdir(parents=True)
    (tmp_path / "m1" / "decoder" / "model.json").write_text('{"format": "graph-model"}')
    (tmp_path / "m1" / "decoder" / "group1-shard1of1.bin").write_bytes(b"\0" * 16)
    (tmp_path / "manifest.json").write_text(json.dumps({"version": 1, "default": "m1", "models": [{"name": "m1"}]}))
    (tmp_path / "blur").mkdir()
    (tmp_path / "blur" / "manifest.json").write_text(json.dumps({"version": 1, "models": []}))
    (tmp_path.parent / "secret.txt").write_text("do not serve")
    return tmp_path


@pytest.fixture
def client(models_dir):
    return create_app({"MODELS_DIR": str(models_dir)}).test_client()


def csp_directives(header):
    """The policy as {directive: [sources]}, parsed here, not taken from the server's constant."""
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


def test_page_has_security_headers_and_no_inline_script(client):
    r = client.get("/")
    assert r.status_code == 200 and r.mimetype == "text/html"
    policy = csp_directives(r.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    # no inline scripts, no eval; blob: only for the WASM backend's thread workers (tfjs makes their script)
    assert policy["script-src"] == ["'self'", "'wasm-unsafe-eval'", "blob:"]
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["style-src"] == ["'self'"] and policy["connect-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'none'"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    # cross-origin isolated (SharedArrayBuffer, the WASM backend's threads): every file is the page's own
    assert r.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert r.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
    html = r.get_data(as_text=True)
    tags = re.findall(r"<script\b[^>]*>", html, re.IGNORECASE)
    assert tags and all(re.search(r'\bsrc="static/dist/', tag) for tag in tags), tags  # every one has a src
    assert not re.search(r"\son[a-z]+\s*=", html, re.IGNORECASE)  # no inline event handlers
    assert "http://" not in html.split("<footer")[0] and "https://" not in html.split("<footer")[0]


def test_every_url_in_the_page_is_relative_to_it(client):
    """So the page works at / and under any path (a static build: server/publish.py); each resolves,
    against the page at /, to what the server sends."""
    html = client.get("/").get_data(as_text=True).split("<footer")[0]  # (the footer links to tensorflow.org)
    attributes = re.findall(r'\s(?:src|href)="([^"]*)"', html)
    manifests, models = (re.search(rf'data-{name}-url="([^"]*)"', html).group(1) for name in ("manifests", "models"))
    _, fetched = page_urls(client)
    named = [u for u in attributes if not u.startswith(("data:", "#"))] + [manifests, models, *fetched.values()]
    assert len(named) > 10 and [u for u in named if u.startswith("/") or re.match(r"[a-z]+:", u)] == []
    files = [u for u in named if u not in (manifests, models)]
    for url in [*files, f"{manifests}manifest.json", f"{models}m1/decoder/model.json"]:
        assert client.get("/" + url).status_code == 200, url


def page_urls(client):
    """What the page names: {"stylesheet", "tfjs", "main": URL} and the fetched files {path: URL}."""
    html = client.get("/").get_data(as_text=True)
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    [stylesheet] = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    fetched = json.loads(re.search(r"data-asset-urls='([^']+)'", html).group(1).replace("&#39;", "'"))
    return {"stylesheet": stylesheet, "tfjs": scripts[0], "main": scripts[1]}, fetched


def test_page_loads_the_built_files_by_hashed_names(client):
    """One stylesheet, TensorFlow.js then the page's bundle (a module), and the files the modules fetch:
    each is the built file in static/dist/ (scripts/build-assets.mjs), with the right type, cached for a
    year; the copied ones are named by the SHA-256 of their bytes, computed here."""
    named, urls = page_urls(client)
    types = {"stylesheet": "text/css", "tfjs": "text/javascript", "main": "text/javascript"}
    bundled = {"js/main.js": "main", "css/page.css": "stylesheet", "vendor/tfjs/tfjs.js": "tfjs"}
    assert {path: urls[path] for path in bundled} == {path: named[key] for path, key in bundled.items()}
    worker = urls["js/train/worker.js"]  # the trainer's worker, bundled on its own
    assert worker.startswith("static/dist/worker.") and worker.endswith(".js")
    named["worker"], types["worker"] = worker, "text/javascript"
    fetched = {path: url for path, url in urls.items() if path not in bundled and path != "js/train/worker.js"}
    assert set(fetched) == {
        "i18n/en.json",
        "i18n/zh-CN.json",
        "data/mnist-samples.json",
        "vendor/tfjs/tf-backend-webgl.es2017.min.js",
        "vendor/tfjs/tf-backend-cpu.es2017.min.js",
        "vendor/tfjs/tf-gradients.es2017.min.js",
    } | {f"vendor/tfjs/tfjs-backend-wasm{kind}.wasm" for kind in ("", "-simd", "-threaded-simd")}
    for path, url in fetched.items():
        with open(os.path.join(ROOT, "static", path), "rb") as f:
            source = f.read()
        stem, ext = os.path.splitext(os.path.basename(path))
        assert url == f"static/dist/{os.path.dirname(path)}/{stem}.{hashlib.sha256(source).hexdigest()[:10]}{ext}"
        r = client.get("/" + url)  # the page is at /
        assert r.status_code == 200 and r.data == source, url
        types[path] = {".json": "application/json", ".wasm": "application/wasm", ".js": "text/javascript"}[ext]
    for key, url in {**named, **fetched}.items():
        r = client.get("/" + url)
        assert r.status_code == 200 and r.mimetype == types[key], url
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable", url
        with open(os.path.join(ROOT, url), "rb") as f:
            assert r.data == f.read()
    assert named["main"].startswith("static/dist/main.") and named["tfjs"].startswith("static/dist/vendor/tfjs.")


def test_sources_and_manifests_are_revalidated(client):
    """What has no hash in its URL may change under it: the browser asks again each time (304 if same)."""
    for url in (
        "/",
        "/static/js/main.js",
        "/static/i18n/en.json",
        "/static/vendor/tfjs/LICENSE",
        "/models/manifest.json",
        "/models/blur/manifest.json",
    ):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["Cache-Control"] == "no-cache", url
        again = client.get(url, headers={"If-None-Match": r.headers["ETag"]})
        assert again.status_code == 304 and again.data == b"", url
        assert again.headers["X-Content-Type-Options"] == "nosniff" and "Content-Security-Policy" in again.headers


def models_url(client):
    """Where the page says the model files are, as a path on the server (the page is at /)."""
    return "/" + re.search(r'data-models-url="([^"]+)"', client.get("/").get_data(as_text=True)).group(1)


def test_model_files_live_under_a_hash_of_their_bytes(models_dir):
    client = create_app({"MODELS_DIR": str(models_dir)}).test_client()
    base = models_url(client)
    assert re.fullmatch(r"/models/[0-9a-f]{12}/", base)
    r = client.get(f"{base}m1/decoder/model.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    r = client.get(f"{base}m1/decoder/group1-shard1of1.bin")
    assert r.status_code == 200 and r.mimetype == "application/octet-stream" and r.data == b"\0" * 16
    for url in (
        "/models/m1/decoder/model.json",
        f"{base}manifest.json",
        f"{base}blur/manifest.json",
        "/models/000000000000/m1/decoder/model.json",
    ):
        assert client.get(url).status_code == 404, url  # one spelling each: the manifests have their own

    (models_dir / "manifest.json").write_text('{"version": 1, "models": [{"name": "m1"}, {"name": "m2"}]}')
    assert models_url(create_app({"MODELS_DIR": str(models_dir)}).test_client()) == base  # manifests: no
    (models_dir / "m1" / "decoder" / "group1-shard1of1.bin").write_bytes(b"\1" * 16)
    changed = create_app({"MODELS_DIR": str(models_dir)}).test_client()
    assert models_url(changed) != base  # a weight changed: every model URL is new
    assert changed.get(f"{models_url(changed)}m1/decoder/group1-shard1of1.bin").data == b"\1" * 16


@pytest.mark.parametrize(
    "url",
    [
        "/models/manifest.json/",
        "/models/./manifest.json",
        "/models/m1/../manifest.json",
        "/models/.//manifest.json",
        "/models/blur/../manifest.json",
        "/static/js/./main.js",
        "/static/js//main.js",
        "/static/js/main.js/",
    ],
)
def test_paths_have_one_spelling(client, url):
    """Caching goes by the path: a second spelling of a file's path would be cached as another file."""
    r = client.get(url)
    assert r.status_code == 404, url
    assert r.headers["Content-Security-Policy"] and r.headers["X-Frame-Options"] == "DENY"  # on a 404 too


@pytest.mark.parametrize(
    "url",
    [
        "/models/../secret.txt",
        "/models/..%2fsecret.txt",
        "/models/%2e%2e/secret.txt",
        "/models/m1/../../secret.txt",
        "/models//etc/passwd",
        "/models/%2Fetc%2Fpasswd",
        "/static/../server/__init__.py",
        "/static/..%2fserver%2f__init__.py",
        "/static/%2e%2e/server/routes.py",
        "/static//etc/passwd",
        "/static/vendor/tfjs/..%5c..%5cserver%5croutes.py",
        "/models/m1/",
        "/models/",
        "/static/",
        "/static/vendor/",
        "/static/dist/",
        "/models/nope.json",
    ],
)
def test_traversal_and_listings_answer_404(client, url):
    r = client.get(url)
    assert r.status_code == 404, (url, r.status_code)
    assert b"do not serve" not in r.data and b"create_app" not in r.data


def test_the_service_worker_and_the_web_manifest_are_served_at_the_pages_folder_never_kept(client):
    """A service worker's scope is its own folder, and a browser must always see a new one: /sw.js and
    /manifest.webmanifest, revalidated on every visit; the build's copies have no other URL."""
    dist = os.path.join(ROOT, "static", "dist")
    for url, media_type in (("/sw.js", "text/javascript"), ("/manifest.webmanifest", "application/manifest+json")):
        r = client.get(url)
        assert r.status_code == 200 and r.headers["Cache-Control"] == "no-cache", url
        assert r.mimetype == media_type
        with open(os.path.join(dist, url[1:]), "rb") as f:
            assert r.data == f.read()
        assert client.get("/static/dist" + url).status_code == 404


def test_a_missing_build_is_one_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match=r"assets\.json.*npm run build"):
        create_app({"MODELS_DIR": str(tmp_path), "STATIC_DIR": str(tmp_path)})


def test_health(client, tmp_path):
    r = client.get("/healthz")
    assert r.status_code == 200 and r.get_json() == {"status": "ok", "models": ["m1"]}
    r = create_app({"MODELS_DIR": str(tmp_path / "none")}).test_client().get("/healthz")
    assert r.status_code == 503 and r.get_json()["status"] == "no models"


def test_no_debug_even_when_the_environment_asks(models_dir, monkeypatch):
    """FLASK_DEBUG=1 would turn on Flask's debug mode (tracebacks in answers); create_app refuses it.
    An error in a view answers a plain 500 that shows nothing of the code."""
    monkeypatch.setenv("FLASK_DEBUG", "1")
    app = create_app({"MODELS_DIR": str(models_dir)})
    assert app.debug is False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    r = app.test_client().get("/boom")
    assert r.status_code == 500
    assert b"secret detail" not in r.data and b"Traceback" not in r.data
    assert r.headers["X-Content-Type-Options"] == "nosniff"


def test_uploads_refused(client):
    assert client.post("/", data=b"x" * 10).status_code == 405


@pytest.fixture
def waitress_server(models_dir):
    """The app under the real server (server/wsgi.py), with a small header limit to reach 431."""
    from server.wsgi import create_server

    server = create_server(create_app({"MODELS_DIR": str(models_dir)}), max_request_header_size=2000)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield server
    server.close()


def raw_request(port, data):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        c.sendall(data)
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = c.recv(65536)
            if not chunk:
                break
            head += chunk
    status, *lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    return status, dict(line.split(": ", 1) for line in lines)


@pytest.mark.parametrize(
    "request_bytes, status",
    [
        (b"NOT HTTP AT ALL\r\n\r\n", "400 Bad Request"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n", "400 Bad Request"),
        (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 3000 + b"\r\n\r\n", "431 Request Header Fields Too Large"),
        (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000, "413 Request Entity Too Large"),
    ],
)
def test_answers_waitress_writes_itself_carry_the_security_headers(waitress_server, request_bytes, status):
    line, headers = raw_request(waitress_server.effective_port, request_bytes)
    assert line.endswith(status)
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    line, headers = raw_request(waitress_server.effective_port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert line.endswith("200 OK") and headers["X-Frame-Options"] == "DENY"


def test_server_cli_prints_url_and_serves(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "server", "--port", "0", "--models", str(tmp_path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        warning = Lines(proc.stderr).until("warning: ")  # (a library may write a blank line first)
        assert f"warning: no manifest.json in {tmp_path}; the page will say no model is available" in warning
        url = Lines(proc.stdout).until("open ").split("open ")[1].strip()
        assert re.fullmatch(r"http://localhost:\d+/", url)
        import urllib.request

        with urllib.request.urlopen(url.replace("localhost", "127.0.0.1")) as r:
            assert r.status == 200 and "waitress" in r.headers.get("Server", "")
    finally:
        proc.terminate()
        proc.wait(10)


def test_server_cli_listens_on_loopback_unless_told(monkeypatch, tmp_path):
    """Only this computer reaches the server by default; --host 0.0.0.0 shows it to the network."""
    import server.__main__ as cli

    asked = []

    class Server:
        effective_port = 1

        def run(self):
            pass

    monkeypatch.setattr(cli, "create_server", lambda app, host, port, threads: asked.append(host) or Server())
    monkeypatch.setattr(cli, "compress_copies", lambda app: None)
    cli.main(["--models", str(tmp_path)])
    cli.main(["--models", str(tmp_path), "--host", "0.0.0.0"])
    assert asked == ["127.0.0.1", "0.0.0.0"]


def test_server_cli_rejects_a_bad_port():
    r = subprocess.run(
        [sys.executable, "-m", "server", "--port", "99999"], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert r.returncode == 2 and "--port must be between 0 and 65535" in r.stderr
