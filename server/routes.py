"""Routes: the page, the exported models, and a health check (static files are Flask's own route).

Every file route goes through `send_from_directory`, which refuses paths that leave its folder;
those, like any missing file, answer 404. A model path must also be written the one canonical way
(no "./", "..", empty segment or trailing "/"), so that the caching rules below, which go by the
path, see the file that is actually sent. There are no directory listings.

The page names every one of its JavaScript modules in <link rel="modulepreload"> tags
(`page_modules`), so the browser fetches them all at once instead of discovering the import graph
one level at a time (five levels cost ~0.5 s before the first digit on a loaded 2-core machine).
"""

import functools
import json
import os
import posixpath

from flask import Blueprint, abort, current_app, jsonify, render_template, send_from_directory

bp = Blueprint("vae", __name__)


@functools.cache
def page_modules(static_folder):
    """Every page module under static/js/, as paths relative to the static folder, sorted."""
    root = os.path.join(static_folder, "js")
    return tuple(sorted(os.path.relpath(os.path.join(folder, name), static_folder).replace(os.sep, "/")
                        for folder, _, names in os.walk(root) for name in names if name.endswith(".js")))


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


