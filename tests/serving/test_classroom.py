"""The class map (`python -m server --classroom`): off unless asked; the codes API and its checks (every
wrong body is a 4xx {"error"} that changes nothing); the presenter; the rate limit; capacity; restarts;
the CSV; the join address and its QR codes, decoded back (the SVG as Chromium draws it, the terminal's
blocks as the CLI prints them)."""

import base64
import contextlib
import csv
import http.client
import io
import itertools
import json
import re
import socket
import subprocess
import sys
import time
import types
from datetime import UTC, datetime

import pytest
from PIL import Image

import server.__main__ as cli
from server import classroom, create_app, lan
from server.class_codes import CAPACITY, ClassCodes, ClassFull
from server.classroom import POLL_MS, RateLimit
from tests.harness import ROOT, Lines, check_security_headers, serve, server_cli
from tests.qr import decode, read_terminal_qr

CODE = {"model": "vae-2d", "z": [0.5, -1.25], "digit": 3}
PRESENTER = {"REMOTE_ADDR": "127.0.0.1"}
PHONE = {"REMOTE_ADDR": "10.0.0.5"}
JSON_ERROR = 'the body must be JSON: {"model": "vae-2d", "z": [z1, z2], "digit": 0-9 or null}'
Z_ERROR = "z must be 2 finite numbers between -10 and 10"
DIGIT_ERROR = "digit must be a whole number from 0 to 9, or null"
NOT_PRESENTER = "only the presenter (a browser on the laptop that runs the server) can "
TOO_LARGE = "the request body is over the 1 kB limit"


@pytest.fixture
def models_dir(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "manifest.json").write_text('{"version": 1, "models": []}')
    return tmp_path / "models"


def start(models_dir, db):
    return create_app({"MODELS_DIR": str(models_dir), "CLASSROOM": True, "CLASS_DB": str(db)})


@pytest.fixture
def app(models_dir, tmp_path):
    app = start(models_dir, tmp_path / "class.db")
    yield app
    app.extensions["classroom"]["codes"].close()


@pytest.fixture
def client(app):
    return app.test_client()


addresses = (f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}" for n in itertools.count(1 << 16))


def send(client, body, address=None):
    """POST a code (a dict, or the body as is), each from its own phone's address unless `address` says:
    the rate limit stays out of the tests that are not about it."""
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    environ = {"REMOTE_ADDR": address or next(addresses)}
    return client.post("/class/codes", data=data, content_type="application/json", environ_base=environ)


def listed(client, query=""):
    r = client.get("/class/codes" + query)
    assert r.status_code == 200, r.data
    return r.get_json()


def padded(code, size):
    """`code` as a JSON body of exactly `size` bytes (trailing spaces are still JSON)."""
    body = json.dumps(code).encode()
    return body + b" " * (size - len(body))


def refusal(reason, message):
    """The body of a refusal of the class map's: {"error": a sentence, "reason": a word for the page}."""
    return {"error": message, "reason": reason}


def refused(r, status, message, reason="invalid"):
    assert (r.status_code, r.get_json()) == (status, refusal(reason, message))


def switch(client, accepting, environ=PRESENTER):
    return client.post("/class/accepting", json={"accepting": accepting}, environ_base=environ)


# --- off unless asked ---------------------------------------------------------------------------------


def test_without_classroom_there_is_no_class_map(models_dir):
    app = create_app({"MODELS_DIR": str(models_dir)})
    client = app.test_client()
    for path in ("/class/join", "/class/join.svg", "/class/codes", "/class/codes.csv", "/class/accepting"):
        for method in ("GET", "POST", "DELETE"):
            r = client.open(path, method=method, json=CODE if method == "POST" else None, environ_base=PRESENTER)
            assert r.status_code == 404 and r.get_json() == {"error": "not found"}, (method, path)
    html = client.get("/").get_data(as_text=True)
    assert 'id="classroom"' not in html and 'id="class-send"' not in html
    assert "classroom" not in app.extensions


