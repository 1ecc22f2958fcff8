"""The one harness for tests and benchmarks: the real app under waitress on a free loopback port, and
Debian's Chromium driven by Playwright. tests/conftest.py builds its fixtures on it; bench/ imports it."""

import functools
import itertools
import json
import os
import queue
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
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
    loopback). compressed=True first writes the compressed copies `python -m server` writes
    (server/precompress.py: ~20 s the first time for the committed models, then none)."""

    def __init__(self, models_dir, static_dir=None, compressed=False, host="127.0.0.1", **config):
        from server import create_app
        from server.wsgi import create_server

        config = {"MODELS_DIR": models_dir, **({"STATIC_DIR": static_dir} if static_dir else {}), **config}
        self.app = create_app(config)
        if compressed:
            from server.__main__ import compress_copies

            compress_copies(self.app)
        self.server = create_server(self.app, host=host, port=0, threads=4)
        self.url = f"http://127.0.0.1:{self.server.effective_port}/"
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()

    def close(self):
        self.server.close()
        if "classroom" in self.app.extensions:
            self.app.extensions["classroom"]["codes"].close()


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


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the flags this machine needs; a clear error if it is missing."""
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def open_page(page, server, query="", ready=True):
    """Open the app and wait until it has drawn its first digit (or shown its error)."""
    page.goto(server.url + query)
    page.wait_for_function(READY, timeout=60000)
    if ready:
        err = page.evaluate("window.vaeDemo.error")
        assert err is None, err
    return page


def emulate_cores(page, cores):
    """Make the page (not yet opened) and every worker it starts see navigator.hardwareConcurrency =
    cores: Chromium's DevTools emulation. Set on the page it reaches the page only, so each worker is held
    at its start (auto-attach, waiting for the debugger), given the same override and let go, before any
    of its script runs. (Nested workers, e.g. the trainer's WASM threads, keep the machine's count: tfjs
    reads it only where its module starts.) Emulation adds no cores. While this second DevTools session
    is open, navigator.onLine no longer follows Playwright's set_offline after a navigation."""
    session = page.context.new_cdp_session(page)
    ids = itertools.count(1)

    def to_worker(session_id, method, params):
        message = json.dumps({"id": next(ids), "method": method, "params": params})
        try:
            session.send("Target.sendMessageToTarget", {"sessionId": session_id, "message": message})
        except Exception:  # the page closed meanwhile (the worker with it)
            if not page.is_closed():
                raise

    def attached(event):
        to_worker(event["sessionId"], "Emulation.setHardwareConcurrencyOverride", {"hardwareConcurrency": cores})
        to_worker(event["sessionId"], "Runtime.runIfWaitingForDebugger", {})

    session.on("Target.attachedToTarget", attached)
    session.send("Emulation.setHardwareConcurrencyOverride", {"hardwareConcurrency": cores})
    session.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False})
    return session


def trainer_worker(page):
    """The in-page trainer's Web Worker (static/js/train/worker.js), once started: page.workers also holds
    the WASM backend's thread workers (blob: URLs) where the page is cross-origin isolated."""
    found = [w for w in page.workers if "/worker." in w.url]
    assert len(found) == 1, [w.url for w in page.workers]
    return found[0]


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
