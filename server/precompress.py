"""Compressed copies of the served files, written once beside them: `x.js.gz` and `x.js.br`.

WhiteNoise (server/files.py) sends such a copy instead of the file to a browser that takes its
encoding: brotli over https and from localhost, gzip over plain http on a LAN (Chromium offers brotli
to secure origins only). A copy carries its file's modification time, so it is fresh while the two
match: the next start after an export or a rebuild compresses only what changed. A copy is kept only
where it is at least MIN_SAVING smaller (uint8 model weights and scripts are; float weights are not,
and are tried again at each start, quickly: large files get a faster brotli level).
"""

import gzip
import os
import time

import brotli

MIN_SAVING = 0.05
LARGE = 1 << 20  # bytes: above this, brotli's level 5 instead of 11 (27 s → 1 s for all files, 5% larger)
SKIP = (".gz", ".br", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".keras", ".npz")
ENCODINGS = {
    ".gz": lambda data: gzip.compress(data, 9, mtime=0),
    ".br": lambda data: brotli.compress(data, quality=11 if len(data) <= LARGE else 5),
}


def is_fresh(path, suffix):
    """True if path's copy for suffix exists and was made from the file as it is now."""
    try:
        return os.stat(path + suffix).st_mtime_ns == os.stat(path).st_mtime_ns
    except OSError:
        return False


def compress_file(path, suffix):
    """Write path's copy for suffix if it saves at least MIN_SAVING; True if it was written."""
    with open(path, "rb") as f:
        stat, data = os.fstat(f.fileno()), f.read()
    packed = ENCODINGS[suffix](data)
    if not data or len(packed) > (1 - MIN_SAVING) * len(data):
        return False
    staged = f"{path}{suffix}.{os.getpid()}.tmp"
    with open(staged, "wb") as f:
        f.write(packed)
    os.utime(staged, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(staged, path + suffix)
    return True


def precompress(folders, suffix):
    """Write the missing or stale `suffix` copies of every file under folders. Returns (copies written,
    seconds, the first error as a sentence or None: a folder that cannot be written is served as is)."""
    t0, written, error = time.perf_counter(), 0, None
    for folder in folders:
        for parent, _, names in os.walk(folder):
            for name in sorted(names):
                path = os.path.join(parent, name)
                if name.endswith(SKIP) or name.endswith(".tmp") or is_fresh(path, suffix):
                    continue
                try:
                    written += compress_file(path, suffix)
                except OSError as e:
                    error = error or f"cannot write {path}{suffix} ({e.strerror or e})"
    return written, time.perf_counter() - t0, error
