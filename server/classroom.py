"""The class map's blueprint (only with `python -m server --classroom`): students send the 2-D code of
their own drawing, and every page shows the class's codes on one latent map.

    GET    /class/join          {"url", "presenter", "poll_ms"}: the address students open, whether
                                this request may act as presenter, how often pages poll (ms: at least
                                the first number, backing off to the second while nothing changes)
    GET    /class/join.svg      that address as a QR code (segno)
    POST   /class/codes         {"model": "vae-2d", "z": [z1, z2], "digit": 0-9 | null} → 201 {"count"}
    GET    /class/codes?since=K {"count", "accepting", "codes": [{"id", "z", "digit"}…]}: those after
                                id K; an ETag, so a poll when nothing changed is a 304 without a body
    GET    /class/codes.csv     every code, with the time it was sent
    DELETE /class/codes         Clear (presenter only)
    POST   /class/accepting     {"accepting": true | false}: Stop / Resume (presenter only)

A refusal is {"error": a sentence, "reason": invalid | stopped | full | too_fast | presenter}.
Only numbers are accepted, never a picture, a name or free text; every body is checked whole (a wrong
one is a 4xx {"error"} and changes nothing), at most 1 kB (the app's MAX_CONTENT_LENGTH), and one
address may send about one code a second (429 beyond, which slows nobody else; behind a proxy on this
laptop, the address it forwards for). The presenter is a browser on the laptop itself: a request from a
loopback address that no proxy forwarded. A phone can never appear as loopback, and the laptop's own
LAN address is not loopback either.
"""

import csv
import io
import ipaddress
import json
import math
import threading
import time

import segno
from flask import Blueprint, current_app, jsonify, make_response, request

from server.class_codes import ClassCodes, ClassFull

bp = Blueprint("classroom", __name__, url_prefix="/class")

MODEL = "vae-2d"  # the shipped 2-D VAE: every student's code is a point on its map
Z_LIMIT = 10.0
KEYS = {"model", "z", "digit"}
POLL_MS = {"presenter": [1000, 1000], "student": [1000, 8000]}


class RateLimit:
    """A token bucket per address: `burst` codes at once, then `rate` a second."""

    def __init__(self, rate=1.0, burst=2, remember=10000):
        self.rate, self.burst, self.remember = rate, burst, remember
        self.buckets = {}  # address → (tokens, when)
        self.lock = threading.Lock()

    def take(self, address, now=None):
        """True if `address` may send now (and counts it); False if it must wait."""
        now = time.monotonic() if now is None else now
        with self.lock:
            if len(self.buckets) > self.remember:  # forget the full buckets of addresses long quiet
                self.buckets = {a: b for a, b in self.buckets.items() if now - b[1] < self.burst / self.rate}
            tokens, when = self.buckets.get(address, (self.burst, now))
            tokens = min(self.burst, tokens + (now - when) * self.rate)
            if tokens < 1:
                self.buckets[address] = (tokens, now)
                return False
            self.buckets[address] = (tokens - 1, now)
            return True


def init_app(app, db_path, join_url=None):
    """Serve the class map on `app`: codes kept in the SQLite file `db_path`; students join at
    `join_url` (set later with set_join_url when the port is known; until then, the address the
    request came to)."""
    app.extensions["classroom"] = {
        "codes": ClassCodes(db_path),
        "limit": RateLimit(),
        "join_url": join_url,
        "qr": {},
    }
    app.register_blueprint(bp)


def set_join_url(app, url):
    app.extensions["classroom"]["join_url"] = url


def state():
    return current_app.extensions["classroom"]


def error(message, status, reason="invalid"):
    """A refusal: {"error": a sentence, "reason": a word the page words in its language}."""
    return jsonify(error=message, reason=reason), status


def is_presenter():
    """A browser on this computer: a loopback source address, and no proxy in between."""
    if request.headers.get("Forwarded") or request.headers.get("X-Forwarded-For"):
        return False
    return loopback(request.remote_addr)


def loopback(address):
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    return (getattr(ip, "ipv4_mapped", None) or ip).is_loopback


def sender():
    """Who sent this request, for the rate limit: the peer, or, where the peer is a proxy on this laptop
    (a loopback address, e.g. behind --public-url), the client it adds last to X-Forwarded-For. A phone
    never reaches the server through loopback, so it cannot name itself anyone else."""
    forwarded = request.headers.get("X-Forwarded-For", "")
    if forwarded and loopback(request.remote_addr):
        return forwarded.rsplit(",", 1)[-1].strip()
    return request.remote_addr


