"""Flask's part: the page's template, rendered once at start (server/files.py serves the result), the
health check, and the JSON answers for every path that is not a file (404) or not a GET (405).

The page names what it loads by the content-hashed names in static/dist/assets.json (made by
scripts/build-assets.mjs): one stylesheet, TensorFlow.js as one script, the page's modules bundled
as one; and, in <body data-asset-urls>, every built file by its source path, for the files the modules
fetch or start by URL (static/js/core/assets.js: the catalogs, the WASM binaries, the trainer's worker…).
Those URLs are relative to the page; the page's scripts resolve them against it (document.baseURI).
"""

import json
import os

from flask import Blueprint, current_app, jsonify, render_template

from server.files import read_assets
from server.page_text import fill, read_catalog

bp = Blueprint("vae", __name__)


def render_page(app, version, csp=None):
    """The page's HTML. Every URL in it is relative to the page: static/dist/<name>, models/ for the
    manifests and models/<version>/ (files.models_version) for the model files, so the same page works
    at / (the server) and under any path (a static build: server/publish.py). csp: a policy to state in
    a <meta http-equiv> too, for hosts that send no headers. Its words are the default language's, filled in
    from the catalog (server/page_text.py), so the first paint reads before any script runs."""
    entries, fetched = read_assets(app.config["STATIC_DIR"])
    dist = lambda name: f"static/dist/{name}"  # noqa: E731
    with app.test_request_context("/"):
        page = render_template(
            "index.html",
            stylesheet=dist(entries["css/page.css"]),
            tfjs=dist(entries["vendor/tfjs/tfjs.js"]),
            main=dist(entries["js/main.js"]),
            asset_urls={path: dist(name) for path, name in {**entries, **fetched}.items()},
            manifests_url="models/",
            models_url=f"models/{version}/",
            classroom=app.config["CLASSROOM"],
            csp=csp,
        )
    return fill(page, read_catalog(app.config["STATIC_DIR"]))


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


@bp.app_errorhandler(413)
def too_large(e):
    return jsonify(error="the request body is over the 1 kB limit"), 413
