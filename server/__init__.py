"""The Flask app that serves the page, its static files and the exported models.

No TensorFlow here: the models run in the browser. `create_app(config)` is the application factory;
`python -m server` runs it under waitress, a production WSGI server.

Config keys:
    MODELS_DIR   folder holding manifest.json and the exported TF.js models (default: exported_model/)
    COMPRESS     gzip what is worth it when the browser accepts it (default True; see compression.py)
"""

import mimetypes
import os

from flask import Flask

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The WASM backend is compiled with WebAssembly.instantiateStreaming, which requires this type.
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")

# Only same-origin scripts; 'wasm-unsafe-eval' lets the tfjs WASM backend compile its module.
# No 'unsafe-inline' or 'unsafe-eval' (which is why the page loads tfjs's es2017 bundle: the ES5
# bundle tf.min.js calls Function()).
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])

# On every answer: the app's (after_request below) and waitress's own error pages (server/wsgi.py).
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def create_app(config=None):
    app = Flask(__name__, static_folder=os.path.join(ROOT, "static"),
                template_folder=os.path.join(ROOT, "templates"))
    app.config.update(
        MODELS_DIR=os.path.join(ROOT, "exported_model"),
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        MAX_CONTENT_LENGTH=1024,  # nothing is ever uploaded: images stay in the browser
        COMPRESS=True,
    )
    if config:
        app.config.update(config)
    app.debug = False  # whatever FLASK_DEBUG says: never the debugger or tracebacks in answers
    app.config["MODELS_DIR"] = os.path.abspath(app.config["MODELS_DIR"])

    # "//etc/passwd" must not be redirected to "/etc/passwd": answer 404 like every other odd path.
    app.url_map.merge_slashes = False

    from server.routes import bp
    app.register_blueprint(bp)
    if app.config["COMPRESS"]:
        from server import compression
        compression.init_app(app, {"static": lambda: app.static_folder,
                                   "vae.models": lambda: app.config["MODELS_DIR"]})

    @app.after_request
    def security_headers(response):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    return app
