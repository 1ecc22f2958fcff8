"""`python -m server.publish OUT [--base /courses/vae/]`: the page as a folder that any static web host
or CDN serves as is, at / or under any path.

OUT holds what `python -m server` serves, from its own list (server/files.py, ServedFiles.paths), at the
same paths and under the same hash, but only what the page fetches: index.html (the page, rendered by
server/routes.py without the class map, its URLs relative to itself, and its CSP in a <meta> as well, for
hosts that send no headers), sw.js and manifest.webmanifest (the service worker and the web app
manifest, beside the page: a service worker's scope is its own folder), static/dist/ and every file of
the models folder (models/ for the manifests, models/<hash>/ for the rest). No compressed copies, no
sources. Beside them the server's headers, for the hosts that read them from files: _headers (Netlify,
Cloudflare Pages) and nginx.conf (location blocks to include in a server { }), both for --base, the
path the folder will be served at; and .nojekyll (GitHub Pages). How to put it online:
docs/publishing.md. Needs only requirements.txt.

The build is written into a new folder beside OUT and renamed into place, replacing an earlier build
(the one with a .vae-publish file). Anything else at OUT, a --base without its slashes, a models folder
without manifest.json and a missing static/dist/assets.json (`npm run build`) stop it with one line,
before anything is written.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile

from server import CONTENT_SECURITY_POLICY, ROOT, SECURITY_HEADERS, create_app
from server.files import ASSETS_URL, PAGE_FOLDER, REVALIDATE
from server.routes import render_page

MARKER = ".vae-publish"  # in every build: OUT may be replaced only when it holds one
META_IGNORED = ("frame-ancestors", "report-uri", "sandbox")  # a CSP in a <meta> may not set these
UNSAFE_IN_CONFIG = re.compile(r'[$"\\\x00-\x1f\x7f]')  # what nginx.conf's quoted folder path cannot hold


def meta_policy():
    """CONTENT_SECURITY_POLICY without the directives a <meta http-equiv> cannot carry (the headers do)."""
    kept = [d for d in CONTENT_SECURITY_POLICY.split("; ") if d.split()[0] not in META_IGNORED]
    return "; ".join(kept)


def check_base(base):
    """--base: a path with its slashes, e.g. / or /courses/vae/; ValueError with the reason otherwise."""
    if not (base.startswith("/") and base.endswith("/")):
        raise ValueError(f"--base must start and end with / (e.g. /courses/vae/), not {base!r}")
    if not re.fullmatch(r"/([A-Za-z0-9_~-][A-Za-z0-9._~-]*/)*", base):
        raise ValueError(f"--base may hold only letters, digits and - _ . ~ between its slashes, not {base!r}")


def check_out(out, sources):
    """OUT (absolute): new, or an earlier build; apart from the folders the build reads (sources)."""
    if os.path.lexists(out) and not os.path.isfile(os.path.join(out, MARKER)):
        raise ValueError(
            f"{out} exists and is not a build of python -m server.publish (no {MARKER}): give a new folder"
        )
    if UNSAFE_IN_CONFIG.search(out):
        raise ValueError(f'{out!r} holds a character nginx.conf cannot name ($, ", \\ or a control): give another')
    for source in sources:
        if os.path.commonpath([out, source]) in (out, source):
            raise ValueError(f"{out} overlaps {source}, which the build reads: give a folder outside it")


def headers_file(base, files, hashed):
    """_headers (Netlify, Cloudflare Pages): the security headers on every path; Cache-Control by rules
    that never overlap (both hosts join two rules' values of one header with a comma)."""
    rules = [(f"{base}*", SECURITY_HEADERS)]
    rules += [(f"{base}{prefix[1:]}*", {"Cache-Control": cache}) for prefix, cache in hashed]
    revalidated = [base] + [base + path for path, cache in files.items() if cache == REVALIDATE]
    rules += [(path, {"Cache-Control": REVALIDATE}) for path in revalidated]
    lines = ["# python -m server.publish: the headers python -m server sends, for hosts that read this file"]
    for path, headers in rules:
        lines += [path] + [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def nginx_file(base, folder, files, hashed, media_types):
    """nginx.conf: location blocks serving `folder` at base, with the server's headers and types."""
    types = {}
    for path in files:
        ext = os.path.splitext(path)[1][1:]
        if ext:
            types.setdefault(media_types.get_type(path), set()).add(ext)
    # WhiteNoise names the charset of text/*: so does nginx (for text/html always, unasked)
    texts = sorted(t for t in types if t.startswith("text/") and t != "text/html")
    security = [f'add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS.items()]
    common = [
        "index index.html;",
        "types {",
        *[f"    {t} {' '.join(sorted(exts))};" for t, exts in sorted(types.items())],
        "}",
        "default_type application/octet-stream;",
        "charset utf-8;",
        f"charset_types {' '.join(texts)};",
        *security,
    ]

    def location(url, cache):
        body = [f'alias "{folder}{url[1:]}";', *common, f'add_header Cache-Control "{cache}" always;']
        return [f"location {base}{url[1:]} {{", *[f"    {line}" for line in body], "}"]

    lines = [
        f"# python -m server.publish: serves this folder at {base} with the headers python -m server sends.",
        f"# In a server {{ }} block: include {folder}nginx.conf;  (docs/publishing.md). The folder's path is",
        "# where it was built: change it in the alias lines if the folder moves.",
    ]
    if base != "/":  # the page's URLs are relative to it: it must be opened with its slash
        body = ["absolute_redirect off;", *security, f"return 301 {base};"]
        lines += [f"location = {base[:-1]} {{", *[f"    {line}" for line in body], "}"]
    lines += location("/", REVALIDATE)
    for prefix, cache in hashed:
        lines += location(prefix, cache)
    return "\n".join(lines) + "\n"


def write_build(folder, app, served, files, base, out):
    """Everything a build holds, written into folder (new and empty)."""
    for path in files:
        os.makedirs(os.path.dirname(os.path.join(folder, path)), exist_ok=True)
        shutil.copy2(served.paths["/" + path], os.path.join(folder, path))
    hashed = [(prefix, served.cache_control(prefix)) for prefix in served.hashed]
    cache = {path: served.cache_control("/" + path) for path in files}
    written = {
        "index.html": render_page(app, served.version, csp=meta_policy()),
        "_headers": headers_file(base, {"index.html": REVALIDATE, **cache}, hashed),
        "nginx.conf": nginx_file(base, out + os.sep, ["index.html", *files], hashed, served.media_types),
        ".nojekyll": "",  # GitHub Pages: serve the folder as it is (no Jekyll)
        MARKER: f"python -m server.publish\nmodels {served.version}\nbase {base}\n",
    }
    for name, text in written.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)


def replace(staged, out):
    """Put the folder staged at out, in place of an earlier build if there is one."""
    if not os.path.lexists(out):
        os.rename(staged, out)
        return
    old = staged + ".old"
    os.rename(out, old)
    try:
        os.rename(staged, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def publish(out, base="/", models_dir=None, static_dir=None):
    """Write the build into out for `base`; returns (files, bytes). ValueError for a bad out or base,
    RuntimeError for missing models or a missing build of the page's files: nothing written then."""
    models_dir = os.path.realpath(models_dir or os.path.join(ROOT, "exported_model"))
    static_dir = os.path.realpath(static_dir or os.path.join(ROOT, "static"))
    out = os.path.realpath(out)
    check_base(base)
    check_out(out, [models_dir, static_dir])
    if not os.path.isfile(os.path.join(models_dir, "manifest.json")):
        raise RuntimeError(f"no manifest.json in {models_dir}: nothing to publish (export a model, or give --models)")
    app = create_app({"MODELS_DIR": models_dir, "STATIC_DIR": static_dir, "CLASSROOM": False})
    served = app.extensions["files"]
    kept = [
        url
        for url in served.paths
        if (url.startswith(("/static/dist/", "/models/")) and url != ASSETS_URL) or url in PAGE_FOLDER.values()
    ]
    files = sorted(url[1:] for url in kept)
    parent = os.path.dirname(out)
    os.makedirs(parent, exist_ok=True)
    staged = tempfile.mkdtemp(prefix=f".{os.path.basename(out)}.", dir=parent)
    try:
        os.chmod(staged, 0o755)  # mkdtemp's is the owner's alone; a web server reads it as another user
        write_build(staged, app, served, files, base, out)
        replace(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return len(files) + 1, sum(os.path.getsize(os.path.join(out, path)) for path in ["index.html", *files])


def main(argv=None):
    p = argparse.ArgumentParser(prog="python -m server.publish", description=__doc__.split("\n\n")[0])
    p.add_argument("out", metavar="OUT", help="the folder to write: a new one, or an earlier build to replace")
    p.add_argument("--base", default="/", help="the path the folder will be served at (default /; e.g. /courses/vae/)")
    p.add_argument("--models", help="folder with manifest.json and the exported models (default: exported_model/)")
    args = p.parse_args(argv)
    try:
        count, size = publish(args.out, args.base, models_dir=args.models)
    except ValueError as e:
        p.error(str(e))
    except RuntimeError as e:
        sys.exit(f"error: {e}")
    except OSError as e:
        where = f" ({e.filename})" if e.filename else ""
        sys.exit(f"error: {e.strerror or e}{where}: nothing was published")
    print(f"published {count} files ({size / 1e6:.1f} MB) to {os.path.realpath(args.out)}, for {args.base}")
    print("  serve the folder as it is: docs/publishing.md")


if __name__ == "__main__":
    main()
