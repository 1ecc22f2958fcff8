"""The class map under a class: many phones sending their codes at once, the projector page showing
them, many student pages polling, and the lecture hall loading the page meanwhile. Prints figures as a
Markdown table against the issue's targets; asserts nothing.

    sudo .venv/bin/python bench/class_map.py [--phones 200] [--seconds 10] [--pollers 200]
                                             [--idle-seconds 20] [--visitors 200] [--repeats 5]
                                             [--skip-hall]

Needs root and iproute2's `ip`: the server lets one address send about one code a second (429 beyond),
so each simulated phone needs an address of its own. The bench makes a network interface of its own
(vaeclassK, a dummy, or an empty bridge where the kernel has no dummy driver), gives it 10.N.0.1/16 (the
server's "LAN address" here: not loopback, so what comes to it is a student, never the presenter) and one
/32 address per phone, and deletes the interface at the end, also on Ctrl-C or SIGTERM.

One server, `python -m server --classroom --port 0` with a fresh class database, once it says its
compressed copies are ready; then, one after another:
1. sends: --phones phones each POST one code to /class/codes, from their own address, each at a random
   moment within --seconds, over raw HTTP/1.1 on a fresh connection (asyncio, in a process of its own),
   with the body the page makes ({"model":"vae-2d","z":[z1,z2],"digit":d}: 4 decimals, as
   static/js/classroom/classroom.js rounds them; about 1 in 10 without a digit). Meanwhile a real headless
   Chromium shows http://127.0.0.1:PORT/?projector (loopback: the presenter) on the class map's page, so
   the real page polls at its real pace. Then the server's list (GET /class/codes) is compared with what
   was sent, and the projector page is watched until every code is in its list and drawn
   (a code in window.vaeDemo.classMap.codes(), watched every 20 ms, then the page's idle(): its map and
   its table drawn); a code's time to the projector runs from its 201 to that moment (both on this
   machine's wall clock). The phones' network is this machine's: phones on Wi-Fi add its latency;
2. single sends: --repeats codes, one at a time from addresses of their own, --spacing s apart plus a
   random fraction of a second (so that each falls at another moment of the page's 1 s poll cycle),
   each timed from its 201 to its dot drawn on the projector page;
3. a real send: a second Chromium page, opened at the LAN address as a phone opens it, picks an MNIST
   sample in the "Your own digit" panel and calls window.vaeDemo.classMap.send({digit: 7}); the request
   it puts on the network is read from Chromium (its body; its request line and headers);
4. idle class: --pollers student pages, simulated (asyncio, in a process of its own; each on its own
   address and keep-alive connection, opening a new one where the server closed it as Chromium does,
   with the headers Chromium sent for its own poll), each following the page's schedule
   (static/js/classroom/poller.js: GET /class/join for poll_ms, then GET /class/codes?since=K with
   If-None-Match, every poll_ms[0] after a change, doubling while the answer is a 304, up to poll_ms[1]).
   They start within one second; once every one has backed off to the slowest pace, the server
   process's CPU time (user + system, /proc) is read over --idle-seconds. Then the same pollers with the
   backoff forced off (every second, as the presenter polls), for comparison. The projector page keeps
   polling throughout, as it would in the room;
5. the lecture hall (unless --skip-hall): bench/classroom.py's measurement (a fresh Chromium visit lists
   what the first digit needs; --visitors visitors fetch it all at once from loopback, 6 keep-alive
   connections each, in a process of their own) alone, then again while --phones phones send over
   --seconds (the hall starting 1 s into the sends).
"""

import argparse
import asyncio
import collections
import http.client
import json
import math
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from bench.classroom import cpu_seconds, pct, run_classroom, start_server, visits  # noqa: E402
from tests.harness import READY, launch_chromium  # noqa: E402

MODEL = "vae-2d"  # what the page sends (classroom.js MODEL)
DECIMALS = 4  # classroom.js DECIMALS
CONNECTIONS = 6  # per lecture-hall visitor, as bench/classroom.py (Chromium's per host)
TARGETS = {"post_p95": 0.5, "to_dot": 2.0, "cpu": 10.0, "body": 200, "hall_p95": 3.0}

