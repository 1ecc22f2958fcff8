"""The Flask app: routes, content types, cache and security headers, traversal, the server CLI."""

import json
import re
import socket
import subprocess
import sys
import threading

import pytest

from server import CONTENT_SECURITY_POLICY, SECURITY_HEADERS, create_app
from tests.conftest import ROOT


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


def test_page_has_security_headers_and_no_inline_script(client):
    r = client.get("/")
    assert r.status_code == 200 and r.mimetype == "text/html"
    csp = r.headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    script_src = re.search(r"script-src ([^;]*)", csp).group(1).split()
    assert script_src == ["'self'", "'wasm-unsafe-eval'"]
    assert "unsafe-inline" not in csp and "'unsafe-eval'" not in csp
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["X-Frame-Options"] == "DENY"
    html = r.get_data(as_text=True)
    assert "<script>" not in html and "onclick" not in html.lower()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', html)
    vendored = [s for s in scripts if "/vendor/" in s]  # the es2017 builds (the ES5 ones call Function())
    assert vendored == ["/static/vendor/tfjs/tf-core.es2017.min.js", "/static/vendor/tfjs/tf-converter.es2017.min.js",
                        "/static/vendor/tfjs/tf-backend-wasm.es2017.min.js"]  # WebGL and CPU load when tried
    assert not any(s.startswith("http") for s in scripts)
    assert "tf.min.js" not in html


def test_page_preloads_the_modules_main_imports(client):
    """main.js's static import graph is named at once (modulepreload), after TensorFlow.js, each link
    answering; what main.js imports later with import() is not (tests/page/test_loading.py checks the
    browser fetches nothing else before the first digit)."""
    html = client.get("/").get_data(as_text=True)
    preloaded = re.findall(r'<link rel="modulepreload" href="/static/([^"]+)"', html)
    assert len(preloaded) == len(set(preloaded))
    assert {"js/main.js", "js/core/models.js", "js/explore/decoder-view.js", "js/core/dom.js"} <= set(preloaded)
    assert "js/noise/lesson.js" not in preloaded and "js/noise/math.js" not in preloaded
    assert html.index("tf-core.es2017.min.js") < html.index('rel="modulepreload"')  # TensorFlow.js is asked first
    for module in preloaded:
        r = client.get(f"/static/{module}")
        assert r.status_code == 200 and r.mimetype == "text/javascript", module


def test_page_modules_follow_static_imports_only(tmp_path):
    """A module's static imports (also multi-line and bare ones) are followed; import() is not."""
    from server.routes import page_modules
    (tmp_path / "js" / "a").mkdir(parents=True)
    (tmp_path / "js" / "main.js").write_text("import { x,\n  y } from './a/x.js';\nconst later = () => import('./a/later.js');\n")
    (tmp_path / "js" / "a" / "x.js").write_text("import '../side.js';\nexport const x = 1, y = 2;\n")
    (tmp_path / "js" / "side.js").write_text("// nothing\n")
    (tmp_path / "js" / "a" / "later.js").write_text("export const z = 3;\n")
    assert page_modules(str(tmp_path)) == ("js/a/x.js", "js/main.js", "js/side.js")


def test_vendored_tfjs_is_served_with_types(client):
    for script in ("core", "converter", "backend-wasm", "backend-webgl", "backend-cpu"):
        r = client.get(f"/static/vendor/tfjs/tf-{script}.es2017.min.js")
        assert r.status_code == 200 and r.mimetype == "text/javascript"
    r = client.get("/static/vendor/tfjs/tfjs-backend-wasm-simd.wasm")
    assert r.status_code == 200 and r.mimetype == "application/wasm"
    assert r.data[:4] == b"\0asm"
    assert client.get("/static/vendor/tfjs/LICENSE").status_code == 200


def test_models_route_types_and_cache(client):
    r = client.get("/models/manifest.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.headers["Cache-Control"] == "no-cache" and r.headers.get("ETag")
    r = client.get("/models/blur/manifest.json")  # a second manifest (the Why blurry? models) is one too
    assert r.status_code == 200 and r.headers["Cache-Control"] == "no-cache"
    r = client.get("/models/m1/decoder/model.json")
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert "max-age=86400" in r.headers["Cache-Control"]
    r = client.get("/models/m1/decoder/group1-shard1of1.bin")
    assert r.status_code == 200 and r.mimetype == "application/octet-stream"


@pytest.mark.parametrize("url", [
    "/models/manifest.json/", "/models/./manifest.json", "/models/m1/../manifest.json", "/models/.//manifest.json",
    "/models/m1/decoder/./model.json", "/models/m1/decoder/model.json/",
])
def test_model_paths_have_one_spelling(client, url):
    """Caching goes by the path: a second spelling of the manifest's path would be cached for a day."""
    r = client.get(url)
    assert r.status_code == 404 and "max-age" not in r.headers.get("Cache-Control", ""), url


@pytest.mark.parametrize("url", [
    "/models/../secret.txt", "/models/..%2fsecret.txt", "/models/%2e%2e/secret.txt",
    "/models/m1/../../secret.txt", "/models//etc/passwd", "/models/%2Fetc%2Fpasswd",
    "/static/../server/__init__.py", "/static/..%2fserver%2f__init__.py", "/static/%2e%2e/server/routes.py",
    "/static//etc/passwd", "/static/vendor/tfjs/..%5c..%5cserver%5croutes.py",
    "/models/m1/", "/models/", "/static/", "/static/vendor/", "/models/nope.json",
])
def test_traversal_and_listings_answer_404(client, url):
    r = client.get(url)
    assert r.status_code == 404, (url, r.status_code)
    assert b"do not serve" not in r.data and b"create_app" not in r.data


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


@pytest.mark.parametrize("request_bytes, status", [
    (b"NOT HTTP AT ALL\r\n\r\n", "400 Bad Request"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n", "400 Bad Request"),
    (b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 3000 + b"\r\n\r\n", "431 Request Header Fields Too Large"),
])
def test_answers_waitress_writes_itself_carry_the_security_headers(waitress_server, request_bytes, status):
    line, headers = raw_request(waitress_server.effective_port, request_bytes)
    assert line.endswith(status)
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, name
    line, headers = raw_request(waitress_server.effective_port, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
    assert line.endswith("200 OK") and headers["X-Frame-Options"] == "DENY"


def test_server_cli_prints_url_and_serves(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "server", "--port", "0", "--models", str(tmp_path)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        warning = proc.stderr.readline()
        assert "no manifest.json" in warning
        proc.stdout.readline()
        url = proc.stdout.readline().split("open ")[1].strip()
        assert re.fullmatch(r"http://localhost:\d+/", url)
        import urllib.request
        with urllib.request.urlopen(url.replace("localhost", "127.0.0.1")) as r:
            assert r.status == 200 and "waitress" in r.headers.get("Server", "")
    finally:
        proc.terminate()
        proc.wait(10)


def test_server_cli_rejects_a_bad_port():
    r = subprocess.run([sys.executable, "-m", "server", "--port", "99999"], cwd=ROOT,
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "--port must be between 0 and 65535" in r.stderr
