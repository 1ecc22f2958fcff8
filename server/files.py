"""Every file the page fetches, served by WhiteNoise from what is on disk when the server starts.

WhiteNoise indexes the files once, at start, and answers each request for one of them without Flask:
a dict lookup, the headers made at start, and the file (or its .br / .gz copy, when the browser takes
that encoding: server/precompress.py writes them) handed to waitress. What it does not find goes on to
Flask (server/routes.py: /healthz, and the 404 every other path gets). A re-export takes effect when the
server restarts.

The URLs, and how long a browser may keep what they answer:

    /                               the page, rendered once at start             no-cache (ETag: 304)
    /static/dist/<name>.<hash>.<ext> what the page loads (scripts/build-assets.mjs) a year, immutable
    /static/<path>                  the sources (readable modules, catalogs)     no-cache
    /models/manifest.json, /models/<folder>/manifest.json   the manifests        no-cache
    /models/<hash>/<path>           every other file of the models folder; <hash> is of all of them,
                                    so a re-export changes every model URL        a year, immutable

So a second visit or a reload asks only for the page and the manifests (and gets 304s), and a
re-export or a rebuilt bundle reaches every browser at its next visit. A path has one spelling: only
the paths indexed at start answer, exactly as written, so "..", "//", "%2e" and listings all get 404.
"""

import copy
import hashlib
import json
import os

from whitenoise import WhiteNoise
from whitenoise.base import scantree

YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
MANIFEST = "manifest.json"
COMPRESSED = (".gz", ".br")  # the copies beside the files: served in their place, never by these names


def models_version(models_dir):
    """A hash of every file of the models folder but the manifests (paths and bytes), 12 hex digits."""
    digest = hashlib.sha256()
    for path in sorted(model_files(models_dir)):
        digest.update(os.path.relpath(path, models_dir).encode() + b"\0")
        with open(path, "rb") as f:
            digest.update(hashlib.sha256(f.read()).digest())
    return digest.hexdigest()[:12]


def model_files(models_dir):
    """The files of the models folder that get the versioned URL: all but manifests and compressed copies."""
    for parent, _, names in os.walk(models_dir):
        for name in names:
            if name != MANIFEST and not name.endswith(COMPRESSED):
                yield os.path.join(parent, name)


def read_assets(static_dir):
    """static/dist/assets.json (scripts/build-assets.mjs); a missing or broken one is one clear error."""
    path = os.path.join(static_dir, "dist", "assets.json")
    try:
        with open(path, encoding="utf-8") as f:
            assets = json.load(f)
        return assets["entries"], assets["fetched"]
    except (OSError, ValueError, KeyError) as e:
        raise RuntimeError(f"cannot read {path} ({type(e).__name__}: {e}): build it with `npm run build`") from e


class ServedFiles(WhiteNoise):
    """WhiteNoise in front of `application`, serving the page (the file `page`), the static folder and
    the models folder (its files but the manifests at `models_url`, "/models/<models_version>/") at
    the URLs above. `refresh()` indexes them again (after compressed copies were written beside
    them), swapping the new index in at once."""

    def __init__(self, application, *, page, static_dir, models_dir, models_url):
        super().__init__(application, max_age=None, allow_all_origins=False)
        self.page, self.static_dir, self.models_dir, self.models_url = page, static_dir, models_dir, models_url
        self.files = self.index()

    def index(self):
        """{url: file} for everything served, as it is on disk now, made on a copy of self so that
        requests keep the current index meanwhile."""
        fresh = copy.copy(self)
        fresh.files = {}
        fresh.add_files(self.static_dir, prefix="static/")
        if os.path.isdir(self.models_dir):  # a missing one: the page says there is no model
            fresh.add_files(self.models_dir, prefix=self.models_url)
        for url in [u for u in fresh.files if u.startswith(self.models_url) and u.endswith("/" + MANIFEST)]:
            fresh.files["/models/" + url[len(self.models_url) :]] = fresh.files.pop(url)
        fresh.add_file_to_dictionary("/", self.page)
        return fresh.files

    def refresh(self):
        self.files = self.index()

    def update_files_dictionary(self, root, prefix):
        """WhiteNoise's, but a compressed copy made from an older version of its file is left out, so the
        file goes uncompressed until server/precompress.py makes the copy again (an edited source or a
        re-export must never be answered with the old bytes)."""
        stat_cache = dict(scantree(root))
        for path in [p for p in stat_cache if p.endswith(COMPRESSED) and p[:-3] in stat_cache]:
            if stat_cache[path].st_mtime_ns != stat_cache[path[:-3]].st_mtime_ns:
                del stat_cache[path]
        for path in stat_cache:
            self.add_file_to_dictionary(
                prefix + os.path.relpath(path, root).replace(os.sep, "/"), path, stat_cache=stat_cache
            )

    def add_cache_headers(self, headers, path, url):
        """WhiteNoise's hook for each file's Cache-Control, called once per file when indexed."""
        built = url.startswith("/static/dist/") and os.path.basename(path) != "assets.json"
        versioned = url.startswith(self.models_url) and not url.endswith("/" + MANIFEST)
        headers["Cache-Control"] = YEAR if built or versioned else REVALIDATE