# Projector mode shows one page at a time: step to the one holding the class map.
SHOW_CLASS_MAP = """() => {
    const p = window.vaeDemo.projector;
    for (let i = 0; i < p.page.count; i += 1) {
        p.show(i);
        if (document.querySelector('.projector-current #class-canvas')
            && getComputedStyle(document.getElementById('class-canvas')).display !== 'none'
            && document.getElementById('class-canvas').getClientRects().length) return p.page;
    }
    return null;
}"""
# In the projector page: when each code first shows in classMap.codes(), and when the page is idle
# again after it (its map and table drawn): id → [z1, z2, digit, listed ms, drawn ms | null].
WATCH = """() => {
    const seen = new Map();
    window.__classWatch = seen;
    const map = window.vaeDemo.classMap;
    const look = () => {
        const now = Date.now();
        const fresh = [];
        for (const c of map.codes()) {
            if (seen.has(c.id)) continue;
            const row = [c.z[0], c.z[1], c.digit, now, null];
            seen.set(c.id, row);
            fresh.push(row);
        }
        if (fresh.length) map.idle().then(() => { const t = Date.now(); for (const row of fresh) row[4] = t; });
    };
    look();
    setInterval(look, 20);
}"""
ALL_DRAWN = "(n) => [...window.__classWatch.values()].filter((r) => r[4] !== null).length >= n"
ONE_DRAWN = """(k) => [...window.__classWatch.values()].some((r) => r[0] === k[0] && r[1] === k[1] && r[2] === k[2]
    && r[4] !== null)"""
WATCHED = "() => [...window.__classWatch.values()]"
# When the page's polls started (ms since 1970), from its Resource Timing entries.
POLLS = """([from, to]) => performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/class/codes?'))
    .map((e) => performance.timeOrigin + e.startTime)
    .filter((t) => t >= from && t <= to)"""
# Pick an MNIST sample in the upload panel (as tests/page/conftest.py FILL_EVERY_PANEL does).
PICK_SAMPLE = """async () => {
    const u = window.vaeDemo.upload;
    if (u.wake) u.wake();
    await u.samplesLoaded;
    document.querySelector('#upload-samples button').click();
    await new Promise((r) => setTimeout(r, 50));
    await u.idle();
}"""


# --- the network: an address per phone -------------------------------------------------------------


class Network:
    """An interface of this bench's own holding 10.N.0.1/16 (the server's LAN address) and `count` /32
    addresses (one per phone). open() raises RuntimeError with a sentence if it cannot be made; close()
    deletes it, addresses and all."""

    def __init__(self, count):
        self.count, self.name, self.kind = count, None, None

    @staticmethod
    def ip(*args, stdin=None):
        return subprocess.run(["ip", *args], input=stdin, capture_output=True, text=True)

    def open(self):
        import psutil

        used = {a.address for addresses in psutil.net_if_addrs().values() for a in addresses}
        refused = []
        for k in range(40):
            name, second = f"vaeclass{k}", 211 + k
            if any(a.startswith(f"10.{second}.") for a in used):
                continue
            for kind in ("dummy", "bridge"):  # (no dummy driver in some containers: an empty bridge does)
                done = self.ip("link", "add", name, "type", kind)
                if done.returncode == 0:
                    self.name, self.kind, self.second = name, kind, second
                    return self.fill()
                refused.append(f"type {kind}: {done.stderr.strip()}")
                if "exists" in done.stderr:
                    break  # (another run holds this one: the next)
            if not any("exists" in r for r in refused[-2:]):
                break
        raise RuntimeError(f"cannot make a network interface (ip link add: {'; '.join(refused[-2:])})")

    def fill(self):
        self.server_ip = f"10.{self.second}.0.1"
        self.addresses = [f"10.{self.second}.{(i + 2) >> 8}.{(i + 2) & 255}" for i in range(self.count)]
        lines = [f"link set {self.name} up", f"addr add {self.server_ip}/16 dev {self.name}"]
        lines += [f"addr add {a}/32 dev {self.name}" for a in self.addresses]
        done = self.ip("-batch", "-", stdin="\n".join(lines) + "\n")
        if done.returncode != 0:
            self.close()
            raise RuntimeError(f"cannot give {self.name} its addresses (ip addr add: {done.stderr.strip()[:300]})")
        return self

    def close(self):
        if self.name:
            self.ip("link", "del", self.name)
            self.name = None


def check_can_make_addresses():
    """None, or the one line saying why this machine cannot give the phones addresses of their own."""
    if os.geteuid() != 0:
        return "error: bench/class_map.py needs root: each phone sends from an address of its own (ip addr add)"
    if not shutil.which("ip"):
        return "error: bench/class_map.py needs iproute2's `ip` to give each phone an address of its own"
    return None


