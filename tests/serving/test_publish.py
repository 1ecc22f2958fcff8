"""`python -m server.publish` (server/publish.py): a static build of the committed models. It holds the
server's files at the server's paths with the server's bytes and nothing else, and the server's page
with its CSP in a <meta>; its _headers and nginx.conf give each file the headers the server sends;
under a sub-path of a plain static server (Python's http.server: no headers of its own) the page and
every lazily loaded part work in Chromium with no failed request and no console error; nginx, run on
the generated nginx.conf, answers with the server's headers; and the bad inputs stop it with one line,
writing nothing."""

import html
import http.client
import os
import re
import subprocess
import sys
from email.message import Message

import pytest

from server import create_app, publish
from tests.harness import (
    EXPORTED,
    NGINX,
    READY,
    ROOT,
    NginxHost,
    StaticHost,
    csp_directives,
    emulate_cores,
    models_url,
)
from tests.page.conftest import visit_every_section

DIST = os.path.join(ROOT, "static", "dist")
BASE = "/sub/path/"
YEAR, REVALIDATE = "public, max-age=31536000, immutable", "no-cache"  # what the server sends (test_server.py)
OWN_FILES = {"index.html", "_headers", "nginx.conf", ".nojekyll", ".vae-publish"}  # the build's, not the server's
SAME_IN_EVERY_ANSWER = {"Content-Length", "ETag", "Last-Modified", "Vary", "Date", "Server", "Accept-Ranges"}


def run_publish(*args):
    return subprocess.run(
        [sys.executable, "-m", "server.publish", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """The committed models published for BASE, into <tmp>/sub/path (so <tmp> served is the build at BASE)."""
    out = tmp_path_factory.mktemp("site") / "sub" / "path"
    r = run_publish(out, "--base", BASE)
    assert r.returncode == 0, r.stderr
    assert f"to {out}, for {BASE}" in r.stdout
    return out


@pytest.fixture(scope="module")
def flask():
    """The server on the same models: what the build must match."""
    return create_app({"MODELS_DIR": EXPORTED}).test_client()


def tree(folder):
    return {
        os.path.relpath(os.path.join(parent, name), folder).replace(os.sep, "/")
        for parent, _, names in os.walk(folder)
        for name in names
    }


def version_of(page):
    return re.fullmatch(r"models/([0-9a-f]{12})/", models_url(page)).group(1)


def test_the_build_holds_the_servers_files_at_its_paths_and_nothing_else(build, flask):
    page = flask.get("/").get_data(as_text=True)
    version = version_of(page)
    expected = set(OWN_FILES)
    for path in tree(DIST):
        if not path.endswith((".gz", ".br")) and path != "assets.json":  # the server's map: the page never asks
            # the service worker and the web app manifest sit at the page's folder (their scope)
            expected.add(path if path in ("sw.js", "manifest.webmanifest") else f"static/dist/{path}")
    for path in tree(EXPORTED):
        if not path.endswith((".gz", ".br")):
            expected.add(f"models/{path}" if os.path.basename(path) == "manifest.json" else f"models/{version}/{path}")
    assert tree(build) == expected
    for path in expected - OWN_FILES:
        r = flask.get("/" + path)
        assert r.status_code == 200 and r.data == (build / path).read_bytes(), path
    assert (build / ".vae-publish").read_text().splitlines()[0] == "python -m server.publish"


def test_the_page_is_the_servers_with_its_csp_in_a_meta(build, flask):
    served = flask.get("/")
    published = (build / "index.html").read_text()
    meta = re.search(r'\n  <meta http-equiv="Content-Security-Policy" content="([^"]+)">', published)
    assert meta and published.index(meta.group(0)) < published.index("<script")  # before anything it governs
    assert published.replace(meta.group(0), "") == served.get_data(as_text=True)
    header = csp_directives(served.headers["Content-Security-Policy"])
    # A <meta> policy cannot set frame-ancestors (browsers ignore it there): the headers files do.
    assert csp_directives(html.unescape(meta.group(1))) == {k: v for k, v in header.items() if k != "frame-ancestors"}
    assert header["script-src"] == ["'self'", "'wasm-unsafe-eval'", "blob:"]


def parse_headers_file(text):
    """_headers as [(path pattern, {name: [values]})], read as Netlify and Cloudflare Pages read it."""
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line, {}))
        else:
            name, value = line.strip().split(": ", 1)
            rules[-1][1].setdefault(name, []).append(value)
    return rules


def headers_for(rules, path):
    """What such a host sends for path: every matching rule's headers, one header's values joined by ", "."""
    sent = {}
    for pattern, headers in rules:
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            for name, values in headers.items():
                sent.setdefault(name, []).extend(values)
    return {name: ", ".join(values) for name, values in sent.items()}


