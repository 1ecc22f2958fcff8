"""A lecture hall at once: N visitors fetch everything the first digit needs at the same moment, from
one server on this machine. Prints figures; asserts nothing.

    .venv/bin/python bench/classroom.py [--visitors 30 100 200] [--connections 6]
                                        [--servers shipped previous nginx] [--previous d05257d]

Servers, each on a free loopback port, measured one after another:
- shipped: `python -m server` as committed (WhiteNoise, precompressed copies, one bundle), once it says
  its compressed copies are ready (it writes missing ones at start; the next start finds them);
- previous: `python -m server` of the commit --previous (Flask sending every file, gzip made on the
  first request and kept in memory, ~80 ES modules), checked out into a temporary folder, once it
  says its gzip is warm;
- nginx (only when it is installed: a reference, not a dependency): serving the same files at the same
  paths as the shipped server (the page it renders, saved; static/; exported_model/ under the models
  version), with gzip_static taking the same .gz copies.

For each server:
1. a fresh headless Chromium opens the page once (the teacher showing it) and takes every URL it asked
   for before it drew its first digit (Resource Timing entries that started before the page's own
   `boot.firstDigitMs` probe, read once the network is idle). Then the same browser reloads the page,
   and opens it again in the same tab (a second visit): the requests that reached the server before
   the first digit are counted (entries with transferSize > 0: a 200, or a 304 with its headers), the
   rest came from the browser's cache;
2. for each --visitors count, that many visitors fetch all of those URLs at once: asyncio in a process
   of their own, apart from the browser and the server, each visitor
   on its own --connections keep-alive HTTP/1.1 connections (Chromium opens 6 per host), sending
   Accept-Encoding as Chromium does over plain http to a LAN address ("gzip, deflate"). A visitor fails
   on any connection error, status other than 200, short body, or the --timeout; its time runs from the
   common start until its last byte, connecting included.
3. with --profile (and py-spy installed: `pip install py-spy`), py-spy samples the Python server during
   the largest classroom, and the frames that held the most samples are printed: where a request's
   time goes (Flask's dispatch, WhiteNoise, waitress's socket writes, threads waiting for work).
"""

import argparse
import asyncio
import gzip
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ProcessPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.harness import PROBES_ON, READY, launch_chromium  # noqa: E402

ACCEPT_ENCODING = "gzip, deflate"  # Chromium's over plain http to a non-loopback address
PREVIOUS = "d05257d"  # the last commit before WhiteNoise and the bundle: Flask sent every file
ENTRIES = """() => {
    const t = window.vaeDemo.probes.boot.firstDigitMs;
    return [t, [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
        .map((e) => [e.name, e.transferSize, e.decodedBodySize, e.startTime <= t])];
}"""


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def start_server(cwd, ready, log, *options):
    """`python -m server --port 0 [options]` of the checkout at cwd (on a free loopback port, unless
    `options` say where); returns (process, port) once it printed a line containing `ready`."""
    command = [sys.executable, "-m", "server", "--port", "0", *options]
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=log, text=True)
    port = None
    for line in proc.stdout:
        if "open http://" in line:
            port = int(line.rsplit(":", 1)[1].strip(" /\n"))
        if port and ready in line:
            return proc, port
    proc.wait()
    log.seek(0)
    sys.exit(f"error: python -m server in {cwd} exited with {proc.returncode}: {log.read().strip()[-500:]}")


def visits(browser, origin):
    """A first visit, a reload and a second visit: [(ms to the first digit, {path: (bytes on the wire,
    bytes decoded)} of what reached the server before it)] for each."""
    context = browser.new_context()
    context.add_init_script(PROBES_ON)
    page = context.new_page()
    out = []
    for go in (lambda: page.goto(origin + "/"), page.reload, lambda: page.goto(origin + "/")):
        go()
        page.wait_for_function(READY, timeout=120000)
        if page.evaluate("window.vaeDemo.error"):
            sys.exit(f"error: the page at {origin} did not draw a digit: {page.evaluate('window.vaeDemo.error')}")
        page.wait_for_load_state("networkidle")
        first_ms, entries = page.evaluate(ENTRIES)
        out.append(
            (
                first_ms,
                {
                    url[len(origin) :]: (wire, size)
                    for url, wire, size, before in entries
                    if before and wire > 0 and url.startswith(origin + "/")
                },
            )
        )
    context.close()
    return out


