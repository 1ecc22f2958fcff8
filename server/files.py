"""Every file the page fetches, served by WhiteNoise from what is on disk when the server starts.

WhiteNoise indexes the files once, at start, and answers each request for one of them without Flask:
a dict lookup, the headers made at start, and the file (or its .br / .gz copy, when the browser takes
that encoding: server/precompress.py writes them, in a folder of their own) handed to waitress. What it
does not find goes on to Flask (server/routes.py: /healthz, and the 404 every other path gets). A
re-export takes effect when the server restarts.

The URLs, and how long a browser may keep what they answer:

    /                               the page, rendered once at start             no-cache (ETag: 304)
    /sw.js, /manifest.webmanifest   the service worker and the web app manifest  no-cache
                                    (built in static/dist/, served at the page's folder: a service
                                    worker's scope is its own folder, and it must never be kept stale)
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
from wsgiref.headers import Headers

from whitenoise import WhiteNoise
from whitenoise.base import scantree
from whitenoise.responders import StaticFile

from server import precompress

YEAR = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
MANIFEST = "manifest.json"
ASSETS_URL = "/static/dist/assets.json"  # the build's map (scripts/build-assets.mjs): no hash in its name
# The build's files without a hash in their names that belong at the page's folder: {where built: URL}
PAGE_FOLDER = {"/static/dist/sw.js": "/sw.js", "/static/dist/manifest.webmanifest": "/manifest.webmanifest"}
MEDIA_TYPES = {".webmanifest": "application/manifest+json"}  # beyond WhiteNoise's own
# Never served, nor taken for a file's compressed copy, when found in the served folders: copies live in
# their own folder (server/precompress.py); these are strays (e.g. beside the files, from older versions).
COMPRESSED = (".gz", ".br")


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
    the models folder (its manifests at /models/, its other files at /models/<version>/, `version` being
    models_version's) at the URLs above. `paths` is what it serves, {URL: file}: the one list of files
    (server/publish.py writes a static build from it). `copies`: the folders that hold compressed copies
    (server/precompress.py); a file is sent compressed where one of them has a copy of its bytes.
    `refresh()` indexes them again (after copies were written), swapping the new index in at once."""

    def __init__(self, application, *, page, static_dir, models_dir, version, copies=()):
        super().__init__(application, max_age=None, allow_all_origins=False, mimetypes=MEDIA_TYPES)
        self.page, self.static_dir, self.models_dir, self.version = page, static_dir, models_dir, version
        self.copies, self.copy_names = list(copies), {}
        self.models_url = f"/models/{version}/"
        self.hashed = ("/static/dist/", self.models_url)  # the folders whose files' URLs name their bytes
        self.files, self.paths = self.index()

    def index(self):
        """({URL: WhiteNoise's file}, {URL: file}) for everything served, as it is on disk now, made on a
        copy of self so that requests keep the current index meanwhile."""
        fresh = copy.copy(self)
        fresh.files, fresh.paths = {}, {}
        fresh.copy_names = {folder: precompress.listing(folder) for folder in self.copies}
        fresh.add_folder(self.static_dir, lambda path: PAGE_FOLDER.get("/static/" + path, "/static/" + path))
        if os.path.isdir(self.models_dir):  # a missing one: the page says there is no model
            fresh.add_folder(self.models_dir, self.model_url)
        fresh.add_file("/", self.page, os.stat(self.page))
        return fresh.files, fresh.paths

    def model_url(self, path):
        """The URL of the models folder's file at `path` (from the folder, with "/")."""
        return "/models/" + path if os.path.basename(path) == MANIFEST else self.models_url + path

    def refresh(self):
        self.files, self.paths = self.index()

    def add_folder(self, root, url_of):
        """Every file under root at url_of(its path from root), as WhiteNoise's update_files_dictionary,
        but files named like compressed copies are left out (COMPRESSED)."""
        for path, stat in scantree(root):
            if not path.endswith(COMPRESSED):
                self.add_file(url_of(os.path.relpath(path, root).replace(os.sep, "/")), path, stat)

    def add_file(self, url, path, stat):
        """Serve the file at `path` (os.stat: `stat`) at `url`, with the compressed copies of its bytes
        that self.copies hold (WhiteNoise's get_static_file looks for them beside the file instead)."""
        headers = Headers([])
        self.add_mime_headers(headers, path, url)
        self.add_cache_headers(headers, path, url)
        copies = precompress.copies_in(self.copies, self.copy_names, path)
        stats = {path: stat, **{copy_path: os.stat(copy_path) for copy_path in copies.values()}}
        self.files[url] = StaticFile(path, headers.items(), encodings=copies, stat_cache=stats)
        self.paths[url] = path

    def add_cache_headers(self, headers, path, url):
        """WhiteNoise's hook for each file's Cache-Control, called once per file when indexed."""
        headers["Cache-Control"] = self.cache_control(url)

    def cache_control(self, url):
        """A URL's Cache-Control: a year under the hashed folders (but the build's map, assets.json, which
        the server reads), no-cache (revalidate) for everything else."""
        return YEAR if url.startswith(self.hashed) and url != ASSETS_URL else REVALIDATE
