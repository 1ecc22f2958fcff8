"""The app that serves the page, its static files and the exported models.

No TensorFlow here: the models run in the browser. `create_app(config)` is the application factory:
a Flask app whose WSGI entry is WhiteNoise serving every file (server/files.py) in front of Flask's
own routes (server/routes.py), with the security headers below on every answer. `python -m server`
runs it under waitress, a production WSGI server.

Config keys:
    MODELS_DIR   folder holding manifest.json and the exported TF.js models (default: exported_model/)
    STATIC_DIR   the page's static folder, with the built static/dist/ (default: static/)
    CLASSROOM    True: also serve the class map (server/classroom.py) and its parts of the page
    CLASS_DB     the class map's SQLite file (default: class-codes.sqlite3 in Flask's instance folder)
    COMPRESSED_DIR  the folder of the files' compressed copies (server/precompress.py), or None (the
                 default): none but the page's own (`python -m server`: instance/compressed/)
"""

import atexit
import os
import shutil
import tempfile

from flask import Flask

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Only same-origin scripts; 'wasm-unsafe-eval' lets the tfjs WASM backend compile its module.
# No 'unsafe-inline' or 'unsafe-eval' (which is why the page loads tfjs's es2017 bundle: the ES5
# bundle tf.min.js calls Function()). blob: in worker-src and script-src is for the WASM backend's
# threaded build (where the page is cross-origin isolated, below): tfjs 4.22 starts each thread as a
# Worker from a blob: URL it makes of its own inlined script, and that worker (under the page's policy)
# importScripts() the backend from another blob:, with no option to name a file instead. A blob: URL
# can only be made by script already running in the page, so this lets in no script from elsewhere.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' blob:",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ]
)

# On every answer: the files', Flask's (both through with_security_headers) and waitress's own error
# pages (server/wsgi.py). COOP and COEP (require-corp: every file is the page's own, same-origin) make the
# page cross-origin isolated, so SharedArrayBuffer exists and the WASM backend can run threads.
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def with_security_headers(wsgi_app):
    """wsgi_app with SECURITY_HEADERS added to every answer that does not set them itself."""

    def app(environ, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = headers + [(k, v) for k, v in SECURITY_HEADERS.items() if k.lower() not in present]
            return start_response(status, headers, exc_info)

        return wsgi_app(environ, start)

    return app


def create_app(config=None):
    from server import classroom, files, precompress, routes

    app = Flask(__name__, static_folder=None, template_folder=os.path.join(ROOT, "templates"))
    app.config.update(
        MODELS_DIR=os.path.join(ROOT, "exported_model"),
        STATIC_DIR=os.path.join(ROOT, "static"),
        MAX_CONTENT_LENGTH=1024,  # nothing is ever uploaded: images stay in the browser
        CLASSROOM=False,
        CLASS_DB=None,
        COMPRESSED_DIR=None,
    )
    if config:
        app.config.update(config)
    app.debug = False  # whatever FLASK_DEBUG says: never the debugger or tracebacks in answers
    for key in ("MODELS_DIR", "STATIC_DIR"):
        app.config[key] = os.path.abspath(app.config[key])

    # "//etc/passwd" must not be redirected to "/etc/passwd": answer 404 like every other odd path.
    app.url_map.merge_slashes = False
    app.register_blueprint(routes.bp)
    if app.config["CLASSROOM"]:
        db = app.config["CLASS_DB"] or os.path.join(app.instance_path, "class-codes.sqlite3")
        classroom.init_app(app, db)

    version = files.models_version(app.config["MODELS_DIR"])
    page_dir = tempfile.mkdtemp(prefix="vae-page-")
    atexit.register(shutil.rmtree, page_dir, ignore_errors=True)
    page = os.path.join(page_dir, "index.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(routes.render_page(app, version))
    for suffix in precompress.ENCODINGS:  # the page's own copies, beside it in its temporary folder
        precompress.compress_file(page, suffix, into=page_dir)
    served = files.ServedFiles(
        app.wsgi_app,
        page=page,
        static_dir=app.config["STATIC_DIR"],
        models_dir=app.config["MODELS_DIR"],
        version=version,
        copies=[page_dir] + ([app.config["COMPRESSED_DIR"]] if app.config["COMPRESSED_DIR"] else []),
    )
    app.extensions["files"] = served
    app.wsgi_app = with_security_headers(served)
    return app