async def fetch_all(port, paths, connections, stats):
    """One visitor: `connections` keep-alive connections take the paths off one queue, in page order."""
    queue = asyncio.Queue()
    for path in paths:
        queue.put_nowait(path)

    async def connection():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while not queue.empty():
                path = queue.get_nowait()
                writer.write(
                    f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: "
                    f"{ACCEPT_ENCODING}\r\nConnection: keep-alive\r\n\r\n".encode()
                )
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                status = lines[0].split(" ", 2)[1]
                headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:] if ": " in line)}
                length = headers.get("content-length")
                if status != "200" or length is None:
                    raise RuntimeError(f"{path}: status {status}, Content-Length {length}")
                stats["bytes"] += len(head)
                left = int(length)
                while left:  # read and drop, as little Python work per byte as possible
                    chunk = await reader.read(min(left, 1 << 20))
                    if not chunk:
                        raise asyncio.IncompleteReadError(b"", left)
                    left -= len(chunk)
                    stats["bytes"] += len(chunk)
        finally:
            writer.close()

    await asyncio.gather(*(connection() for _ in range(min(connections, len(paths)))))


async def classroom(port, paths, visitors, connections, timeout):
    """[(seconds, error or None, bytes read)] per visitor."""
    start = asyncio.Event()
    results = []

    async def visitor():
        stats = {"bytes": 0}
        await start.wait()
        t0 = time.perf_counter()
        try:
            await asyncio.wait_for(fetch_all(port, paths, connections, stats), timeout)
            results.append((time.perf_counter() - t0, None, stats["bytes"]))
        except (TimeoutError, OSError, asyncio.IncompleteReadError, RuntimeError, ValueError) as e:
            results.append((time.perf_counter() - t0, f"{type(e).__name__}: {e}", stats["bytes"]))

    tasks = [asyncio.create_task(visitor()) for _ in range(visitors)]
    await asyncio.sleep(0.1)  # every visitor is waiting at the line
    start.set()
    await asyncio.gather(*tasks)
    return results


def run_classroom(*args):
    return asyncio.run(classroom(*args))


