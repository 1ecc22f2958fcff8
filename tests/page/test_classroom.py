"""The class map in the real page, served with --classroom from the committed models: a drawing's code
sent by the button (the 2-D VAE's μ of what the page drew, and nothing else: no picture), the map
drawing the codes it was given (dots in their digit's colour, a clicked dot and the class's averages
decoded as the shipped decoder decodes them in Python), live updates, the presenter's controls, the
handle, English and Chinese, a phone and the projector; and nothing of it without --classroom."""

import json
import urllib.request

import numpy as np
import pytest
import zxingcpp
from PIL import Image

from server.__main__ import announce_classroom
from server.lan import lan_addresses
from tests.conftest import canvas_gray, open_page
from tests.harness import EXPORTED, LiveServer
from tests.page.conftest import draw_seven, python_graph
from tests.page.projector_layout import check_page
from tests.qr import read_terminal_qr

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
MANIFEST = json.load(open(f"{EXPORTED}/manifest.json"))
VAE2D = next(m for m in MANIFEST["models"] if m["name"] == "vae-2d")


@pytest.fixture
def class_server(tmp_path):
    """The committed models with the class map, its codes in a fresh SQLite file."""
    server = LiveServer(EXPORTED, CLASSROOM=True, CLASS_DB=str(tmp_path / "class.db"))
    yield server
    server.close()


@pytest.fixture(scope="module")
def decoder2d():
    return python_graph(VAE2D, "decoder")


@pytest.fixture(scope="module")
def encoder2d():
    return python_graph(VAE2D, "encoder")


def store(server):
    return server.app.extensions["classroom"]["codes"]


def decoded(decoder, z):
    return np.asarray(decoder(np.asarray([z], np.float32))).reshape(784).clip(0, 1)


def open_class(page, server, query=""):
    """Open the page and bring the Class section on screen (it polls while it is there)."""
    open_page(page, server, query)
    page.wait_for_function("() => window.vaeDemo.classMap && window.vaeDemo.classMap.status().joinUrl")
    page.evaluate("() => document.getElementById('classroom').scrollIntoView()")
    return page


def wait_codes(page, n, timeout=10000):
    page.wait_for_function(f"() => window.vaeDemo.classMap.codes().length === {n}", timeout=timeout)


def test_the_button_sends_the_drawings_2d_code_and_nothing_else(page, class_server, encoder2d):
    open_class(page, class_server)
    draw_seven(page)
    sent = []
    page.on("request", lambda r: sent.append(r) if r.method != "GET" or r.post_data_buffer else None)
    page.select_option("#class-digit", "7")
    page.click("#class-send")
    page.wait_for_function("() => window.vaeDemo.classMap.status().lastSent !== null")
    page.wait_for_function("() => document.getElementById('class-send-status').textContent.startsWith('Sent')")

    [post] = sent  # one request with a body: the code, to the class map; no picture anywhere
    assert post.method == "POST" and post.url == class_server.url + "class/codes"
    body = json.loads(post.post_data)
    assert set(body) == {"model", "z", "digit"} and body["model"] == "vae-2d" and body["digit"] == 7
    assert len(post.post_data_buffer) <= 200
    # z is the shipped 2-D encoder's μ for the very image the page drew (its probe keeps that image)
    image = np.asarray(page.evaluate("window.vaeDemo.upload.stats.last.image"), np.float32)
    mu = np.asarray(encoder2d(image.reshape(1, 28, 28, 1)))[0, :2]
    np.testing.assert_allclose(body["z"], mu, atol=2e-3)
    assert body["z"] == [round(v, 4) for v in body["z"]]

    status = page.evaluate("window.vaeDemo.classMap.status()")
    assert status["lastSent"] == {"z": body["z"], "digit": 7} and status["count"] == 1
    assert [(c["z"], c["digit"]) for c in store(class_server).after(0)[2]] == [(body["z"], 7)]
    wait_codes(page, 1)  # the student sees their own dot among the class's