def servers_headers(response):
    return {k: v for k, v in response.headers.items() if k not in SAME_IN_EVERY_ANSWER and k != "Content-Type"}


def test_headers_file_gives_every_file_the_servers_headers(build, flask):
    rules = parse_headers_file((build / "_headers").read_text())
    version = version_of((build / "index.html").read_text())
    for path in sorted(tree(build) - OWN_FILES) + ["", "index.html"]:
        served = flask.get("/" + path if path != "index.html" else "/")
        sent = headers_for(rules, BASE + path)
        assert sent == servers_headers(served), path
        hashed = path.startswith(("static/dist/", f"models/{version}/"))
        assert sent["Cache-Control"] == (YEAR if hashed else REVALIDATE), path
        assert csp_directives(sent["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]


def test_nginx_conf_sets_the_servers_headers_in_every_location(build, flask):
    """What the file says (the nginx test below runs it when nginx is installed)."""
    security = servers_headers(flask.get("/"))
    security.pop("Cache-Control")
    text = (build / "nginx.conf").read_text()
    version = version_of((build / "index.html").read_text())
    blocks = dict(re.findall(r"^location (.+?) \{\n(.*?)^\}", text, re.S | re.M))
    assert set(blocks) == {
        "= /sub/path",  # → 301 /sub/path/
        BASE,
        BASE + "static/dist/",
        f"{BASE}models/{version}/",
    }
    assert "return 301 /sub/path/;" in blocks["= /sub/path"]
    for location, cache in ((BASE, REVALIDATE), (BASE + "static/dist/", YEAR), (f"{BASE}models/{version}/", YEAR)):
        body = blocks[location]
        headers = dict(re.findall(r'add_header (\S+) "([^"]*)" always;', body))
        assert headers.pop("Cache-Control") == cache
        assert headers == security
        assert re.search(r"^\s+application/wasm wasm;$", body, re.M)
        assert f'alias "{build}/{location[len(BASE) :]}";' in body


@pytest.fixture(scope="module")
def static_host(build):
    """A plain static host on the build's grandparent: the build at BASE, with no headers of its own."""
    host = StaticHost(build.parent.parent)
    yield host.url
    host.close()


def test_the_build_works_under_a_sub_path_of_a_plain_static_server(make_page, static_host):
    page = make_page()
    failed, asked = [], []
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: failed.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
    page.on("request", lambda r: asked.append(r.url))
    page.goto(static_host + BASE)
    page.wait_for_function(READY, timeout=60000)
    assert page.evaluate("window.vaeDemo.error") is None
    page.evaluate("window.vaeDemo.explore.view.idle()")  # the first digit drawn

    visit_every_section(page)

    assert failed == [] and page.errors == []
    assert asked and all(url.startswith(static_host + BASE) or url.startswith(("data:", "blob:")) for url in asked)
    # The <meta> policy is in force where the host sends none: an inline script is refused.
    page.allowed_errors.append("Executing inline script violates the following Content Security Policy directive")
    violated = page.evaluate("""() => new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
        const s = document.createElement('script');
        s.textContent = 'window.inlineRan = true';
        document.head.appendChild(s);
    })""")
    assert violated == "script-src-elem" and page.evaluate("window.inlineRan") is None


@pytest.fixture
def nginx(build, tmp_path):
    """nginx serving the build through its nginx.conf, included in a server { } as docs/publishing.md says."""
    host = NginxHost(build, tmp_path)
    yield host.port
    host.close()


def get(port, path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", path)
    r = c.getresponse()
    r.read()
    c.close()
    return r


def media_type(value):
    """A Content-Type as (type, charset): WhiteNoise writes charset="utf-8", nginx charset=utf-8."""
    m = Message()
    m["Content-Type"] = value
    return m.get_content_type(), m.get_param("charset")


@pytest.mark.skipif(not NGINX, reason="nginx is not installed (scripts/test.sh installs it): nginx.conf not run")
def test_nginx_on_the_generated_conf_sends_the_servers_headers(build, flask, nginx):
    page = (build / "index.html").read_text()
    version = version_of(page)
    main = re.search(r'src="(static/dist/main\.[^"]+)"', page).group(1)
    wasm = sorted(p for p in tree(build) if p.endswith(".wasm"))[0]
    for path in ("", main, wasm, f"models/{version}/vae-2d/decoder/model.json", "models/manifest.json"):
        served, answer = flask.get("/" + path), get(nginx, BASE + path)
        assert answer.status == 200, path
        for name, value in served.headers.items():
            if name not in SAME_IN_EVERY_ANSWER | {"Content-Type"}:
                assert answer.getheader(name) == value, (path, name)
        assert media_type(answer.getheader("Content-Type")) == media_type(served.headers["Content-Type"]), path
    assert get(nginx, BASE + wasm).getheader("Content-Type") == "application/wasm"
    assert get(nginx, f"{BASE}static/dist/{os.path.basename(main)}").getheader("Cache-Control") == YEAR
    moved, missing, served = get(nginx, BASE[:-1]), get(nginx, BASE + "nope"), flask.get("/nope")
    assert moved.status == 301 and moved.getheader("Location") == BASE and missing.status == 404
    for answer in (moved, missing):  # the server's 404 carries the security headers too
        assert {k: answer.getheader(k) for k in servers_headers(served)} == servers_headers(served)


@pytest.mark.skipif(not NGINX, reason="nginx is not installed (scripts/test.sh installs it): nginx.conf not run")
def test_under_nginx_the_build_is_cross_origin_isolated_and_runs_wasm_threads(make_page, nginx):
    """The headers (COOP, COEP) and both policies, the <meta>'s and the header's, let tfjs start its WASM
    thread workers: on an emulated 8-core computer the page decodes on 4 threads."""
    page = make_page()
    emulate_cores(page, 8)
    page.goto(f"http://127.0.0.1:{nginx}{BASE}?backend=wasm")
    page.wait_for_function(READY, timeout=60000)
    assert page.evaluate("window.vaeDemo.error") is None
    assert page.evaluate("[crossOriginIsolated, tf.getBackend(), tf.wasm.getThreadsCount()]") == [True, "wasm", 4]
    assert len(page.evaluate("window.vaeDemo.decode([[0, 0], [1, -1]])")) == 2


@pytest.mark.parametrize(
    "args, status, said",
    [
        (["--base", "sub/path/"], 2, "--base must start and end with / (e.g. /courses/vae/), not 'sub/path/'"),
        (["--base", "/sub/path"], 2, "--base must start and end with / (e.g. /courses/vae/), not '/sub/path'"),
        (["--base", "/sub/../path/"], 2, "--base may hold only letters, digits and - _ . ~ between its slashes"),
        (["--models", "{empty}"], 1, "error: no manifest.json in {empty}: nothing to publish"),
    ],
)
def test_bad_arguments_stop_it_with_one_line_and_nothing_written(tmp_path, args, status, said):
    (tmp_path / "empty").mkdir()
    out = tmp_path / "site"
    empty = os.path.realpath(tmp_path / "empty")
    r = run_publish(out, *[a.format(empty=empty) for a in args])
    assert r.returncode == status, r.stderr
    lines = r.stderr.strip().splitlines()
    assert said.format(empty=empty) in lines[-1] and len(lines) <= 2, r.stderr  # (2: argparse's usage line)
    assert sorted(os.listdir(tmp_path)) == ["empty"]


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_what_is_not_an_earlier_build_is_never_replaced(tmp_path, kind):
    out = tmp_path / "site"
    if kind == "folder":
        out.mkdir()
        (out / "keep.txt").write_text("mine")
    else:
        out.write_text("mine")
    r = run_publish(out)
    assert r.returncode == 2
    assert f"error: {out} exists and is not a build of python -m server.publish" in r.stderr.strip().splitlines()[-1]
    assert os.listdir(tmp_path) == ["site"]
    assert (out / "keep.txt" if kind == "folder" else out).read_text() == "mine"


def test_a_missing_build_of_the_page_is_one_clear_error(tmp_path):
    (tmp_path / "static").mkdir()
    with pytest.raises(RuntimeError, match=r"assets\.json.*npm run build"):
        publish.publish(str(tmp_path / "site"), static_dir=str(tmp_path / "static"))
    assert os.listdir(tmp_path) == ["static"]


def test_a_build_inside_what_it_reads_is_refused(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    (models / "manifest.json").write_text('{"version": 1, "models": []}')
    with pytest.raises(ValueError, match=f"{models}/site overlaps {models}, which the build reads"):
        publish.publish(str(models / "site"), models_dir=str(models))
    assert not (models / "site").exists() and sorted(os.listdir(tmp_path)) == ["models"]


def test_publishing_again_replaces_the_earlier_build_whole(tmp_path):
    out = tmp_path / "site"
    publish.publish(str(out), "/a/")
    (out / "stray.txt").write_text("from before")
    count, size = publish.publish(str(out), "/b/")
    assert os.listdir(tmp_path) == ["site"]  # no staging folder left beside it
    assert not (out / "stray.txt").exists() and (out / "index.html").is_file()
    assert "/b/*" in (out / "_headers").read_text().splitlines() and "/a/" not in (out / "_headers").read_text()
    assert count == len(tree(out) - (OWN_FILES - {"index.html"})) and size > 1e6
