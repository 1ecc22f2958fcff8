"""Compressed transfer: gzip for the files and pages whose bytes shrink, each file compressed once.

What goes compressed: GET and HEAD answers of a compressible type (JS, JSON, CSS, HTML, WASM, text,
SVG, and the model weights' application/octet-stream) whose gzip is at least MIN_SAVING smaller,
when the request's Accept-Encoding allows gzip. The saving is measured per file, not assumed per
type: float32 and float16 weight shards save about 7% and go as they are; uint8-quantized shards
save 25-36%, JS about 75%, WASM about 65%.

Once per file: `GzipStore` keeps each file's gzip (or "not worth it") in memory under its resolved
path, with the (mtime, size) it was made from; a file that changes (a re-export renames new files
into place) is compressed again on its next request. So a classroom of visitors pays for gzip once;
`python -m server` pays it before anyone asks (`warm`), as finding that a 3.4 MB float shard is not
worth compressing takes about half a second.

Headers: `Content-Encoding: gzip`, the compressed `Content-Length`, an ETag of its own per encoding
(the file's tag + "-gzip"), and `Vary: Accept-Encoding` on every answer for such a file, whatever
the request asked. Cache-Control stays as the route set it. Conditional requests are evaluated
against the tag of what is actually sent (werkzeug's make_conditional), so If-None-Match → 304 works
for both encodings. A Range request gets Flask's identity answer (206), and a gzip answer carries no
Accept-Ranges, so no client resumes a gzip body with identity bytes.

Why not Flask-Compress: it compresses after Flask's conditional check and renames the ETag, so a
browser revalidating its gzip copy gets a full 200 instead of 304 (flask-compress issues #24 and #65;
the opt-in fix, pull request #67, is unmerged), it would compress a 206 range body, and it caches
only through Flask-Caching with a key function to write. Why no brotli: Chromium offers `br` only to
secure origins (https, localhost); a classroom reaches this server over plain http on its LAN, where
Chromium's Accept-Encoding is "gzip, deflate".
"""

import gzip
import mimetypes
import os
import threading
import time

from flask import request
from werkzeug.http import unquote_etag
from werkzeug.security import safe_join

MIN_SAVING = 0.10  # compress only when gzip is at least this much smaller
MIN_BYTES = 1024  # smaller bodies fit in a packet or two either way
LEVEL = 9  # paid once per file, so the smallest output
COMPRESSIBLE = {"application/json", "application/javascript", "application/wasm",
                "application/octet-stream", "image/svg+xml"}  # and every text/*


def compressible(mimetype):
    return bool(mimetype) and (mimetype.startswith("text/") or mimetype in COMPRESSIBLE)


def gzip_if_worth(data):
    """data's gzip (deterministic: no timestamp) if it saves at least MIN_SAVING, else None."""
    if len(data) < MIN_BYTES:
        return None
    packed = gzip.compress(data, LEVEL, mtime=0)
    return packed if len(packed) <= (1 - MIN_SAVING) * len(data) else None


class GzipStore:
    """Each file's gzip, or None where it is not worth it, made once and kept while the file's
    (mtime, size) stay the same. Thread-safe; two requests for one new file compress it once."""

    def __init__(self):
        self._entries = {}  # resolved path → ((mtime_ns, size), gzip bytes or None)
        self._locks = {}  # resolved path → lock held while that file is compressed
        self._lock = threading.Lock()
        self.folders = {}  # endpoint → folder function, as given to init_app (what `warm` walks)

    def get(self, path):
        path = os.path.realpath(path)
        st = os.stat(path)
        entry = self._entries.get(path)
        if entry is not None and entry[0] == (st.st_mtime_ns, st.st_size):
            return entry[1]
        with self._lock:
            file_lock = self._locks.setdefault(path, threading.Lock())
        with file_lock:
            with open(path, "rb") as f:
                st = os.fstat(f.fileno())  # the stamp of the very bytes read
                stamp = (st.st_mtime_ns, st.st_size)
                entry = self._entries.get(path)
                if entry is None or entry[0] != stamp:
                    entry = (stamp, gzip_if_worth(f.read()))
                    self._entries[path] = entry
        return entry[1]


def accepts_gzip():
    return request.accept_encodings["gzip"] > 0


def init_app(app, folders):
    """Compress app's answers from now on. folders maps a file-serving endpoint to a function that
    gives the folder its `filename` view argument is relative to (the folder the view sends from);
    other answers (the rendered page) are compressed per request if they are worth it. The store
    is app.extensions["gzip"]."""
    store = app.extensions["gzip"] = GzipStore()
    store.folders = folders

    @app.after_request
    def compress(response):
        if (request.method not in ("GET", "HEAD") or "Content-Encoding" in response.headers
                or not compressible(response.mimetype)):
            return response
        if request.endpoint in folders:
            if response.status_code in (200, 304):
                path = safe_join(folders[request.endpoint](), request.view_args["filename"])
                return _file_answer(response, path, store)
        elif response.status_code == 200 and not response.direct_passthrough and not response.is_streamed:
            return _body_answer(response)
        return response


def warm(app):
    """Compress every compressible file under the app's file folders now (static files first);
    returns (files compressed, bytes they save, seconds)."""
    store, t0, count, saved = app.extensions["gzip"], time.perf_counter(), 0, 0
    for folder in store.folders.values():
        for parent, _, names in os.walk(folder()):
            for name in sorted(names):
                path = os.path.join(parent, name)
                if compressible(mimetypes.guess_type(name)[0] or "application/octet-stream"):
                    try:
                        packed = store.get(path)
                    except OSError:  # removed while we walked: its first request will compress it
                        continue
                    if packed is not None:
                        count, saved = count + 1, saved + os.path.getsize(path) - len(packed)
    return count, saved, time.perf_counter() - t0


def _file_answer(response, path, store):
    """The answer for a file Flask sent (200) or found unchanged (304): its cached gzip where the
    client takes it, evaluated again against the gzip ETag; else Flask's answer as it is."""
    try:
        packed = store.get(path) if path and os.path.isfile(path) else None
    except OSError:  # gone since Flask opened it (a re-export renamed it away): send what Flask has
        packed = None
    if packed is None:
        return response
    response.vary.add("Accept-Encoding")
    if "Range" in request.headers or not accepts_gzip():
        return response
    if hasattr(response.response, "close"):
        response.response.close()  # Flask's open file: the body now comes from the store
    response.direct_passthrough = False
    response.status_code = 200
    _encode(response, packed)
    response.headers.pop("Accept-Ranges", None)
    return response.make_conditional(request)


def _body_answer(response):
    """A generated answer (the page): gzip it now if the client takes it and it is worth it."""
    data = response.get_data()
    if len(data) < MIN_BYTES:
        return response
    response.vary.add("Accept-Encoding")
    packed = gzip_if_worth(data) if accepts_gzip() else None
    if packed is not None:
        _encode(response, packed)
    return response


def _encode(response, packed):
    response.set_data(packed)  # also sets Content-Length
    response.headers["Content-Encoding"] = "gzip"
    if "ETag" in response.headers:
        tag, weak = unquote_etag(response.headers["ETag"])
        response.set_etag(f"{tag}-gzip", weak)
