"""Routes: the page, the exported models, and a health check (static files are Flask's own route).

Every file route goes through `send_from_directory`, which refuses paths that leave its folder;
those, like any missing file, answer 404. A model path must also be written the one canonical way
(no "./", "..", empty segment or trailing "/"), so that the caching rules below, which go by the
path, see the file that is actually sent. There are no directory listings.

The page names the JavaScript modules its first digit needs (main.js and what it imports, directly
or not) in <link rel="modulepreload"> tags (`page_modules`), so the browser fetches them all at once
instead of discovering the import graph one level at a time. The panels below the first screen are
imported by main.js later, with import(), once the first digit is drawn.
"""

import functools
import json
import os
import posixpath
import re

from flask import Blueprint, abort, current_app, jsonify, render_template, send_from_directory

bp = Blueprint("vae", __name__)


# A static import of a relative path: `import … from './x.js'` or `import './x.js'` (not import()).
STATIC_IMPORT = re.compile(r"""(?:\bfrom|^import)\s*['"](\.{1,2}/[^'"]+)['"]""", re.MULTILINE)


@functools.cache
def page_modules(static_folder, entry="js/main.js"):
    """entry and every module it imports statically, directly or not: paths relative to the static
    folder, sorted. Read once per process (the files do not change while the server runs)."""
    seen, todo = set(), [entry]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        with open(os.path.join(static_folder, module), encoding="utf-8") as f:
            source = f.read()
        todo += [posixpath.normpath(posixpath.join(posixpath.dirname(module), target))
                 for target in STATIC_IMPORT.findall(source)]
    return tuple(sorted(seen))


@bp.get("/")
def index():
    return render_template("index.html", page_modules=page_modules(current_app.static_folder))


@bp.get("/models/<path:filename>")
def models(filename):
    if posixpath.normpath(filename) != filename:  # "manifest.json/", "./manifest.json", "a/../manifest.json"
        abort(404)
    response = send_from_directory(current_app.config["MODELS_DIR"], filename, max_age=0)
    if posixpath.basename(filename) == "manifest.json":
        # A manifest names the current files; always revalidate it (ETag makes that cheap).
        response.headers["Cache-Control"] = "no-cache"
    else:
        # Weights change only when re-exported, and then the manifest's "exported" date changes
        # the URL the page asks for (?v=...), so they may be cached for a day.
        response.headers["Cache-Control"] = "public, max-age=86400"
    if filename.endswith(".bin"):
        response.headers["Content-Type"] = "application/octet-stream"
    return response


@bp.get("/healthz")
def health():
    """200 with the model names when the manifest is readable; 503 with the reason otherwise."""
    path = os.path.join(current_app.config["MODELS_DIR"], "manifest.json")
    try:
        with open(path) as f:
            names = [m["name"] for m in json.load(f)["models"]]
    except (OSError, ValueError, KeyError, TypeError) as e:
        return jsonify(status="no models", error=f"{type(e).__name__}: cannot read manifest.json"), 503
    return jsonify(status="ok", models=names)


@bp.app_errorhandler(404)
def not_found(e):
    return jsonify(error="not found"), 404


@bp.app_errorhandler(405)
def not_allowed(e):
    return jsonify(error="method not allowed"), 405


