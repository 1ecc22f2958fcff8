"""A classroom at once: N visitors fetch everything the first digit needs from one `python -m server`
at the same moment. Prints figures; asserts nothing.

    .venv/bin/python bench/classroom.py [--visitors 200] [--connections 6] [--modes gzip identity]

For each mode (gzip: the server as shipped; identity: `python -m server --no-compress`):
1. start one real `python -m server` (waitress, its default threads) on a free loopback port and,
   with gzip, wait until it says it has compressed its files (it does that once, at start);
2. open the page once in a fresh headless Chromium (the teacher showing it) and take every URL the
   page asked for before it drew its first digit (the navigation and Resource Timing entries that
   started before the page's own `boot.firstDigitMs` probe, read once the network is idle so that
   fetches still in flight at the first digit count too), with the bytes Chromium counted on the
   wire for them (transferSize: headers plus body as sent);
3. let N visitors fetch all of those URLs at once: asyncio, each visitor on its own `--connections`
   keep-alive HTTP/1.1 connections (Chromium opens 6 per host), sending Accept-Encoding as Chromium
   does over plain http to a LAN address ("gzip, deflate"). A visitor fails on any connection error,
   status other than 200, short body, or the --timeout; its time runs from the common start until
   its last byte, connecting included; its bytes are everything read from its sockets.
"""

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, PROBES_ON  # noqa: E402

ACCEPT_ENCODING = "gzip, deflate"  # Chromium's over plain http to a non-loopback address
MODES = {"gzip": ([], "gzip ready"), "identity": (["--no-compress"], "open http://")}  # flags, ready line


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))]


def start_server(extra_args, ready, log):
    """`python -m server` on a free loopback port; returns (process, port, the line that said
    `ready`) once it printed that line."""
    proc = subprocess.Popen([sys.executable, "-m", "server", "--port", "0", *extra_args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=log, text=True)
    port = None
    for line in proc.stdout:
        if "open http://" in line:
            port = int(line.rsplit(":", 1)[1].strip(" /\n"))
        if port and ready in line:
            return proc, port, line.strip()
    proc.wait()
    log.seek(0)
    sys.exit(f"error: python -m server exited with {proc.returncode}: {log.read().strip()[-500:]}")


def page_load(port):
    """One fresh page load in Chromium: (ms from navigation to the first digit, {path with query:
    (bytes on the wire, bytes decoded, asked for before the first digit)}) for everything it fetched
    until the network went idle."""
    from playwright.sync_api import sync_playwright
    origin = f"http://127.0.0.1:{port}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.add_init_script(PROBES_ON)
        page = context.new_page()
        page.goto(origin + "/")
        page.wait_for_function("() => window.vaeDemo && (window.vaeDemo.ready || window.vaeDemo.error)",
                               timeout=120000)
        if page.evaluate("window.vaeDemo.error"):
            sys.exit(f"error: the page did not draw a digit: {page.evaluate('window.vaeDemo.error')}")
        page.wait_for_load_state("networkidle")
        first_ms, entries = page.evaluate("""() => {
            const t = window.vaeDemo.probes.boot.firstDigitMs;
            return [t, [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                .map(e => [e.name, e.transferSize, e.decodedBodySize, e.startTime <= t])];
        }""")
        browser.close()
    return first_ms, {url[len(origin):]: (wire, size, before) for url, wire, size, before in entries
                      if url.startswith(origin + "/")}


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
                writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: "
                             f"{ACCEPT_ENCODING}\r\nConnection: keep-alive\r\n\r\n".encode())
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                status = lines[0].split(" ", 2)[1]
                headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
                length = {k.lower(): v for k, v in headers.items()}.get("content-length")
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
    """Times (s) of the visitors that got everything, the failures' reasons, bytes read per visitor."""
    start = asyncio.Event()
    results = []

    async def visitor():
        stats = {"bytes": 0}
        await start.wait()
        t0 = time.perf_counter()
        try:
            await asyncio.wait_for(fetch_all(port, paths, connections, stats), timeout)
            results.append((time.perf_counter() - t0, None, stats["bytes"]))
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, RuntimeError, ValueError) as e:
            results.append((time.perf_counter() - t0, f"{type(e).__name__}: {e}", stats["bytes"]))

    tasks = [asyncio.create_task(visitor()) for _ in range(visitors)]
    await asyncio.sleep(0.1)  # every visitor is waiting at the line
    t0 = time.perf_counter()
    start.set()
    await asyncio.gather(*tasks)
    return results, time.perf_counter() - t0


