"""`python -m server`: serve the page and the exported models with waitress and print the URL."""

import argparse
import os
import sys
import threading

from server import create_app
from server.wsgi import create_server


def warm_gzip(app):
    """Compress the served files now rather than on the first visitor's request, and say so."""
    from server import compression
    count, saved, seconds = compression.warm(app)
    print(f"  gzip ready: {count} files compressed once ({saved:,} bytes smaller) in {seconds:.1f} s", flush=True)


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m server", description=__doc__)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: all)")
    p.add_argument("--port", type=int, default=5000, help="port (0: any free port)")
    p.add_argument("--models", help="folder with manifest.json and the exported models "
                                    "(default: exported_model/)")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--no-compress", action="store_true", help="send every file as it is (no gzip)")
    args = p.parse_args(argv)
    if not 0 <= args.port <= 65535:
        p.error(f"--port must be between 0 and 65535, not {args.port}")
    config = {"COMPRESS": not args.no_compress}
    if args.models:
        if not os.path.isfile(os.path.join(args.models, "manifest.json")):
            print(f"warning: no manifest.json in {args.models}; the page will say no model is available",
                  file=sys.stderr)
        config["MODELS_DIR"] = args.models
    app = create_app(config)
    try:
        server = create_server(app, host=args.host, port=args.port, threads=args.threads)
    except OSError as e:
        sys.exit(f"error: cannot listen on {args.host}:{args.port} ({e.strerror or e})")
    host = "localhost" if args.host in ("127.0.0.1", "0.0.0.0", "::") else args.host
    print(f"VAE demo serving {app.config['MODELS_DIR']}\n  open http://{host}:{server.effective_port}/",
          flush=True)
    if app.config["COMPRESS"]:
        threading.Thread(target=warm_gzip, args=(app,), daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