def test_send_without_a_digit_and_too_fast_say_why(page, class_server):
    open_class(page, class_server)
    first = page.evaluate("window.vaeDemo.classMap.send({digit: 3})")
    assert first == {"ok": False, "error": "Draw, upload or pick a digit first."}
    assert page.is_disabled("#class-send")
    page.evaluate("""async () => { const u = window.vaeDemo.upload; u.wake(); await u.samplesLoaded;
        document.querySelector('#upload-samples button').click(); await u.idle(); }""")
    assert page.is_enabled("#class-send")
    answers = [page.evaluate("window.vaeDemo.classMap.send({digit: null})") for _ in range(3)]
    assert [a["ok"] for a in answers] == [True, True, False]  # two at once, then one a second
    assert answers[2]["error"] == "One code a second at most: wait a moment, then send again."
    assert page.text_content("#class-send-status") == answers[2]["error"]
    assert len(store(class_server).after(0)[2]) == 2
    page.allowed_errors.append("429")  # the browser's own log line for the refused request


def pixel(page, selector, x, y):
    return page.evaluate(
        """([sel, x, y]) => Array.from(document.querySelector(sel).getContext('2d')
            .getImageData(Math.round(x), Math.round(y), 1, 1).data).slice(0, 3)""",
        [selector, x, y],
    )


def to_canvas(z, size=560, view=3):
    return ((z[0] + view) / (2 * view) * size, (view - z[1]) / (2 * view) * size)


def test_the_map_draws_the_codes_it_was_given_and_decodes_them(page, class_server, decoder2d):
    codes = [([-2.0, 1.5], 0), ([1.8, -1.2], 3), ([2.6, -2.2], 3), ([0.4, 2.4], None), ([-0.6, -2.1], 9)]
    for z, digit in codes:
        store(class_server).add(z, digit)
    open_class(page, class_server)
    wait_codes(page, len(codes))
    page.evaluate("window.vaeDemo.classMap.idle()")
    for z, digit in codes:  # each dot's centre in its digit's colour (dark gray: no digit said)
        colour = PALETTE[digit] if digit is not None else "#333333"
        expected = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        assert pixel(page, "#class-canvas", *to_canvas(z)) == expected, (z, digit)

    # the class's average 3: the mean of the two 3s' codes, decoded as the shipped decoder decodes it
    mean3 = np.mean([z for z, d in codes if d == 3], axis=0)
    assert page.locator("#class-digits canvas").count() == 10
    got = canvas_gray(page, "#class-digits .class-digit:nth-child(4) canvas")
    assert np.abs(got - decoded(decoder2d, mean3)).mean() < 0.01
    assert canvas_gray(page, "#class-digits .class-digit:nth-child(2) canvas").max() == 0  # no 1 sent: blank
    counts = page.locator("#class-digits .class-digit-count").all_text_contents()
    assert counts == ["×1", "×0", "×0", "×2", "×0", "×0", "×0", "×0", "×0", "×1"]
    assert page.text_content("#class-unsaid") == "Sent without saying which digit: 1"

    # clicking a dot decodes that student's code beside the map
    box = page.locator("#class-canvas").bounding_box()
    x, y = to_canvas(codes[1][0])
    page.mouse.click(box["x"] + x * box["width"] / 560, box["y"] + y * box["height"] / 560)
    page.evaluate("window.vaeDemo.classMap.idle()")
    assert page.evaluate("window.vaeDemo.classMap.picked") == store(class_server).after(0)[2][1]["id"]
    got = canvas_gray(page, "#class-picked")
    assert np.abs(got - decoded(decoder2d, codes[1][0])).mean() < 0.01
    caption = page.text_content("#class-picked-caption")
    assert caption == "A student meant a 3; their code (1.80, -1.20) decodes to this."
    # the keyboard picks too: the next dot in the order sent
    page.focus("#class-canvas")
    page.keyboard.press("ArrowRight")
    page.evaluate("window.vaeDemo.classMap.idle()")
    assert page.evaluate("window.vaeDemo.classMap.picked") == store(class_server).after(0)[2][2]["id"]