def cpu_seconds(pid):
    """User + system CPU seconds a process has used so far (Linux /proc; None elsewhere)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def run_mode(mode, paths, args):
    """Start the server in this mode, load the page once, then the classroom. paths: the URL set to
    fetch (None: what this page load asked for before its first digit)."""
    with tempfile.TemporaryFile("w+") as log:
        proc, port, said = start_server(*MODES[mode], log=log)
        try:
            first_ms, loaded = page_load(port)
            paths = paths or [path for path, (_, _, before) in loaded.items() if before]
            missing = [path for path in paths if path not in loaded]
            if missing:
                sys.exit(f"error: the {mode} page load did not fetch {missing[:3]}")
            server_cpu, own_cpu = cpu_seconds(proc.pid), time.process_time()
            results, wall = asyncio.run(classroom(port, paths, args.visitors, args.connections, args.timeout))
            cpu = (cpu_seconds(proc.pid) - server_cpu if server_cpu is not None else float("nan"),
                   time.process_time() - own_cpu)
        finally:
            proc.terminate()
            proc.wait(30)
    return paths, [loaded[path] for path in paths], first_ms, results, (wall, *cpu), said


def report(mode, entries, first_ms, results, times_s, args):
    times = [t for t, error, _ in results if error is None]
    failures = [error for _, error, _ in results if error is not None]
    got = [b for _, error, b in results if error is None]
    wire, stored = sum(e[0] for e in entries), sum(e[1] for e in entries)
    spread = " | ".join(f"{q:.2f}" for q in (pct(times, 50), pct(times, 95), max(times))) if times else "– | – | –"
    print(f"| {mode} | {first_ms:.0f} | {len(entries)} | {stored:,} | {wire:,} | {args.visitors} | {len(failures)} | "
          f"{(sum(got) // len(got)) if got else 0:,} | {spread} | {times_s[0]:.1f} | {times_s[1]:.1f} | "
          f"{times_s[2]:.1f} |", flush=True)
    return failures


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--visitors", type=int, default=200)
    p.add_argument("--connections", type=int, default=6, help="keep-alive connections per visitor")
    p.add_argument("--timeout", type=float, default=300, help="seconds a visitor may take before it fails")
    p.add_argument("--modes", nargs="+", choices=sorted(MODES), default=["gzip", "identity"])
    args = p.parse_args()
    if args.visitors < 1 or args.connections < 1:
        p.error("--visitors and --connections must be at least 1")

    print(f"## A classroom at once: {args.visitors} visitors, {args.connections} connections each, "
          f"one `python -m server` on loopback ({os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} at the start)")
    print(f"The URL set: what the first ({args.modes[0]}) page load asked for before its first digit; "
          "every mode fetches the same set.")
    print("| server | Chromium: first digit (ms) | files | bytes as stored | bytes on the wire (Chromium) | visitors "
          "| failures | bytes on the wire per visitor | p50 (s) | p95 (s) | max (s) | all done (s) "
          "| server CPU (s) | visitors' CPU (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    failures, paths, wires, said = {}, None, {}, {}
    for mode in args.modes:
        paths, entries, first_ms, results, times_s, said[mode] = run_mode(mode, paths, args)
        wires[mode] = [e[0] for e in entries]
        failures[mode] = report(mode, entries, first_ms, results, times_s, args)
    if "gzip" in said:
        print(f"The gzip server, before the page load:{said['gzip'].split(':', 1)[1]}")
    for mode, errors in failures.items():
        for error in sorted(set(errors))[:5]:
            print(f"{mode}: {errors.count(error)} visitor(s) failed: {error}")
    print("\nLargest files on the wire (Chromium's bytes, " + " / ".join(wires) + "):")
    for i in sorted(range(len(paths)), key=lambda i: -max(w[i] for w in wires.values()))[:8]:
        print(f"  {paths[i].split('?')[0]}: " + " / ".join(f"{w[i]:,}" for w in wires.values()))


if __name__ == "__main__":
    main()