def test_with_classroom_the_wrong_method_is_405(client):
    for method, path in (("POST", "/class/join"), ("DELETE", "/class/join.svg"), ("PUT", "/class/codes")):
        r = client.open(path, method=method, environ_base=PRESENTER)
        assert r.status_code == 405 and r.get_json() == {"error": "method not allowed"}, (method, path)


# --- sending and listing ------------------------------------------------------------------------------


def test_codes_are_listed_since_an_id_with_an_etag(client):
    empty = client.get("/class/codes")
    assert empty.get_json() == {"count": 0, "accepting": True, "codes": []}
    assert empty.headers["Cache-Control"] == "no-cache"
    sent = [([0.5, -1.25], 3), ([-2, 9.75], None), ([10, -10], 0)]  # ±10 exactly: the bounds are allowed
    for n, (z, digit) in enumerate(sent, 1):
        r = send(client, {"model": "vae-2d", "z": z, "digit": digit})
        assert r.status_code == 201 and r.get_json() == {"count": n}
    everything = listed(client)
    assert everything["count"] == 3 and everything["accepting"] is True
    assert [(c["z"], c["digit"]) for c in everything["codes"]] == [([float(v) for v in z], d) for z, d in sent]
    ids = [c["id"] for c in everything["codes"]]
    assert ids == sorted(set(ids)) and len(ids) == 3
    assert listed(client, "?since=0") == everything
    later = listed(client, f"?since={ids[0]}")
    assert later == {"count": 3, "accepting": True, "codes": everything["codes"][1:]}
    assert listed(client, f"?since={ids[-1]}")["codes"] == []

    r = client.get("/class/codes")
    tag = r.headers["ETag"]
    same = client.get("/class/codes", headers={"If-None-Match": tag})
    assert same.status_code == 304 and same.data == b"" and same.headers["ETag"] == tag
    assert same.headers["X-Content-Type-Options"] == "nosniff"
    assert send(client, CODE).status_code == 201
    changed = client.get("/class/codes", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["ETag"] != tag and changed.get_json()["count"] == 4


def code(**change):
    return json.dumps({**CODE, **change})


BAD_BODIES = [
    (b"hello", JSON_ERROR),
    (b"", JSON_ERROR),
    (b"\xff\xfe{}", JSON_ERROR),
    ('{"model": "vae-2d", "z": [NaN, 0], "digit": 1}', JSON_ERROR),
    ('{"model": "vae-2d", "z": [0, Infinity], "digit": 1}', JSON_ERROR),
    ('{"model": "vae-2d", "z": [-Infinity, 0], "digit": 1}', JSON_ERROR),
    (json.dumps([CODE]), "the body must be a JSON object"),
    ('"vae-2d"', "the body must be a JSON object"),
    ("null", "the body must be a JSON object"),
    (code(model="vae-3d"), 'model must be "vae-2d"'),
    (json.dumps({"z": [0, 0], "digit": 1}), 'model must be "vae-2d"'),
    (code(z=[1]), Z_ERROR),
    (code(z=[1, 2, 3]), Z_ERROR),
    (code(z=[]), Z_ERROR),
    (code(z="0.5,-1.25"), Z_ERROR),
    (json.dumps({"model": "vae-2d", "digit": 1}), Z_ERROR),
    (code(z=["1", 2]), Z_ERROR),
    (code(z=[True, 0]), Z_ERROR),
    (code(z=[0, None]), Z_ERROR),
    (code(z=[[0], 0]), Z_ERROR),
    (code(z=[10.000001, 0]), Z_ERROR),
    (code(z=[0, -11]), Z_ERROR),
    ('{"model": "vae-2d", "z": [1e400, 0], "digit": 1}', Z_ERROR),  # a float literal too large: inf
    ('{"model": "vae-2d", "z": [1' + "0" * 400 + ', 0], "digit": 1}', Z_ERROR),  # an int too large for a float
    (code(digit=10), DIGIT_ERROR),
    (code(digit=-1), DIGIT_ERROR),
    (code(digit=3.5), DIGIT_ERROR),
    (code(digit=3.0), DIGIT_ERROR),
    (code(digit="7"), DIGIT_ERROR),
    (code(digit=True), DIGIT_ERROR),
    (code(digit=[7]), DIGIT_ERROR),
    (code(name="Ada"), "unknown keys: name (only model, z and digit are accepted)"),
    (
        code(image="data:image/png;base64,AAAA", name="Ada"),
        "unknown keys: image, name (only model, z and digit are accepted)",
    ),
]


@pytest.mark.parametrize("body, message", BAD_BODIES)
def test_a_bad_code_is_refused_and_changes_nothing(client, body, message):
    assert send(client, CODE).status_code == 201
    before = client.get("/class/codes")
    r = send(client, body)
    refused(r, 400, message)
    after = client.get("/class/codes")
    assert after.get_json() == before.get_json() and after.headers["ETag"] == before.headers["ETag"]


def test_a_body_over_1_kb_is_413_json_through_flask(client):
    assert send(client, padded(CODE, 1024)).status_code == 201  # 1 kB exactly is allowed
    before = listed(client)
    r = send(client, padded(CODE, 1025))
    assert r.status_code == 413 and r.get_json()["error"] == TOO_LARGE
    assert listed(client) == before


@contextlib.contextmanager
def serving(app, host="127.0.0.1"):
    """`app` under the real server (tests/harness.py serve) in a thread; yields its port."""
    server = serve(app, host=host)
    try:
        yield server.effective_port
    finally:
        server.close()


def fetch(host, port, method, path, body=None, headers=None):
    """(status, headers, body) of one HTTP request to host:port."""
    connection = http.client.HTTPConnection(host, port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        r = connection.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        connection.close()


def test_a_body_over_1_kb_is_413_json_from_waitress_itself(app):
    """waitress refuses it before the app sees it (server/wsgi.py): still JSON, with the security headers."""
    with serving(app) as port:
        ok = fetch("127.0.0.1", port, "POST", "/class/codes", padded(CODE, 1024))
        assert ok[0] == 201 and json.loads(ok[2]) == {"count": 1}
        before = fetch("127.0.0.1", port, "GET", "/class/codes")[2]
        status, headers, body = fetch("127.0.0.1", port, "POST", "/class/codes", padded(CODE, 1025))
        assert status == 413 and json.loads(body)["error"] == TOO_LARGE
        assert headers["Content-Type"] == "application/json"
        check_security_headers(headers)
        assert fetch("127.0.0.1", port, "GET", "/class/codes")[2] == before


def test_nothing_is_taken_while_stopped(client):
    assert send(client, CODE).status_code == 201
    r = switch(client, False)
    assert r.status_code == 200 and r.get_json() == {"accepting": False}
    before = listed(client)
    assert before["accepting"] is False and before["count"] == 1
    r = send(client, CODE)
    refused(r, 409, "the class map is not accepting codes now: the presenter stopped it", "stopped")
    assert listed(client) == before
    assert switch(client, True).get_json() == {"accepting": True}
    assert send(client, CODE).get_json() == {"count": 2}


@pytest.mark.parametrize("since", ["abc", "-1", "1.5", "", "²", "١", "9" * 5000])
def test_a_bad_since_is_400(client, since):
    r = client.get("/class/codes", query_string={"since": since})
    refused(r, 400, "since must be a code's id: a whole number, 0 or more")


@pytest.mark.parametrize(
    "body", [b"yes", b"[true]", b"{}", b'{"accepting": "no"}', b'{"accepting": 0}', b'{"accepting": true, "x": 1}']
)
def test_a_bad_switch_is_400_and_changes_nothing(client, body):
    r = client.post("/class/accepting", data=body, environ_base=PRESENTER)
    refused(r, 400, 'the body must be {"accepting": true} or {"accepting": false}')
    assert listed(client)["accepting"] is True


# --- the presenter ------------------------------------------------------------------------------------


def test_only_the_presenter_clears_or_stops(client):
    for _ in range(2):
        assert send(client, CODE).status_code == 201
    before = listed(client)
    not_presenters = [PHONE, {"REMOTE_ADDR": "192.168.1.20"}, {"REMOTE_ADDR": "fe80::1"}]
    forwarded = [{"X-Forwarded-For": "10.0.0.5"}, {"Forwarded": "for=10.0.0.5"}, {"X-Forwarded-For": "127.0.0.1"}]
    refusals = [(environ, {}) for environ in not_presenters] + [(PRESENTER, headers) for headers in forwarded]
    for environ, headers in refusals:
        r = client.delete("/class/codes", environ_base=environ, headers=headers)
        refused(r, 403, NOT_PRESENTER + "clear the map", "presenter")
        r = client.post("/class/accepting", json={"accepting": False}, environ_base=environ, headers=headers)
        refused(r, 403, NOT_PRESENTER + "stop or resume", "presenter")
        assert client.get("/class/join", environ_base=environ, headers=headers).get_json()["presenter"] is False
        assert listed(client) == before

    for address in ("127.0.0.1", "::1", "::ffff:127.0.0.1"):
        environ = {"REMOTE_ADDR": address}
        assert switch(client, False, environ).get_json() == {"accepting": False}, address
        assert listed(client)["accepting"] is False
        assert switch(client, True, environ).get_json() == {"accepting": True}, address
        assert send(client, CODE).status_code == 201
        r = client.delete("/class/codes", environ_base=environ)
        assert r.status_code == 200 and r.get_json() == {"count": 0}, address
        assert listed(client)["count"] == 0


def test_the_laptops_own_lan_address_is_not_the_presenter(app):
    """Over real HTTP: a request to the laptop's LAN address comes from that address, not loopback."""
    lan_ips = lan.lan_addresses()
    if not lan_ips:
        pytest.skip("this machine has no non-loopback IPv4 address to send from")
    with serving(app, host="0.0.0.0") as port:
        assert fetch("127.0.0.1", port, "POST", "/class/codes", json.dumps(CODE))[0] == 201
        before = fetch("127.0.0.1", port, "GET", "/class/codes")[2]
        for ip in lan_ips:
            status, _, body = fetch(ip, port, "DELETE", "/class/codes")
            assert (status, json.loads(body)) == (403, refusal("presenter", NOT_PRESENTER + "clear the map")), ip
            assert json.loads(fetch(ip, port, "GET", "/class/join")[2])["presenter"] is False
        assert fetch("127.0.0.1", port, "GET", "/class/codes")[2] == before
        status, _, body = fetch("127.0.0.1", port, "DELETE", "/class/codes")
        assert status == 200 and json.loads(body) == {"count": 0}
        assert json.loads(fetch("127.0.0.1", port, "GET", "/class/join")[2])["presenter"] is True


# --- the rate limit -----------------------------------------------------------------------------------


class FrozenClock(RateLimit):
    """The app's rate limit on a clock the test moves."""

    now = 1000.0

    def take(self, address, now=None):
        return super().take(address, now=self.now)


def test_one_address_is_slowed_and_nobody_else(app, client):
    limit = app.extensions["classroom"]["limit"] = FrozenClock()
    phone = "10.0.0.7"
    assert [send(client, CODE, phone).status_code for _ in range(2)] == [201, 201]
    r = send(client, CODE, phone)
    refused(r, 429, "one code a second at most: wait a moment and send again", "too_fast")
    assert r.headers["Retry-After"] == "1"
    assert listed(client)["count"] == 2
    assert send(client, CODE, "10.0.0.8").get_json() == {"count": 3}  # at once: another phone is not slowed
    limit.now += 1
    assert send(client, CODE, phone).get_json() == {"count": 4}  # a second later
    assert send(client, CODE, phone).status_code == 429


def test_behind_a_proxy_on_the_laptop_each_phone_has_its_own_limit(app, client):
    """A proxy on this laptop (loopback) names each phone in X-Forwarded-For (the last entry: the one it
    added); from any other peer the header is ignored, so a phone cannot dodge the limit with it."""
    app.extensions["classroom"]["limit"] = FrozenClock()

    def via(peer, forwarded):
        headers = {"X-Forwarded-For": forwarded}
        return client.post("/class/codes", json=CODE, headers=headers, environ_base={"REMOTE_ADDR": peer})

    assert [via("127.0.0.1", "203.0.113.9, 10.0.0.21").status_code for _ in range(3)] == [201, 201, 429]
    assert via("127.0.0.1", "10.0.0.22").status_code == 201  # another phone through the same proxy
    assert [via("10.0.0.23", f"10.9.9.{k}").status_code for k in range(3)] == [201, 201, 429]


def test_rate_limit_refills_one_a_second():
    limit = RateLimit()
    assert [limit.take("a", now=100.0) for _ in range(3)] == [True, True, False]
    assert limit.take("b", now=100.0)
    assert not limit.take("a", now=100.5)  # half a code's worth
    assert limit.take("a", now=101.0) and not limit.take("a", now=101.0)
    assert [limit.take("a", now=200.0) for _ in range(3)] == [True, True, False]  # never more than the burst

    small = RateLimit(remember=2)
    for address in "xyz":
        small.take(address, now=0.0)
    small.take("w", now=10.0)  # more remembered than allowed: the quiet addresses are forgotten
    assert set(small.buckets) == {"w"}


# --- capacity ----------------------------------------------------------------------------------------


def test_a_full_map_refuses_more(app, client):
    store = app.extensions["classroom"]["codes"]
    assert store.capacity == CAPACITY == 2000
    for i in range(CAPACITY):
        store.add([i / CAPACITY, 0.0], i % 10)
    before = listed(client)
    assert before["count"] == CAPACITY
    r = send(client, CODE)
    refused(r, 409, "the class map is full (2,000 codes): the presenter can clear it", "full")
    assert listed(client) == before
    assert client.delete("/class/codes", environ_base=PRESENTER).status_code == 200
    assert send(client, CODE).get_json() == {"count": 1}


def test_class_codes_raise_class_full(tmp_path):
    store = ClassCodes(str(tmp_path / "new" / "folder" / "c.db"), capacity=2)
    assert store.add([1.0, 2.0], 1) == 1 and store.add([3.0, 4.0], None) == 2
    with pytest.raises(ClassFull):
        store.add([5.0, 6.0], 2)
    count, accepting, codes, _ = store.after(0)
    assert count == 2 and accepting and [c["z"] for c in codes] == [[1.0, 2.0], [3.0, 4.0]]
    store.close()


# --- restarts and the CSV -----------------------------------------------------------------------------


def test_a_restart_keeps_the_codes_and_the_switch(models_dir, tmp_path):
    db = tmp_path / "lesson" / "class.db"
    first = start(models_dir, db)
    client = first.test_client()
    for z, digit in (([1.5, -2.0], 4), ([0.0, 7.25], None)):
        assert send(client, {"model": "vae-2d", "z": z, "digit": digit}).status_code == 201
    assert switch(client, False).status_code == 200
    before = listed(client)
    tag = client.get("/class/codes").headers["ETag"]
    first.extensions["classroom"]["codes"].close()

    second = start(models_dir, db)
    client = second.test_client()
    assert listed(client) == before and before["accepting"] is False and before["count"] == 2
    assert client.get("/class/codes", headers={"If-None-Match": tag}).status_code == 200  # a new start, a new tag
    assert switch(client, True).status_code == 200
    assert client.delete("/class/codes", environ_base=PRESENTER).status_code == 200
    assert listed(client) == {"count": 0, "accepting": True, "codes": []}
    used = [c["id"] for c in before["codes"]]
    assert send(client, CODE).status_code == 201
    [again] = listed(client)["codes"]
    assert again["id"] > max(used)  # never an id used before the clear
    assert client.delete("/class/codes", environ_base=PRESENTER).status_code == 200
    second.extensions["classroom"]["codes"].close()

    third = start(models_dir, db)
    client = third.test_client()
    assert listed(client) == {"count": 0, "accepting": True, "codes": []}
    assert send(client, CODE).status_code == 201
    assert listed(client)["codes"][0]["id"] > again["id"]  # nor after a restart
    third.extensions["classroom"]["codes"].close()


def test_the_csv_has_every_code_and_when_it_was_sent(client):
    sent = [([0.1, -3.25], 7), ([1e-07, 10.0], None), ([-9.999999999, 0.0], 0)]
    t0 = time.time()
    for z, digit in sent:
        assert send(client, {"model": "vae-2d", "z": z, "digit": digit}).status_code == 201
    t1 = time.time()
    ids = [c["id"] for c in listed(client)["codes"]]
    r = client.get("/class/codes.csv")
    assert r.status_code == 200 and r.mimetype == "text/csv" and r.mimetype_params["charset"] == "utf-8"
    assert r.headers["Content-Disposition"] == 'attachment; filename="class-codes.csv"'
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True))))
    assert rows[0] == ["id", "z1", "z2", "digit", "sent_utc"] and len(rows) == 1 + len(sent)
    for row, (z, digit), i in zip(rows[1:], sent, ids):
        assert int(row[0]) == i and [float(row[1]), float(row[2])] == z
        assert row[3] == ("" if digit is None else str(digit))
        when = datetime.strptime(row[4], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp()
        assert int(t0) <= when <= t1


# --- joining: the address and its QR code -------------------------------------------------------------


def test_join_says_where_and_who_presents(app, client):
    r = client.get("/class/join", environ_base=PRESENTER)
    assert r.get_json() == {"url": "http://localhost/", "presenter": True, "poll_ms": POLL_MS["presenter"]}
    r = client.get("/class/join", environ_base=PHONE)
    assert r.get_json() == {"url": "http://localhost/", "presenter": False, "poll_ms": POLL_MS["student"]}
    assert all(0 < fast <= slow for fast, slow in POLL_MS.values())
    classroom.set_join_url(app, "http://192.168.1.20:5000/")
    assert client.get("/class/join", environ_base=PHONE).get_json()["url"] == "http://192.168.1.20:5000/"


def test_join_qr_decodes_to_the_join_url(app, client, page):
    """The SVG as Chromium draws it, read back by zxing-cpp; a new address gets a new code, not the cached one."""
    for url in ("http://192.168.1.20:5000/", "https://vae.example.org/class/"):
        classroom.set_join_url(app, url)
        r = client.get("/class/join.svg")
        assert r.status_code == 200 and r.mimetype == "image/svg+xml" and r.headers["Cache-Control"] == "no-cache"
        svg = base64.b64encode(r.data).decode()
        page.set_content(f'<body style="margin:0;background:#fff"><img id="qr" src="data:image/svg+xml;base64,{svg}">')
        page.wait_for_function(
            "() => { const img = document.getElementById('qr'); return img.complete && img.naturalWidth > 0; }"
        )
        png = page.locator("#qr").screenshot()
        assert decode(Image.open(io.BytesIO(png))) == [url]


def next_qr(lines):
    """The QR code's lines from a Lines reader, the next line being its first."""
    first = lines.next(10).rstrip("\n")
    return [first] + [lines.next(10).rstrip("\n") for _ in range((len(first) + 1) // 2 - 1)]


def run_cli(tmp_path, *args):
    """`python -m server --classroom` on a free port (tests/harness.py server_cli)."""
    return server_cli("--classroom", "--port", "0", *args, compressed=tmp_path / "copies")


def test_cli_prints_where_students_go_and_its_qr(models_dir, tmp_path):
    lan_ips = lan.lan_addresses()
    if not lan_ips:
        pytest.skip("this machine has no non-loopback IPv4 address: nothing for students to open")
    with run_cli(tmp_path, "--models", str(models_dir), "--class-db", str(tmp_path / "c.db")) as proc:
        Lines(proc.stderr)  # (drained, so that the server never waits on it)
        out = Lines(proc.stdout)
        port = int(re.fullmatch(r"  open http://localhost:(\d+)/\n", out.until("open ")).group(1))
        urls = [re.fullmatch(r"  students open (\S+)\n", out.next(10)).group(1) for _ in lan_ips]
        assert set(urls) == {f"http://{ip}:{port}/" for ip in lan_ips}
        assert read_terminal_qr(next_qr(out)) == [urls[0]]
        status, _, body = fetch("127.0.0.1", port, "GET", "/class/join")
        assert status == 200 and json.loads(body)["url"] == urls[0]
        assert json.loads(fetch(lan_ips[0], port, "GET", "/class/join")[2])["presenter"] is False
        assert (tmp_path / "c.db").is_file()


def test_cli_with_a_public_url(models_dir, tmp_path):
    url = "https://vae.example.org/class/"
    args = ("--models", str(models_dir), "--class-db", str(tmp_path / "c.db"), "--public-url", url)
    with run_cli(tmp_path, *args) as proc:
        Lines(proc.stderr)
        out = Lines(proc.stdout)
        port = int(re.fullmatch(r"  open http://localhost:(\d+)/\n", out.until("open ")).group(1))
        assert out.next(10) == f"  students open {url}\n"
        assert read_terminal_qr(next_qr(out)) == [url]
        status, _, body = fetch("127.0.0.1", port, "GET", "/class/join")
        assert status == 200 and json.loads(body) == {"url": url, "presenter": True, "poll_ms": POLL_MS["presenter"]}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--public-url", "https://vae.example.org/"], "--public-url only makes sense with --classroom"),
        (["--class-db", "{tmp}/c.db"], "--class-db only makes sense with --classroom"),
        (
            ["--classroom", "--public-url", "not-a-url"],
            "--public-url must be an http:// or https:// address (https://host/path/), not not-a-url",
        ),
        (
            ["--classroom", "--public-url", "ftp://vae.example.org/"],
            "--public-url must be an http:// or https:// address (https://host/path/), not ftp://vae.example.org/",
        ),
    ],
)
def test_cli_rejects_bad_classroom_flags(tmp_path, args, message):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    r = subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines()[-1] == f"python -m server: error: {message}"
    assert not (tmp_path / "c.db").exists()


def test_cli_says_when_the_database_cannot_be_made(models_dir, tmp_path):
    (tmp_path / "a-file").write_text("")
    db = tmp_path / "a-file" / "c.db"
    r = subprocess.run(
        [sys.executable, "-m", "server", "--classroom", "--models", str(models_dir), "--class-db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert r.returncode == 1 and r.stdout == ""
    [line] = [line for line in r.stderr.splitlines() if line.strip()]
    assert line.startswith(f"error: cannot open the class map's database {db} (")


@pytest.fixture
def fake_server(monkeypatch):
    """server.__main__ with create_server and compress_copies replaced: main() returns once it has printed
    everything; yields the list of (app, host) it would have served."""
    made = []

    class Server:
        effective_port = 5000

        def run(self):
            pass

    monkeypatch.setattr(cli, "create_server", lambda app, host, port, threads: made.append((app, host)) or Server())
    monkeypatch.setattr(cli, "compress_copies", lambda app: None)
    yield made
    for app, _ in made:
        if "classroom" in app.extensions:
            app.extensions["classroom"]["codes"].close()


def test_cli_classroom_listens_on_every_interface_unless_told(fake_server, monkeypatch, models_dir, tmp_path, capsys):
    monkeypatch.setattr(lan, "lan_addresses", lambda: ["192.168.1.20", "10.0.0.2"])
    args = ["--models", str(models_dir), "--classroom", "--class-db", str(tmp_path / "c.db")]
    cli.main(args)
    out = capsys.readouterr().out
    assert out.count("  open http://localhost:5000/\n") == 1
    assert "  students open http://192.168.1.20:5000/\n  students open http://10.0.0.2:5000/\n" in out
    app = fake_server[0][0]
    assert app.test_client().get("/class/join").get_json()["url"] == "http://192.168.1.20:5000/"

    cli.main([*args, "--host", "10.0.0.2"])  # one interface: its address alone
    out = capsys.readouterr().out
    assert "  students open http://10.0.0.2:5000/\n" in out and "192.168.1.20" not in out

    cli.main([*args, "--host", "127.0.0.1"])  # this computer alone: no phone can come, and it says so
    out, err = capsys.readouterr()
    assert "students open" not in out and not set(out) & set("█▀▄")
    assert err.strip().splitlines()[-1] == (
        "warning: --host 127.0.0.1 is this computer alone, which phones cannot reach: leave --host out, "
        "or give --public-url"
    )
    assert [host for _, host in fake_server] == ["0.0.0.0", "10.0.0.2", "127.0.0.1"]


def test_cli_without_a_network_warns_instead_of_a_qr(fake_server, monkeypatch, models_dir, tmp_path, capsys):
    monkeypatch.setattr(lan, "lan_addresses", lambda: [])
    args = ["--models", str(models_dir), "--classroom", "--class-db", str(tmp_path / "c.db")]
    cli.main(args)
    out, err = capsys.readouterr()
    assert "students open" not in out and not set(out) & set("█▀▄")
    assert err.strip().splitlines()[-1] == (
        "warning: this computer has no network address a phone can reach (no Wi-Fi or cable?): join the "
        "class's network, or give --public-url"
    )
    app = fake_server[0][0]
    assert app.test_client().get("/class/join").get_json()["url"] == "http://localhost/"  # the address asked

    url = "https://vae.example.org/class/"
    cli.main([*args, "--public-url", url])  # behind a proxy, no network of its own needed
    out, err = capsys.readouterr()
    assert "warning: this computer has no network address" not in err
    lines = out.splitlines()
    at = lines.index(f"  students open {url}")
    assert read_terminal_qr(lines[at + 1 :]) == [url]


def test_lan_addresses_are_the_reachable_ipv4_ones(monkeypatch):
    address = lambda family, ip: types.SimpleNamespace(family=family, address=ip)
    interfaces = {
        "lo": [address(socket.AF_INET, "127.0.0.1"), address(socket.AF_INET6, "::1")],
        "wlan0": [address(socket.AF_INET, "192.168.1.20"), address(socket.AF_INET6, "fe80::1")],
        "eth0": [address(socket.AF_INET, "169.254.3.4"), address(socket.AF_INET, "10.0.0.2")],
        "dup": [address(socket.AF_INET, "192.168.1.20"), address(socket.AF_INET, "0.0.0.0")],
        "hw": [address(getattr(socket, "AF_PACKET", 17), "00:11:22:33:44:55")],
    }
    monkeypatch.setattr(lan.psutil, "net_if_addrs", lambda: interfaces)
    assert lan.lan_addresses() == ["192.168.1.20", "10.0.0.2"]
    assert lan.student_urls(8000) == ["http://192.168.1.20:8000/", "http://10.0.0.2:8000/"]
    assert lan.student_urls(8000, "https://vae.example.org/") == ["https://vae.example.org/"]