def test_codes_from_phones_reach_the_map_live_and_the_presenter_clears(page, class_server):
    open_class(page, class_server)
    assert page.is_visible("#class-presenter")  # a browser on this computer presents
    wait_codes(page, 0)
    request = urllib.request.Request(
        class_server.url + "class/codes",
        data=json.dumps({"model": "vae-2d", "z": [0.5, -0.25], "digit": 4}).encode(),
        method="POST",
    )
    with urllib.request.urlopen(request) as r:
        assert r.status == 201
    wait_codes(page, 1)  # within the presenter's 1 s polls, no reload
    assert page.evaluate("window.vaeDemo.classMap.codes()")[0]["z"] == [0.5, -0.25]
    assert page.text_content("#class-count") == "Codes sent so far: 1"

    page.click("#class-accepting")  # Stop
    page.wait_for_function("() => !window.vaeDemo.classMap.status().accepting")
    assert store(class_server).accepting is False
    assert page.text_content("#class-accepting") == "Resume accepting"
    assert page.text_content("#class-note") == "Stopped: the map is not accepting codes now."
    page.click("#class-accepting")  # Resume
    page.wait_for_function("() => window.vaeDemo.classMap.status().accepting")

    page.click("#class-clear")  # the first press asks, the second clears
    assert page.text_content("#class-clear") == "Press again to delete all 1 codes"
    assert len(store(class_server).after(0)[2]) == 1
    page.click("#class-clear")
    wait_codes(page, 0)
    assert store(class_server).after(0)[2] == [] and page.text_content("#class-count") == "Codes sent so far: 0"

    csv = page.evaluate("async () => (await fetch(document.getElementById('class-csv').href)).text()")
    assert csv.splitlines() == ["id,z1,z2,digit,sent_utc"]


@pytest.mark.skipif(not lan_addresses(), reason="this machine has no non-loopback IPv4 address")
def test_a_page_opened_by_the_lan_address_gets_no_presenter_controls(make_page, tmp_path):
    server = LiveServer(EXPORTED, host="0.0.0.0", CLASSROOM=True, CLASS_DB=str(tmp_path / "class.db"))
    try:
        server.url = server.url.replace("127.0.0.1", lan_addresses()[0])
        page = make_page()
        # Chromium's own line for every page over plain http to a LAN address (COOP needs https there)
        page.allowed_errors += ["Cross-Origin-Opener-Policy header has been ignored", "403"]
        open_class(page, server)
        page.evaluate("window.vaeDemo.classMap.idle()")
        assert page.evaluate("window.vaeDemo.classMap.presenter") is False
        assert page.is_hidden("#class-presenter")
        page.evaluate("window.vaeDemo.classMap.clear()")  # refused: the note says so
        refusal = "Only the presenter, on the laptop that runs the server, can do this."
        assert page.text_content("#class-note") == refusal
        assert page.evaluate("window.vaeDemo.classMap.status().count") == 0
    finally:
        server.close()


def test_the_join_qr_in_the_page_reads_as_the_join_url(page, class_server, tmp_path):
    open_class(page, class_server)
    page.wait_for_function("() => document.getElementById('class-qr').complete")
    page.locator("#class-qr").screenshot(path=str(tmp_path / "qr.png"))
    [code] = zxingcpp.read_barcodes(Image.open(tmp_path / "qr.png"))
    assert code.text == class_server.url == page.evaluate("window.vaeDemo.classMap.status().joinUrl")
    assert page.text_content("#class-url") == class_server.url


def test_in_chinese_on_a_phone(make_page, class_server):
    phone = open_class(make_page(viewport={"width": 375, "height": 740}, locale="zh-CN"), class_server)
    assert phone.text_content("#classroom-title") == "全班隐空间图"
    assert phone.text_content("#class-send") == "把我的编码发送到全班隐空间图"
    assert phone.text_content("#class-count") == "已发送的编码：0"
    widths = phone.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert widths[0] <= widths[1]
    box = phone.locator("#class-canvas").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_class_pages_fit_the_projector(make_page, class_server, size, tmp_path):
    rng = np.random.default_rng(0)
    for k in range(60):  # a full class, one dot picked: the longest caption shown
        store(class_server).add([float(v) for v in rng.normal(0, 1.2, 2)], [None, *range(10)][k % 11])
    wall = open_class(make_page(viewport={"width": size[0], "height": size[1]}), class_server, "?projector")
    pages = []
    for _ in range(40):
        pages.append(wall.evaluate("window.vaeDemo.projector.page.page"))
        if pages[-1] == "Join the class":  # on screen now: the section reads the class's codes
            wait_codes(wall, 60)
            wall.evaluate("window.vaeDemo.classMap.pick(window.vaeDemo.classMap.codes()[3].id)")
        if pages[-1] in ("Join the class", "The class map"):
            info = check_page(wall, (size, pages[-1]), tmp_path / f"class-{len(pages)}.png")
            assert info["panel"] == "classroom"
        if pages[-1] == "The class map":
            break
        wall.keyboard.press(".")
    assert pages.index("Join the class") == pages.index("The class map") - 1
    wall.keyboard.press(",")
    wall.wait_for_function("() => window.vaeDemo.projector.page.page === 'Join the class'")
    qr = wall.locator("#class-qr").bounding_box()
    assert qr["height"] >= 0.5 * size[1]  # big enough to scan from the back of the room


