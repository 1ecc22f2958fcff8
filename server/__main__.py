"""`python -m server`: serve the page and the exported models with waitress and print the URL.

With --classroom it also serves the class map (server/classroom.py) on every network interface, and
prints the address students open on their phones, with its QR code.

Then, while it already serves, it writes the compressed copies of the static and model files that are
missing (server/precompress.py: gzip first, then brotli) into instance/compressed/ (or --compressed DIR)
and serves them from then on; the next start finds them made.
"""

import argparse
import logging
import os
import re
import resource
import sqlite3
import sys
import threading

from server import classroom, create_app, lan
from server.precompress import default_folder, precompress
from server.wsgi import create_server


def compress_copies(app):
    """Write the missing compressed copies, gzip first (fast), then brotli; serve each as soon as made."""
    folders = [app.config["STATIC_DIR"], app.config["MODELS_DIR"]]
    for suffix, name in ((".gz", "gzip"), (".br", "brotli")):
        written, seconds, error = precompress(folders, suffix, into=app.config["COMPRESSED_DIR"])
        app.extensions["files"].refresh()
        print(f"  {name} ready: {written} compressed copies written in {seconds:.1f} s", flush=True)
        if error:
            print(f"warning: {error}; such files go uncompressed", file=sys.stderr, flush=True)


def allow_many_connections():
    """Raise this process's open-file limit to the most it may have: a classroom opens ~6 connections
    per visitor, and each answer in flight holds its file open."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else 65536, hard))


def check_classroom_args(p, args):
    """--public-url and --class-db only with --classroom; a public URL is an http(s) address."""
    for flag, value in (("--public-url", args.public_url), ("--class-db", args.class_db)):
        if value and not args.classroom:
            p.error(f"{flag} only makes sense with --classroom")
    if args.public_url and not re.fullmatch(r"https?://[^/\s]+(/\S*)?", args.public_url):
        p.error(f"--public-url must be an http:// or https:// address (https://host/path/), not {args.public_url}")
    if args.host is None:
        args.host = "0.0.0.0" if args.classroom else "127.0.0.1"


def announce_classroom(app, host, port, public_url):
    """Print the address(es) students open and the QR code of the first; the page shows the same."""
    urls = lan.student_urls(port, public_url, host)
    for url in urls:
        print(f"  students open {url}", flush=True)
    if not urls:
        why = (
            "this computer has no network address a phone can reach (no Wi-Fi or cable?): join the class's network"
            if host in ("0.0.0.0", "::")
            else f"--host {host} is this computer alone, which phones cannot reach: leave --host out"
        )
        print(f"warning: {why}, or give --public-url", file=sys.stderr, flush=True)
        return
    classroom.set_join_url(app, urls[0])
    lan.print_qr(urls[0])
    sys.stdout.flush()


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m server", description=__doc__.split("\n\n")[0])
    p.add_argument("--host", help="address to listen on (default 127.0.0.1; with --classroom 0.0.0.0: all)")
    p.add_argument("--port", type=int, default=5000, help="port (0: any free port)")
    p.add_argument("--models", help="folder with manifest.json and the exported models (default: exported_model/)")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--classroom", action="store_true", help="serve the class map; students join on the network")
    p.add_argument("--public-url", help="with --classroom: the URL students open (e.g. behind a proxy)")
    p.add_argument("--class-db", help="with --classroom: the class map's SQLite file (default: instance/)")
    p.add_argument("--compressed", help="folder for the files' .gz/.br copies (default: instance/compressed/)")
    args = p.parse_args(argv)
    check_classroom_args(p, args)
    if not 0 <= args.port <= 65535:
        p.error(f"--port must be between 0 and 65535, not {args.port}")
    if args.threads < 1:
        p.error(f"--threads must be at least 1, not {args.threads}")
    config = {"CLASSROOM": args.classroom, "CLASS_DB": args.class_db}
    config["COMPRESSED_DIR"] = args.compressed or default_folder()
    if args.models:
        if not os.path.isfile(os.path.join(args.models, "manifest.json")):
            print(
                f"warning: no manifest.json in {args.models}; the page will say no model is available", file=sys.stderr
            )
        config["MODELS_DIR"] = args.models
    try:
        app = create_app(config)
    except RuntimeError as e:
        sys.exit(f"error: {e}")
    except (sqlite3.Error, OSError) as e:  # (OSError: its folder cannot be made)
        sys.exit(f"error: cannot open the class map's database {args.class_db or 'in instance/'} ({e})")
    allow_many_connections()
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # "Task queue depth" at every busy moment
    try:
        server = create_server(app, host=args.host, port=args.port, threads=args.threads)
    except OSError as e:
        sys.exit(f"error: cannot listen on {args.host}:{args.port} ({e.strerror or e})")
    host = "localhost" if args.host in ("127.0.0.1", "0.0.0.0", "::") else args.host
    print(f"VAE demo serving {app.config['MODELS_DIR']}\n  open http://{host}:{server.effective_port}/", flush=True)
    if args.classroom:
        announce_classroom(app, args.host, server.effective_port, args.public_url)
    threading.Thread(target=compress_copies, args=(app,), daemon=True).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
