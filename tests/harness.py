"""The one harness for tests and benchmarks: the real app under waitress on a free loopback port, and
Debian's Chromium driven by Playwright. tests/conftest.py builds its fixtures on it; bench/ imports it."""

import contextlib
import functools
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPORTED = os.path.join(ROOT, "exported_model")  # the committed models
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--enable-unsafe-swiftshader",
    "--disable-dev-shm-usage",
    "--no-first-run",
]
PROBES_ON = "window.vaeDemoProbes = true"  # the page's test/benchmark measurements (core/probes.js)
READY = "() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)"


class LiveServer:
    """The app (serving models_dir, and static_dir if given; `config`: more of create_app's keys, e.g.
    CLASSROOM=True) under waitress as `python -m server` runs it, in a thread, on `host` (url: by
    loopback). compressed: a folder to write the compressed copies `python -m server` writes into first
    and serve them from (server/precompress.py: ~20 s the first time for the committed models, then
    none); True: where `python -m server` keeps them (instance/compressed/: benchmarks only, never tests,
    which write nothing into the checkout)."""

    def __init__(self, models_dir, static_dir=None, compressed=None, host="127.0.0.1", **config):
        from server import create_app
        from server.precompress import default_folder

        config = {"MODELS_DIR": models_dir, **({"STATIC_DIR": static_dir} if static_dir else {}), **config}
        if compressed:
            config["COMPRESSED_DIR"] = default_folder() if compressed is True else str(compressed)
        self.app = create_app(config)
        if compressed:
            from server.__main__ import compress_copies

            compress_copies(self.app)
        self.server = serve(self.app, host=host)
        self.url = f"http://127.0.0.1:{self.server.effective_port}/"

    def close(self):
        self.server.close()
        if "classroom" in self.app.extensions:
            self.app.extensions["classroom"]["codes"].close()


def serve(app, host="127.0.0.1", threads=4, **options):
    """`app` under the real server (server/wsgi.py: waitress with `options`) on a free port of host, in a
    thread; returns the server (.effective_port, .close())."""
    from server.wsgi import create_server

    server = create_server(app, host=host, port=0, threads=threads, **options)
    threading.Thread(target=server.run, daemon=True).start()
    return server


@contextlib.contextmanager
def server_cli(*args, compressed):
    """`python -m server ARGS` in a process (stdout and stderr: text pipes, UTF-8), stopped at the end;
    its compressed copies go into the folder `compressed` (a temporary one: never the checkout's
    instance/)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "server", "--compressed", str(compressed), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        yield proc
    finally:
        proc.terminate()
        proc.wait(10)


# The security headers every answer carries, written out here rather than read from the server's constant
# (server/__init__.py), so that a change there shows up as a failing test.
POLICY = {  # Content-Security-Policy, as {directive: [sources]}
    "default-src": ["'self'"],
    # no inline scripts, no eval; WASM may compile; blob: only for the WASM backend's thread workers (tfjs
    # makes their script)
    "script-src": ["'self'", "'wasm-unsafe-eval'", "blob:"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'none'"],
}
OTHER_SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    # cross-origin isolated (SharedArrayBuffer, the WASM backend's threads): every file is the page's own
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def csp_directives(header):
    """A policy as {directive: [sources]}, parsed here."""
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in header.split(";")) if d}


def check_security_headers(headers):
    """headers (a mapping, names in any case) carry POLICY and OTHER_SECURITY_HEADERS exactly."""
    lower = {name.lower(): value for name, value in dict(headers).items()}
    assert csp_directives(lower.get("content-security-policy", "")) == POLICY
    for name, value in OTHER_SECURITY_HEADERS.items():
        assert lower.get(name.lower()) == value, name


MODELS_URL = re.compile(r'data-models-url="([^"]+)"')  # where the rendered page says the models are


def models_url(html):
    """The models' URL (/models/<version>/, or models/<version>/ in a published page) the page names."""
    return MODELS_URL.search(html).group(1)


class StaticHost:
    """Python's http.server on `folder`, in a thread on a free loopback port: a plain static host that
    sends no headers of its own (what a published build meets on the simplest host). url: by `host`."""

    class _Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def __init__(self, folder, host="127.0.0.1"):
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(self._Quiet, directory=str(folder)))
        self.url = f"http://{host}:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.path.exists(p)), None)


BROTLI_MODULES = ["/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so"]