# --- the server ----------------------------------------------------------------------------------------


def server_codes(port, since=0):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/class/codes?since={since}", timeout=30) as r:
        return json.load(r)


# --- raw HTTP/1.1 -------------------------------------------------------------------------------------


def js_number(v):
    """v as classroom.js sends it: Number(v.toFixed(4)) through JSON.stringify (1.0 → 1, -0 → 0)."""
    r = round(v, DECIMALS)
    return int(r) if r == int(r) else r


def code_body(rng):
    """A code's request body, as the page makes it (JSON.stringify of {model, z, digit})."""
    z = [js_number(max(-9.9, min(9.9, rng.gauss(0, 1)))) for _ in range(2)]
    digit = None if rng.random() < 0.1 else rng.randrange(10)
    return json.dumps({"model": MODEL, "z": z, "digit": digit}, separators=(",", ":")).encode()


def code_key(z1, z2, digit):
    return (float(z1), float(z2), digit)


def body_key(body):
    data = json.loads(body)
    return code_key(*data["z"], data["digit"])


def post_request(host, body):
    """The phones' POST: the request line, the 4 headers it needs, the body."""
    head = (
        f"POST /class/codes HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def read_answer(reader):
    """(status, {header: value} lowercased, body, bytes read) of one HTTP/1.1 answer."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:] if ": " in line)}
    length = 0 if status in (204, 304) else int(headers.get("content-length", 0))
    body = await reader.readexactly(length)
    return status, headers, body, len(head) + length


async def phone(server, addr, at, body, timeout):
    """One phone: at wall time `at`, connect from addr, POST body, read the answer."""
    await asyncio.sleep(max(0.0, at - time.time()))
    out = {"addr": addr, "body": body, "started": time.time(), "status": None, "error": None}
    t0 = time.perf_counter()
    request = post_request(f"{server[0]}:{server[1]}", body)
    out["request_bytes"] = len(request)
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(server[0], server[1], local_addr=(addr, 0)), timeout
        )
        try:
            writer.write(request)
            status, _, answer, read = await asyncio.wait_for(read_answer(reader), timeout)
            out.update(status=status, answered=time.time(), answer_bytes=read, answer=answer.decode("utf-8", "replace"))
        finally:
            writer.close()
    except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as e:
        out["error"] = f"{type(e).__name__}: {e}"
    out["seconds"] = time.perf_counter() - t0
    return out


async def phones(server, plan, start, timeout):
    return await asyncio.gather(*(phone(server, addr, start + delay, body, timeout) for addr, delay, body in plan))


def run_phones(server, plan, start, timeout=30.0):
    """[result per phone] of plan [(address, seconds after `start` (wall clock), body)]."""
    return asyncio.run(phones(server, plan, start, timeout))


def phone_plan(rng, addresses, seconds):
    return [(addr, rng.uniform(0, seconds), code_body(rng)) for addr in addresses]


async def poller(server, addr, headers, force, end, log, errors, spread):
    """One student page's polling (static/js/classroom/poller.js) until the next poll would come after
    `end` (loop time), on a keep-alive connection as Chromium's: a new one when the server closed the
    last. log: [(loop time, status, whether it opened a connection)] of every request."""
    loop = asyncio.get_running_loop()
    await asyncio.sleep(spread)
    host = f"{server[0]}:{server[1]}"
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers)
    conn = None

    async def get(path, etag=None):
        nonlocal conn
        opened = conn is None
        if opened:
            conn = await asyncio.open_connection(server[0], server[1], local_addr=(addr, 0))
        reader, writer = conn
        tag = f"If-None-Match: {etag}\r\n" if etag else ""
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}{tag}\r\n".encode())
        try:
            status, answer_headers, body, _ = await asyncio.wait_for(read_answer(reader), 30)
        except BaseException:
            writer.close()
            conn = None
            raise
        if answer_headers.get("connection", "").lower() == "close":
            writer.close()
            conn = None
        return status, answer_headers, body, opened

    failures = (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError)
    try:
        status, _, body, opened = await get("/class/join")
        log.append((loop.time(), status, opened))
        pace = force or json.loads(body)["poll_ms"]
    except failures as e:
        errors.append(f"join: {type(e).__name__}: {e}")
        return
    since, etag, wait = 0, None, pace[0]
    while True:
        try:
            status, answer_headers, body, opened = await get(f"/class/codes?since={since}", etag)
        except failures as e:
            status, opened = type(e).__name__, True
            errors.append(f"poll: {status}: {e}")
        log.append((loop.time(), status, opened))
        if status == 200:  # read() is true: the fastest pace again
            codes = json.loads(body)["codes"]
            if codes:
                since = codes[-1]["id"]
            etag, wait = answer_headers.get("etag"), pace[0]
        elif status == 304:
            wait = min(pace[1], wait * 2)
        else:
            wait = pace[1]
        if loop.time() + wait / 1000 > end:
            break
        await asyncio.sleep(wait / 1000)
    if conn:
        conn[1].close()


async def pollers(server, addresses, headers, force, settle, window, pid, seed):
    """CPU of the server process over `window` s, once `settle` s have passed since the pollers began."""
    loop = asyncio.get_running_loop()
    rng = random.Random(seed)
    log, errors = [], []
    t0 = loop.time()
    end = t0 + settle + window
    cpu0 = cpu_seconds([pid])
    tasks = [
        asyncio.create_task(poller(server, addr, headers, force, end, log, errors, rng.uniform(0, 1)))
        for addr in addresses
    ]
    await asyncio.sleep(settle)
    cpu1, w1 = cpu_seconds([pid]), loop.time()
    await asyncio.sleep(max(0.0, end - loop.time()))
    cpu2, w2 = cpu_seconds([pid]), loop.time()
    await asyncio.gather(*tasks)
    settling = [entry for entry in log if entry[0] < w1]
    steady = [entry for entry in log if w1 <= entry[0] < w2]
    return {
        "settle": {"cpu": (cpu1 - cpu0) / (w1 - t0), "requests": len(settling), "seconds": w1 - t0},
        "steady": {
            "cpu": (cpu2 - cpu1) / (w2 - w1),
            "requests": len(steady),
            "seconds": w2 - w1,
            "statuses": dict(collections.Counter(str(s) for _, s, _ in steady)),
            "connections": sum(opened for _, _, opened in steady),
        },
        "errors": errors,
    }


def run_pollers(*args):
    return asyncio.run(pollers(*args))


def settle_seconds(pace):
    """Seconds until a poller that started within the first second polls at its slowest pace."""
    wait, total = pace[0], 0
    while wait < pace[1]:
        total += wait
        wait *= 2
    return 1 + total / 1000 + 1  # its start (within 1 s), its faster polls, and one second's margin


# --- the pages ---------------------------------------------------------------------------------------


def open_projector(browser, origin):
    """The presenter's page in projector mode on the class map, polling, watched (WATCH)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.add_init_script("performance.setResourceTimingBufferSize(100000)")  # (every poll kept)
    page.goto(origin + "/?projector")
    page.wait_for_function(READY, timeout=120000)
    if page.evaluate("window.vaeDemo.error"):
        sys.exit(f"error: the projector page did not draw a digit: {page.evaluate('window.vaeDemo.error')}")
    if not page.evaluate("window.vaeDemo.classMap.status().enabled"):
        sys.exit("error: the page has no class map (was the server started with --classroom?)")
    if not page.evaluate(SHOW_CLASS_MAP):
        sys.exit("error: projector mode has no page showing the class map (#class-canvas)")
    try:
        page.wait_for_function(f"() => ({POLLS})([0, Infinity]).length > 0", timeout=20000)
    except Exception:  # (playwright's TimeoutError)
        sys.exit("error: the projector page shows the class map but did not poll within 20 s")
    page.evaluate(WATCH)
    return page


def watched(page):
    """{code key: [(listed ms, drawn ms or None)]} of the projector page's watch."""
    out = collections.defaultdict(list)
    for z1, z2, digit, listed, drawn in page.evaluate(WATCHED):
        out[code_key(z1, z2, digit)].append((listed, drawn))
    return out


def chromium_send(browser, origin):
    """A phone's page (at the LAN address) sends one code: what Chromium put on the network."""
    context = browser.new_context()
    page = context.new_page()
    posts, gets = [], []
    page.on("request", lambda r: (posts if r.method == "POST" else gets).append(r) if "/class/codes" in r.url else 0)
    page.goto(origin + "/")
    page.wait_for_function(READY, timeout=120000)
    page.evaluate(PICK_SAMPLE)
    result = page.evaluate("() => window.vaeDemo.classMap.send({digit: 7})")
    page.evaluate("() => window.vaeDemo.classMap.idle()")
    out = {"result": result}
    if posts:
        request = posts[0]
        response = request.response()
        body = request.post_data_buffer or b""
        headers = [(h["name"], h["value"]) for h in request.headers_array()]
        out.update(
            body=len(body),
            request=request_bytes("POST", request.url, headers, len(body)),
            headers=headers,
            status=response.status if response else None,
        )
    if gets:
        poll = [(h["name"], h["value"]) for h in gets[-1].headers_array()]
        out["poll_headers"] = [(k, v) for k, v in poll if k.lower() not in ("host", "if-none-match") and k[0] != ":"]
    context.close()
    return out


def request_bytes(method, url, headers, body):
    """Bytes of an HTTP/1.1 request: request line, headers, blank line, body."""
    path = "/" + url.split("://", 1)[1].split("/", 1)[1]
    return len(f"{method} {path} HTTP/1.1\r\n") + sum(len(f"{k}: {v}\r\n") for k, v in headers) + 2 + body


# --- the phases --------------------------------------------------------------------------------------


def compare(sent, stored):
    """(codes lost: answered 201 but not stored, codes stored that were never sent, list = sent)."""
    acked = collections.Counter(body_key(r["body"]) for r in sent if r["status"] == 201)
    listed = collections.Counter(code_key(*c["z"], c["digit"]) for c in stored)
    lost = sum((acked - listed).values())
    extra = sum((listed - acked).values())
    return lost, extra, acked == listed


def to_projector(results, seen):
    """[(201 at, seconds to its dot drawn on the projector page, seconds to it being in the page's list)]
    of each answered code (inf if never)."""
    out = []
    for r in results:
        if r["status"] != 201:
            continue
        found = seen.get(body_key(r["body"]), [])
        drawn = [d for _, d in found if d is not None]
        at = r["answered"]
        out.append(
            (
                at,
                max(0.0, drawn[0] / 1000 - at) if drawn else math.inf,
                max(0.0, found[0][0] / 1000 - at) if found else math.inf,
            )
        )
    return out


def class_sends(pool, net, port, projector, args, rng):
    """Phase 1: --phones phones send within --seconds while the projector polls."""
    server = (net.server_ip, port)
    before = server_codes(port)["codes"]
    since = before[-1]["id"] if before else 0
    plan = phone_plan(rng, net.addresses[: args.phones], args.seconds)
    start = time.time() + 0.5
    results = pool.apply_async(run_phones, (server, plan, start)).get()
    done = time.time()
    stored = server_codes(port, since)["codes"]
    lost, extra, same = compare(results, stored)
    acked = sum(r["status"] == 201 for r in results)
    try:
        projector.wait_for_function(ALL_DRAWN, arg=len(before) + acked, polling=50, timeout=30000)
    except Exception:  # (playwright's TimeoutError: the codes not shown count as never shown)
        pass
    times = to_projector(results, watched(projector))
    last = max(times) if times else (math.nan, math.nan, math.nan)
    page_polls = [t / 1000 for t in projector.evaluate(POLLS, [start * 1000, done * 1000])]
    return {
        "results": results,
        "acked": acked,
        "lost": lost,
        "extra": extra,
        "same": same,
        "last": last,
        "all": sorted(t for _, t, _ in times),
        "polls": len(page_polls),
        "poll_every": (page_polls[-1] - page_polls[0]) / (len(page_polls) - 1) if len(page_polls) > 1 else math.nan,
        "span": done - start,
    }


def single_sends(net, port, projector, args, rng):
    """Phase 2: --repeats codes one at a time, each timed to its dot on the projector page."""
    out = []
    for i in range(args.repeats):
        t0 = time.time()
        body = code_body(rng)
        conn = http.client.HTTPConnection(
            net.server_ip, port, timeout=10, source_address=(net.addresses[args.phones + i], 0)
        )
        conn.request("POST", "/class/codes", body=body, headers={"Content-Type": "application/json"})
        answer = conn.getresponse()
        answered = time.time()
        answer.read()
        conn.close()
        if answer.status != 201:
            out.append(math.inf)
            continue
        key = list(body_key(body))
        try:
            projector.wait_for_function(ONE_DRAWN, arg=key, polling=50, timeout=15000)
            seen = watched(projector)[tuple(key)]
            out.append(max(0.0, min(d for _, d in seen if d is not None) / 1000 - answered))
        except Exception:  # (playwright's TimeoutError)
            out.append(math.inf)
        if i + 1 < args.repeats:  # (a random fraction more: each falls at another moment of the poll cycle)
            time.sleep(max(0.0, t0 + args.spacing + rng.random() - time.time()))
    return out


def idle_class(pool, net, port, pid, headers, args):
    """Phase 4: the server's CPU with --pollers student pages polling an idle class, then the same
    pollers forced to 1 s."""
    server = (net.server_ip, port)
    addresses = net.addresses[: args.pollers]
    with urllib.request.urlopen(f"http://{net.server_ip}:{port}/class/join", timeout=30) as r:
        pace = json.load(r)["poll_ms"]  # (a student's: this address is not loopback)
    paced = pool.apply_async(
        run_pollers, (server, addresses, headers, None, settle_seconds(pace), args.idle_seconds, pid, 1)
    ).get()
    forced = [pace[0], pace[0]]
    flat = pool.apply_async(
        run_pollers, (server, addresses, headers, forced, settle_seconds(forced), args.idle_seconds, pid, 2)
    ).get()
    return pace, paced, flat


def hall(pool, browser, net, port, args, rng):
    """Phase 5: the lecture hall alone, then while the class sends."""
    origin = f"http://127.0.0.1:{port}"
    first = visits(browser, origin)[0]
    paths = list(first[1])
    alone = pool.apply_async(run_classroom, (port, paths, args.visitors, CONNECTIONS, args.timeout)).get()
    before = server_codes(port)["codes"]
    since = before[-1]["id"] if before else 0
    plan = phone_plan(rng, net.addresses[: args.phones], args.seconds)
    start = time.time() + 0.5
    sends = pool.apply_async(run_phones, ((net.server_ip, port), plan, start))
    time.sleep(max(0.0, start + min(1.0, args.seconds / 2) - time.time()))
    hall_start = time.time()
    busy = pool.apply_async(run_classroom, (port, paths, args.visitors, CONNECTIONS, args.timeout)).get()
    hall_end = time.time()
    results = sends.get()
    lost, extra, same = compare(results, server_codes(port, since)["codes"])
    return {
        "urls": len(paths),
        "alone": alone,
        "busy": busy,
        "sends": results,
        "during": sum(1 for r in results if hall_start <= r.get("answered", math.inf) <= hall_end),
        "lost": lost,
        "extra": extra,
        "same": same,
    }


# --- the report --------------------------------------------------------------------------------------


def met(ok):
    return "met" if ok else "**missed**"


def secs(v, digits=2):
    return "never shown" if v == math.inf else f"{v:.{digits}f} s"


def rate(part):
    return f"{100 * part['cpu']:.1f}% of one core ({part['requests'] / part['seconds']:.1f} requests/s"


def send_rows(args, sends, singles):
    results, P = sends["results"], args.phones
    errors = [r for r in results if r["status"] != 201]
    took = [r["seconds"] for r in results if r["status"] == 201]
    p95 = pct(took, 95) if took else math.inf
    shown, dot = sends["all"], TARGETS["to_dot"]
    return [
        (
            f"{P} phones send one code each within {args.seconds:g} s (LAN address, projector polling): "
            "errors (not 201)",
            f"{len(errors)} of {P}",
            "0",
            met(not errors),
        ),
        (
            "… codes lost (answered 201, missing from the server's list)",
            f"{sends['lost']} (server's list = what was sent: {'yes' if sends['same'] else 'no'})",
            "0; list = sent",
            met(sends["lost"] == 0 and sends["same"]),
        ),
        (
            "… POST time, connect to 201: p95 (p50 / max)",
            f"{p95:.3f} s ({pct(took, 50):.3f} / {max(took):.3f})" if took else "no 201",
            f"≤ {TARGETS['post_p95']:g} s",
            met(p95 <= TARGETS["post_p95"]),
        ),
        (
            f"from the last send to its dot on the projector page ({P}-phone run)",
            f"{secs(sends['last'][1])} (in its list after {secs(sends['last'][2])}; all {len(shown)}: median "
            f"{secs(pct(shown, 50))}, max {secs(max(shown))})"
            if shown
            else "no code answered",
            f"≤ {dot:g} s",
            met(bool(shown) and sends["last"][1] <= dot),
        ),
        (
            f"… single sends, {len(singles)} from their own addresses {args.spacing:g}–{args.spacing + 1:g} s apart: "
            "median / max",
            f"{secs(pct(singles, 50))} / {secs(max(singles))}" if singles else "none (--repeats 0)",
            f"≤ {dot:g} s",
            met(max(singles) <= dot) if singles else "–",
        ),
    ]


def idle_rows(args, idle):
    pace, paced, flat = idle
    steady, settling, forced = paced["steady"], paced["settle"], flat["steady"]
    statuses = ", ".join(f"{n} × {s}" for s, n in sorted(steady["statuses"].items())) or "none"
    return [
        (
            f"server CPU, {args.pollers} student pages polling an idle class ({pace[0] / 1000:g} s, doubling "
            f"while unchanged up to {pace[1] / 1000:g} s), over {steady['seconds']:.0f} s",
            f"{rate(steady)}: {statuses})",
            f"≤ {TARGETS['cpu']:g}% of one core",
            met(100 * steady["cpu"] <= TARGETS["cpu"] and not paced["errors"]),
        ),
        (
            f"… the first {settling['seconds']:.0f} s, as the pages open (join, first answer, backing off)",
            f"{rate(settling)})",
            "–",
            "–",
        ),
        (
            f"… for comparison: the same {args.pollers} pollers forced to {pace[0] / 1000:g} s (no backoff)",
            f"{rate(forced)})",
            "–",
            "–",
        ),
    ]


def byte_rows(args, sends, real):
    results = sends["results"]
    bodies = [len(r["body"]) for r in results] + ([real["body"]] if "body" in real else [])
    answers = [r["answer_bytes"] for r in results if r["status"] == 201]
    return [
        (
            f"bytes a send puts on the network: request body, max of {args.phones} phones and Chromium's real send",
            f"{max(bodies)} B",
            f"≤ {TARGETS['body']} B",
            met(max(bodies) <= TARGETS["body"]),
        ),
        (
            "… whole request as these phones send it (request line, 3 headers, body)",
            f"{max(r['request_bytes'] for r in results)} B",
            "–",
            "–",
        ),
        (
            f"… whole request as Chromium sends it (request line, {len(real.get('headers', []))} headers, body "
            f"{real.get('body', '?')} B)",
            f"{real['request']} B" if "request" in real else f"not captured ({real['result']})",
            "–",
            "–",
        ),
        ("… the server's 201 answer (status line, headers, body)", f"{max(answers)} B" if answers else "–", "–", "–"),
    ]


def hall_spread(results):
    """(p95 of the visitors' times, failures), as bench/classroom.py reports them."""
    times = [t for t, error, _ in results if error is None]
    return (pct(times, 95) if times else math.inf), sum(1 for _, error, _ in results if error is not None)


def hall_row(args, hall_figures):
    figure = f"lecture hall: {args.visitors} fresh visitors, first digit, while {args.phones} phones send: p95"
    target = f"≤ {TARGETS['hall_p95']:g} s"
    if hall_figures is None:
        return (figure, "skipped (--skip-hall)", target, "–")
    busy, failures = hall_spread(hall_figures["busy"])
    alone, alone_failures = hall_spread(hall_figures["alone"])
    return (
        figure,
        f"{secs(busy)} ({failures} failures; alone: {secs(alone)}, {alone_failures} failures)",
        target,
        met(busy <= TARGETS["hall_p95"] and failures == 0),
    )


def table(args, sends, singles, real, idle, hall_figures):
    rows = send_rows(args, sends, singles) + idle_rows(args, idle) + byte_rows(args, sends, real)
    rows.append(hall_row(args, hall_figures))
    return ["| figure | measured | target | met? |", "|---|---|---|---|"] + [f"| {' | '.join(r)} |" for r in rows]


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            return next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "?")
    except OSError:
        return "?"