def cpu_seconds(pids):
    """User + system CPU seconds the processes have used so far (Linux /proc)."""
    total = 0.0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def nginx_conf(folder, port, models_url):
    """An nginx.conf serving what the shipped server serves, at the same paths, from the same files
    (the page: folder/index.html and its .gz)."""
    return f"""worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
daemon off;
events {{ worker_connections 4096; }}
http {{
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 10000;
  gzip_static on;
  client_body_temp_path {folder}; proxy_temp_path {folder}; fastcgi_temp_path {folder};
  uwsgi_temp_path {folder}; scgi_temp_path {folder};
  server {{
    listen 127.0.0.1:{port};
    location = / {{ root {folder}; try_files /index.html =404; }}
    location /static/ {{ alias {ROOT}/static/; }}
    location = /models/manifest.json {{ alias {ROOT}/exported_model/manifest.json; }}
    location {models_url} {{ alias {ROOT}/exported_model/; }}
  }}
}}
"""


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """Start and stop each server the bench measures: yields (name, port, pids)."""

    def __init__(self, args, log, work):
        self.args, self.log, self.work = args, log, work

    def shipped(self):
        proc, port = start_server(ROOT, "brotli ready", self.log)
        return proc, port, [proc.pid]

    def previous(self):
        checkout = os.path.join(self.work, "previous")
        os.makedirs(checkout)
        archive = subprocess.run(["git", "archive", self.args.previous], cwd=ROOT, capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", checkout], input=archive.stdout, check=True)
        proc, port = start_server(checkout, "gzip ready", self.log)
        return proc, port, [proc.pid]

    def nginx(self):
        """nginx on the shipped server's files (its page saved, its .gz copies), or None if not installed."""
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
        if not nginx:
            return None
        shipped, port, _ = self.shipped()  # writes the copies, renders the page
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as r:
                html = r.read()
        finally:
            shipped.terminate()
            shipped.wait(30)
        folder = os.path.join(self.work, "nginx")
        os.makedirs(folder)
        os.chmod(self.work, 0o755)
        os.chmod(folder, 0o755)  # nginx's workers run as another user
        for name, data in (("index.html", html), ("index.html.gz", gzip.compress(html, 9))):
            with open(os.path.join(folder, name), "wb") as f:
                f.write(data)
        models_url = "/" + re.search(rb'data-models-url="([^"]+)"', html).group(1).decode()  # the page is at /
        port = free_port()
        with open(os.path.join(folder, "nginx.conf"), "w") as f:
            f.write(nginx_conf(folder, port, models_url))
        proc = subprocess.Popen([nginx, "-c", os.path.join(folder, "nginx.conf")], stderr=self.log)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/").close()
                break
            except OSError:
                time.sleep(0.05)
        children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        return proc, port, [proc.pid, *map(int, children)]


# Frames every sample of a thread passes through: they say nothing about where the time goes.
PLUMBING = re.compile(
    r"^(Thread\.|_bootstrap|_run_|<module>|main \(server|BaseWSGIServer\.run|loop \(waitress"
    r"|ThreadedTaskDispatcher\.handler_thread|HTTPChannel\.service|Task\.service)"
)


def profile_summary(raw, top=14):
    """py-spy's raw output (one `frame;frame;… count` line per stack) → lines of the frames held in the
    most samples, counting a frame once per stack (so a caller includes its callees), plumbing left out."""
    held, total = {}, 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        total += int(count)
        for frame in {re.sub(r":\d+\)$", ")", f) for f in stack.split(";")[1:]}:
            held[frame] = held.get(frame, 0) + int(count)
    ranked = sorted(((f, n) for f, n in held.items() if not PLUMBING.match(f)), key=lambda kv: -kv[1])[:top]
    return [f"  {n / total:6.1%}  {frame}" for frame, n in ranked], total


def sampled(pid, seconds, work):
    """Start py-spy on pid for `seconds`; returns a function that waits for it and gives its raw output."""
    out = os.path.join(work, f"profile-{pid}.txt")
    spy = subprocess.Popen(
        [
            "py-spy",
            "record",
            "-p",
            str(pid),
            "-d",
            str(int(seconds)),
            "-r",
            "200",
            "--format",
            "raw",
            "-o",
            out,
            "--threads",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def result():
        spy.wait(seconds + 60)
        with open(out) as f:
            return f.read()

    return result


def measure(name, started, browser, args, work):
    """Print the server's rows: its visits, then one row per visitor count (and its profile if asked)."""
    proc, port, pids = started
    profile = None
    try:
        first, reload, again = visits(browser, f"http://127.0.0.1:{port}")
        paths = list(first[1])
        wire = sum(first[1].get(p, (0, 0))[0] for p in paths)
        print(
            f"\n**{name}**: first digit {first[0]:.0f} ms; before it a fresh visitor asks for {len(paths)} "
            f"URLs ({wire:,} bytes on the wire); a reload asks for {len(reload[1])} "
            f"({', '.join(sorted(reload[1])) or 'none'}), a second visit for {len(again[1])} "
            f"({', '.join(sorted(again[1])) or 'none'})"
        )
        rows = []
        for n in args.visitors:
            if args.profile and name != "nginx" and n == max(args.visitors) and shutil.which("py-spy"):
                profile = sampled(pids[0], args.profile, work)
            cpu = cpu_seconds(pids)
            # In a process of its own, as visitors are: beside Playwright (this process) it was starved
            # and slow to read, which cost the server CPU (30 visitors: 1.3 s instead of 0.1 s).
            with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as visitors:
                results = visitors.submit(run_classroom, port, paths, n, args.connections, args.timeout).result()
            cpu = cpu_seconds(pids) - cpu
            times = [t for t, error, _ in results if error is None]
            failures = [error for _, error, _ in results if error is not None]
            spread = " | ".join(f"{pct(times, q):.2f}" for q in (50, 95, 100)) if times else "– | – | –"
            rows.append(f"| {name} | {len(paths)} | {n} | {len(failures)} | {spread} | {cpu:.1f} |")
            for error in sorted(set(failures))[:3]:
                rows.append(f"|   {failures.count(error)} failed: {error} |")
        print("| server | URLs | visitors | failures | p50 (s) | p95 (s) | max (s) | server CPU (s) |")
        print("|---|---|---|---|---|---|---|---|")
        print("\n".join(rows), flush=True)
        if profile:
            lines, total = profile_summary(profile())
            print(
                f"\npy-spy, {name}, {max(args.visitors)} visitors: the frames in the most of {total:,} samples "
                f"(200 a second, every thread, the first {args.profile:g} s)"
            )
            print("\n".join(lines), flush=True)
    finally:
        proc.terminate()
        proc.wait(30)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--visitors", type=int, nargs="+", default=[30, 100, 200])
    p.add_argument("--connections", type=int, default=6, help="keep-alive connections per visitor")
    p.add_argument("--timeout", type=float, default=600, help="seconds a visitor may take before it fails")
    p.add_argument(
        "--servers", nargs="+", choices=["shipped", "previous", "nginx"], default=["shipped", "previous", "nginx"]
    )
    p.add_argument("--previous", default=PREVIOUS, help="the commit whose server is the previous design")
    p.add_argument(
        "--profile",
        type=float,
        default=0,
        metavar="SECONDS",
        help="sample the Python servers with py-spy for this long during the largest classroom",
    )
    args = p.parse_args()
    if min(args.visitors) < 1 or args.connections < 1:
        p.error("--visitors and --connections must be at least 1")
    from playwright.sync_api import sync_playwright

    print(
        f"## A lecture hall at once: {', '.join(map(str, args.visitors))} visitors, {args.connections} "
        f"connections each, one server on loopback ({os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the start, {time.strftime('%Y-%m-%d %H:%M')})"
    )
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryFile("w+") as log, sync_playwright() as pw:
        browser = launch_chromium(pw)
        servers = Servers(args, log, work)
        for name in args.servers:
            started = getattr(servers, name)()
            if started is None:
                print(f"\n**{name}**: not installed, left out")
                continue
            measure(name, started, browser, args, work)
        browser.close()


if __name__ == "__main__":
    main()