def join_url():
    return state()["join_url"] or request.host_url


@bp.get("/join")
def join():
    presenter = is_presenter()
    return jsonify(url=join_url(), presenter=presenter, poll_ms=POLL_MS["presenter" if presenter else "student"])


@bp.get("/join.svg")
def join_svg():
    url = join_url()
    cache = state()["qr"]
    if url not in cache:
        out = io.BytesIO()
        segno.make(url, error="m").save(out, kind="svg", scale=10, border=4, xmldecl=False, title=url)
        cache[url] = out.getvalue()
    response = make_response(cache[url])
    response.content_type = "image/svg+xml"
    response.cache_control.no_cache = True
    return response


def reject_constant(name):
    raise ValueError(f"{name} is not a number")


def read_code(body):
    """The body as (z, digit), or raises ValueError with what is wrong, in one line."""
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=reject_constant)
    except (UnicodeDecodeError, ValueError):
        raise ValueError('the body must be JSON: {"model": "vae-2d", "z": [z1, z2], "digit": 0-9 or null}') from None
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    unknown = sorted(set(data) - KEYS)
    if unknown:
        raise ValueError(f"unknown keys: {', '.join(unknown)} (only model, z and digit are accepted)")
    if data.get("model") != MODEL:
        raise ValueError(f'model must be "{MODEL}"')
    z = data.get("z")
    numbers = isinstance(z, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in z)
    # (the bound first: math.isfinite() of an integer too large for a float raises OverflowError)
    if not numbers or len(z) != 2 or not all(abs(v) <= Z_LIMIT and math.isfinite(v) for v in z):
        raise ValueError(f"z must be 2 finite numbers between -{Z_LIMIT:g} and {Z_LIMIT:g}")
    digit = data.get("digit")
    if digit is not None and (isinstance(digit, bool) or not isinstance(digit, int) or not 0 <= digit <= 9):
        raise ValueError("digit must be a whole number from 0 to 9, or null")
    return [float(z[0]), float(z[1])], digit


@bp.post("/codes")
def send_code():
    try:
        z, digit = read_code(request.get_data(cache=False))
    except ValueError as e:
        return error(str(e), 400)
    s = state()
    if not s["codes"].accepting:
        return error("the class map is not accepting codes now: the presenter stopped it", 409, "stopped")
    if not s["limit"].take(sender()):
        response = make_response(error("one code a second at most: wait a moment and send again", 429, "too_fast"))
        response.headers["Retry-After"] = "1"
        return response
    try:
        count = s["codes"].add(z, digit)
    except ClassFull:
        return error(f"the class map is full ({s['codes'].capacity:,} codes): the presenter can clear it", 409, "full")
    return jsonify(count=count), 201


@bp.get("/codes")
def list_codes():
    since = request.args.get("since", "0")
    if not (since.isascii() and since.isdigit() and len(since) <= 19):  # (int() refuses ² and 4,301 digits)
        return error("since must be a code's id: a whole number, 0 or more", 400)
    count, accepting, codes, tag = state()["codes"].after(int(since))
    if request.if_none_match.contains(tag):
        response = make_response("", 304)
    else:
        response = jsonify(count=count, accepting=accepting, codes=codes)
    response.set_etag(tag)
    response.cache_control.no_cache = True
    return response


@bp.get("/codes.csv")
def codes_csv():
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "z1", "z2", "digit", "sent_utc"])
    for i, z1, z2, digit, sent in state()["codes"].rows():
        when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(sent))
        writer.writerow([i, repr(z1), repr(z2), "" if digit is None else digit, when])
    response = make_response(out.getvalue())
    response.content_type = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = 'attachment; filename="class-codes.csv"'
    response.cache_control.no_cache = True
    return response


@bp.delete("/codes")
def clear_codes():
    if not is_presenter():
        return error(
            "only the presenter (a browser on the laptop that runs the server) can clear the map", 403, "presenter"
        )
    state()["codes"].clear()
    return jsonify(count=0)


@bp.post("/accepting")
def switch_accepting():
    if not is_presenter():
        return error(
            "only the presenter (a browser on the laptop that runs the server) can stop or resume", 403, "presenter"
        )
    try:
        data = json.loads(request.get_data(cache=False).decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    if not isinstance(data, dict) or set(data) != {"accepting"} or not isinstance(data["accepting"], bool):
        return error('the body must be {"accepting": true} or {"accepting": false}', 400)
    state()["codes"].set_accepting(data["accepting"])
    return jsonify(accepting=data["accepting"])