def context_lines(net, browser, sends, real, idle, hall_figures):
    _, paced, flat = idle
    every = f" (every {sends['poll_every']:.2f} s)" if sends["polls"] > 1 else ""
    steady = paced["steady"]
    lines = [
        "",
        f"Machine: {os.cpu_count()} CPUs ({cpu_model()}), load average {os.getloadavg()[0]:.2f} at the end, "
        f"headless Chromium {browser.version}; phones on a {net.kind} interface ({net.server_ip}/16, one "
        f"address each), the server listening on every interface ({time.strftime('%Y-%m-%d %H:%M')}).",
        f"The projector page (loopback: the presenter) polled {sends['polls']} times during the "
        f"{sends['span']:.1f} s of sends{every}; {sends['extra']} codes in the server's list that no phone sent.",
        f"Idle class: {steady['connections']} of its {steady['requests']} polls opened a new connection "
        "(waitress closes the connection after every 304: it has no Content-Length).",
        f"Chromium's real send: {real['result']}; its headers: {', '.join(k for k, _ in real.get('headers', []))}.",
    ]
    errors = paced["errors"] + flat["errors"]
    if errors:
        lines.append(f"Poller errors: {len(paced['errors'])} paced, {len(flat['errors'])} forced; first: {errors[0]}")
    if hall_figures:
        h = hall_figures
        bad = [r for r in h["sends"] if r["status"] != 201]
        took = [r["seconds"] for r in h["sends"] if r["status"] == 201]
        lines.append(
            f"Lecture hall: {h['urls']} URLs before the first digit, {CONNECTIONS} connections per visitor; "
            f"{h['during']} codes answered while it loaded; its phones: {len(bad)} errors, {h['lost']} lost, "
            f"POST p95 {pct(took, 95) if took else math.nan:.3f} s."
        )
    return lines


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--phones", type=int, default=200, help="phones that each send one code")
    p.add_argument("--seconds", type=float, default=10, help="the phones send within this many seconds")
    p.add_argument("--pollers", type=int, default=200, help="student pages polling the idle class")
    p.add_argument("--idle-seconds", type=float, default=20, help="how long the idle class's CPU is measured")
    p.add_argument("--visitors", type=int, default=200, help="the lecture hall's fresh visitors")
    p.add_argument("--repeats", type=int, default=5, help="single sends timed to their dot")
    p.add_argument("--spacing", type=float, default=3, help="seconds between single sends")
    p.add_argument("--timeout", type=float, default=600, help="seconds a lecture-hall visitor may take")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--skip-hall", action="store_true", help="leave out the lecture hall")
    args = p.parse_args(argv)
    if min(args.phones, args.pollers, args.visitors) < 1 or args.repeats < 0:
        p.error("--phones, --pollers and --visitors must be at least 1, --repeats at least 0")
    if args.seconds <= 0 or args.idle_seconds <= 0 or args.spacing < 0:
        p.error("--seconds and --idle-seconds must be more than 0, --spacing at least 0")
    return args


