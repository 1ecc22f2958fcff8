"""Compressed copies of the served files, `<SHA-256 of the file's bytes>.gz` and `.br`, in a folder of their own.

WhiteNoise (server/files.py) sends such a copy instead of the file to a browser that takes its
encoding: brotli over https and from localhost, gzip over plain http on a LAN (Chromium offers brotli
to secure origins only).

The copies never go beside the files: they go into the folder the app is configured with
(COMPRESSED_DIR). `python -m server` uses `instance/compressed/` in Flask's instance folder (where the
class map's database lives too; `default_folder()`), or `--compressed DIR`; tests use a temporary one.
A copy is named by the hash of the bytes it was made from, so it is found for exactly those bytes: a
changed file (an edited source, a re-export) has no copy until the next start makes one and goes
uncompressed meanwhile, a deleted file's copy is never asked for, and files with the same bytes share
one. Each copy is written under a temporary name in the folder and renamed into place, so a server
stopped mid-write leaves at most a `.tmp` file there, never a partial copy. A copy is kept only where it
is at least MIN_SAVING smaller (uint8 model weights and scripts are; float weights are not, and are
tried again at each start, quickly: large files get a faster brotli level). Copies of files that are
gone are not deleted: delete the folder while the server is stopped to reclaim the space.
"""

import gzip
import hashlib
import os
import time

import brotli

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MIN_SAVING = 0.05
LARGE = 1 << 20  # bytes: above this, brotli's level 5 instead of 11 (27 s → 1 s for all files, 5% larger)
SKIP = (".gz", ".br", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".keras", ".npz")
ENCODINGS = {
    ".gz": lambda data: gzip.compress(data, 9, mtime=0),
    ".br": lambda data: brotli.compress(data, quality=11 if len(data) <= LARGE else 5),
}
NAMES = {".gz": "gzip", ".br": "br"}  # the Content-Encoding each copy is sent with


def default_folder():
    """Where `python -m server` keeps the copies: compressed/ in Flask's instance folder (instance/)."""
    return os.path.join(ROOT, "instance", "compressed")


def digest(data):
    """The name a copy of `data` gets, without its suffix: its SHA-256, in hex."""
    return hashlib.sha256(data).hexdigest()


def file_digest(path):
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def copies_in(folders, names, path):
    """{encoding: copy} for the copies of the file at `path` that are in `folders` (names: {folder: the
    set of file names in it}, read once); {} without reading the file when the folders hold none."""
    if not any(names.values()):
        return {}
    key, found = file_digest(path), {}
    for folder in folders:
        for suffix, encoding in NAMES.items():
            if encoding not in found and key + suffix in names[folder]:
                found[encoding] = os.path.join(folder, key + suffix)
    return found


def listing(folder):
    """The set of file names in folder (none if it does not exist)."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def compress_file(path, suffix, into):
    """Write path's copy for suffix into the folder `into` if it is missing and saves at least MIN_SAVING;
    True if it was written."""
    with open(path, "rb") as f:
        data = f.read()
    target = os.path.join(into, digest(data) + suffix)
    if not data or os.path.exists(target):
        return False
    packed = ENCODINGS[suffix](data)
    if len(packed) > (1 - MIN_SAVING) * len(data):
        return False
    staged = f"{target}.{os.getpid()}.tmp"
    try:
        with open(staged, "wb") as f:
            f.write(packed)
        os.replace(staged, target)
    finally:
        if os.path.exists(staged):
            os.remove(staged)
    return True


def precompress(folders, suffix, into):
    """Write the missing `suffix` copies of every file under folders into the folder `into` (made if
    missing). Returns (copies written, seconds, the first error as a sentence or None: a file whose copy
    cannot be written is served as is)."""
    t0, written, error = time.perf_counter(), 0, None
    try:
        os.makedirs(into, exist_ok=True)
    except OSError as e:
        return 0, time.perf_counter() - t0, f"cannot make {into} ({e.strerror or e})"
    for folder in folders:
        for parent, _, names in os.walk(folder):
            for name in sorted(names):
                path = os.path.join(parent, name)
                if name.endswith(SKIP) or name.endswith(".tmp"):
                    continue
                try:
                    written += compress_file(path, suffix, into)
                except OSError as e:
                    error = error or f"cannot write the {suffix} copy of {path} into {into} ({e.strerror or e})"
    return written, time.perf_counter() - t0, error