def test_without_classroom_there_is_no_class_map(page, shipped_server):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    open_page(page, shipped_server)
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    assert page.locator("#classroom, #class-send").count() == 0
    assert page.evaluate("window.vaeDemo.classMap.status()") == {
        "enabled": False,
        "joinUrl": None,
        "count": 0,
        "accepting": False,
        "lastSent": None,
    }
    assert not [u for u in requests if "/class/" in u]


def test_a_models_folder_without_the_2d_vae_says_so(make_page, exported, tmp_path):
    server = LiveServer(exported, CLASSROOM=True, CLASS_DB=str(tmp_path / "class.db"))
    try:
        page = open_page(make_page(), server)
        assert page.evaluate("window.vaeDemo.classMap.status().enabled") is False
        assert page.text_content("#class-note") == (
            "This class map needs the shipped 2-D VAE, “vae-2d”, which this server's models folder does not hold."
        )
        assert page.is_hidden("#class-send-box")
    finally:
        server.close()


def projector_goto(page, name):
    for _ in range(40):
        if page.evaluate("window.vaeDemo.projector.page.page") == name:
            return
        page.keyboard.press(".")
    raise AssertionError(f"no projector page {name!r}")


@pytest.mark.skipif(not lan_addresses(), reason="this machine has no non-loopback IPv4 address for a phone")
def test_a_lesson_end_to_end(make_page, tmp_path, capsys, decoder2d):
    """Started as `python -m server --classroom` starts it (every interface; the students' address and its
    QR code printed), a phone scans the terminal's code, draws a 7 and sends it; the projector (the
    laptop, in projector mode) shows the dot and the class's average 7, and clears the map; the phone
    then sees it empty."""
    server = LiveServer(EXPORTED, host="0.0.0.0", CLASSROOM=True, CLASS_DB=str(tmp_path / "class.db"))
    try:
        port = server.server.effective_port
        announce_classroom(server.app, "0.0.0.0", port, None)
        out = capsys.readouterr().out.splitlines()
        last = max(i for i, line in enumerate(out) if line.startswith("  students open "))
        qr = out[last + 1 : last + 1 + (len(out[last + 1]) + 1) // 2]
        [joined] = read_terminal_qr(qr)
        assert joined == f"http://{lan_addresses()[0]}:{port}/"

        phone = make_page(viewport={"width": 390, "height": 844})
        phone.allowed_errors.append("Cross-Origin-Opener-Policy header has been ignored")  # plain http on a LAN
        open_class(phone, type("Joined", (), {"url": joined}))
        assert phone.evaluate("window.vaeDemo.classMap.presenter") is False
        draw_seven(phone)
        phone.select_option("#class-digit", "7")
        phone.click("#class-send")
        phone.wait_for_function("() => window.vaeDemo.classMap.status().lastSent !== null")
        sent = phone.evaluate("window.vaeDemo.classMap.status().lastSent")

        wall = open_class(make_page(viewport={"width": 1920, "height": 1080}), server, "?projector")
        projector_goto(wall, "The class map")
        wait_codes(wall, 1)
        wall.evaluate("window.vaeDemo.classMap.idle()")
        assert wall.evaluate("window.vaeDemo.classMap.codes()")[0]["z"] == sent["z"]
        average7 = canvas_gray(wall, "#class-digits .class-digit:nth-child(8) canvas")
        assert np.abs(average7 - decoded(decoder2d, sent["z"])).mean() < 0.01  # one 7: its own code, decoded
        wall.click("#class-clear")
        wall.click("#class-clear")
        wait_codes(wall, 0)

        phone.evaluate("() => document.getElementById('classroom').scrollIntoView()")
        wait_codes(phone, 0, timeout=20000)  # its next poll (a student's page backs off to 8 s)
        assert phone.text_content("#class-count") == "Codes sent so far: 0"
    finally:
        server.close()