def on_sigterm(*_):
    raise KeyboardInterrupt  # (so that the interface and the server go, as on Ctrl-C)


def main(argv=None):
    args = parse_args(argv)
    why = check_can_make_addresses()
    if why:
        sys.exit(why)
    signal.signal(signal.SIGTERM, on_sigterm)
    rng = random.Random(args.seed)
    print(
        f"## The class map under a class: {args.phones} phones, {args.pollers} polling pages"
        + ("" if args.skip_hall else f", {args.visitors} lecture-hall visitors")
        + f", one server ({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the start, "
        f"{time.strftime('%Y-%m-%d %H:%M')})\n",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as work, tempfile.TemporaryFile("w+") as log:
        # listening on every interface; measured once its compressed copies are written (no CPU taken then)
        db = os.path.join(work, "class.db")
        proc, port = start_server(ROOT, "brotli ready", log, "--classroom", "--class-db", db)
        try:
            net = Network(max(args.phones + args.repeats, args.pollers))
            try:
                net.open()
            except RuntimeError as e:
                sys.exit(f"error: {e}")
            try:
                measure(args, net, port, proc.pid, rng)
            finally:
                net.close()
        finally:
            proc.terminate()
            proc.wait(30)


def measure(args, net, port, pid, rng):
    from playwright.sync_api import sync_playwright

    spawn = multiprocessing.get_context("spawn")
    # Phones, pollers and visitors each in a process of their own, apart from Playwright (as in
    # bench/classroom.py); leaving the block (Ctrl-C included) terminates them at once.
    with sync_playwright() as pw, spawn.Pool(2) as pool:
        browser = launch_chromium(pw)
        projector = open_projector(browser, f"http://127.0.0.1:{port}")
        sends = class_sends(pool, net, port, projector, args, rng)
        singles = single_sends(net, port, projector, args, rng)
        real = chromium_send(browser, f"http://{net.server_ip}:{port}")
        idle = idle_class(pool, net, port, pid, real.get("poll_headers", []), args)
        hall_figures = None if args.skip_hall else hall(pool, browser, net, port, args, rng)
        print("\n".join(table(args, sends, singles, real, idle, hall_figures)))
        print("\n".join(context_lines(net, browser, sends, real, idle, hall_figures)), flush=True)
        browser.close()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:  # (by now the interface, the server and the helper processes are gone)
        sys.exit("interrupted")