class NginxHost:
    """nginx serving a published build (server/publish.py) through its own nginx.conf, included in a
    server { } on a free loopback port as docs/publishing.md says; `workdir` holds nginx's own files.
    compress=True also compresses what it sends, as a real host or CDN does: brotli where Debian's
    libnginx-mod-http-brotli-filter is installed (self.compression says which), else gzip. url: the
    server's root."""

    def __init__(self, build, workdir, compress=False):
        if not NGINX:
            raise RuntimeError("nginx is not installed (scripts/test.sh installs it)")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        temp = " ".join(f"{kind}_temp_path {workdir};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        user = "user root;" if os.geteuid() == 0 else ""  # its workers read the build (pytest's tmp is 0700)
        module = next((p for p in BROTLI_MODULES if os.path.exists(p)), None)
        self.compression = ("brotli" if module else "gzip") if compress else None
        load = f"load_module {module};" if module and compress else ""
        compress = ("brotli on; brotli_types *; " if module else "") + "gzip on; gzip_types *;" if compress else ""
        conf = os.path.join(workdir, "nginx-host.conf")
        with open(conf, "w") as f:
            f.write(
                f"""{load} daemon off; {user} pid {workdir}/nginx.pid; error_log {workdir}/error.log;
events {{ worker_connections 256; }}
http {{ access_log off; {temp} {compress}
  server {{ listen 127.0.0.1:{port}; include {build}/nginx.conf; }}
}}
"""
            )
        log = os.path.join(workdir, "error.log")
        self.proc = subprocess.Popen([NGINX, "-e", log, "-c", conf], stderr=subprocess.PIPE)
        self.port, self.url = port, f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"nginx stopped: {self.proc.stderr.read().decode().strip()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.close()
                    raise RuntimeError("nginx did not listen within 30 s") from None
                time.sleep(0.05)

    def close(self):
        self.proc.terminate()
        self.proc.wait(10)


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the flags this machine needs; a clear error if it is missing."""
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def catalog(lang):
    """The page's message catalog for `lang` (static/i18n/LANG.json): {key: text}."""
    with open(os.path.join(ROOT, "static", "i18n", f"{lang}.json"), encoding="utf-8") as f:
        return json.load(f)


def open_page(page, server, query="", ready=True):
    """Open the app and wait until it has drawn its first digit (or shown its error)."""
    page.goto(server.url + query)
    page.wait_for_function(READY, timeout=60000)
    if ready:
        err = page.evaluate("window.vaeDemo.error")
        assert err is None, err
    return page


OBSERVED = """() => new Promise((resolve) => {
    const o = new IntersectionObserver(() => { o.disconnect(); resolve(); });
    o.observe(document.body);
})"""


def observers_settled(page):
    """Returns once the page's IntersectionObservers have been told where the page is now: the document's
    observers are told in one go per rendering update, in the order they were made, so when a new one has
    had its first callback, every older one (core/near.js's) has had its own for the same moment. What
    coming near a panel starts has then started, and what has not, will not without a scroll."""
    page.evaluate(OBSERVED)


TRAINING = "window.vaeDemo.training"


def train_in_page(page, seconds=None, steps=None, beta=None, timeout=120000):
    """The page's own trainer (#train's handle): train `seconds` more seconds or `steps` more steps (at β
    if given), wait until the worker says it has stopped (up to `timeout` ms), and return the status once
    the views are drawn. For tests and the bench alike."""
    options = {name: v for name, v in (("seconds", seconds), ("steps", steps), ("beta", beta)) if v is not None}
    page.evaluate(f"(o) => {TRAINING}.start(o)", options)
    page.wait_for_function(f"() => !{TRAINING}.status().running", timeout=timeout)
    page.evaluate(f"{TRAINING}.idle()")
    return page.evaluate(f"{TRAINING}.status()")


WASM_STATE = """() => ({ isolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency,
    threads: tf.wasm.getThreadsCount() })"""  # where WASM runs and on how many threads (page or worker)


def emulate_cores(page, cores):
    """Make the page (not yet opened) and the trainer's worker see navigator.hardwareConcurrency = cores.
    Both get the override in front of their own scripts: the page by an init script, the worker by its
    script as the context's route serves it (also where a service worker fetches it to cache it), so the
    override is in place before any of their code runs, however busy the machine. The trainer's WASM
    thread workers keep the machine's count: tfjs reads it only where its module starts. Emulation adds
    no cores."""
    override = "Object.defineProperty({}.prototype, 'hardwareConcurrency', {{get: () => {}, configurable: true}});\n"
    page.add_init_script(override.format("Navigator", int(cores)))

    def prefixed(route):
        response = route.fetch()
        route.fulfill(response=response, body=override.format("WorkerNavigator", int(cores)) + response.text())

    page.context.route(lambda url: TRAINER_SCRIPT.match(url) is not None, prefixed)


TRAINER_SCRIPT = re.compile(r".*/worker\.[^/]*js(\?.*)?$")  # js/train/worker.js, built as dist/worker.<hash>.js


def trainer_worker(page, backend=None):
    """The trainer's Web Worker (its script is js/train/worker.*.js), the newest one if a backend failed;
    with `backend`, the one whose trainer runs on it. page.workers also holds the WASM backend's thread
    workers (blob: URLs) where the page is cross-origin isolated."""
    page.wait_for_function(f"() => {TRAINING}.trainer?.ready")
    found = [w for w in page.workers if TRAINER_SCRIPT.match(w.url)]
    if backend is not None:
        found = [w for w in found if w.evaluate("self.vaeTrainer.backend") == backend]
    assert found, f"no trainer worker{f' on {backend}' if backend else ''} among {[w.url for w in page.workers]}"
    return found[-1]


class Lines:
    """A process's output, read line by line in a thread, so that a test waits for a line at most
    `timeout` seconds instead of hanging on a process that never writes it."""

    def __init__(self, stream):
        self.queue = queue.Queue()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for line in stream:
            self.queue.put(line)
        self.queue.put(None)

    def next(self, timeout=60):
        try:
            line = self.queue.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no line within {timeout} s") from None
        if line is None:
            raise AssertionError("the process closed its output")
        return line

    def until(self, text, timeout=60):
        """The first line containing text (earlier lines are skipped)."""
        while text not in (line := self.next(timeout)):
            pass
        return line
