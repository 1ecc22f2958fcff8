"""Projector mode in the real page: every page (each `main > section.panel`, or its sub-pages, and each
step of the story) fits a 1024×768 and a 1920×1080 screen as laid out, without the scaling fit.js falls
back on, with nothing scrolling and nothing outside the viewport, the type on every page is large (at
least 28 px as shown), and the whole lesson can be run from the keyboard alone; "Your own digit" does
so too with a drawn digit's results shown, on the default 2-D VAE and on the 16-D one."""

import math

import pytest
from scipy import stats

from tests.conftest import open_page
from tests.page.conftest import draw_seven
from tests.page.projector_layout import check_page

SIZES = [(1024, 768), (1920, 1080)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_fits_the_screen_unscaled(page, story_server, size, tmp_path):
    open_page(page, story_server)
    page.evaluate("() => window.vaeDemo.story.ready")
    # The fullest lesson: nine objects (the most the editor allows), one send shown.
    page.evaluate("""async () => { const n = window.vaeDemo.noise;
        while (n.addObject()) { /* add until full */ }
        await n.send({ animated: false }); }""")
    # As after an upload: the encoder's σ is shown on the real-model page too.
    page.evaluate("""() => window.vaeDemo.state.setPosterior({ mu: Float32Array.from([0.5, -1]),
        sigma: Float32Array.from([0.12, 0.3]), image: new Float32Array(784), source: 'upload' }, 'upload')""")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.keyboard.press("p")
    assert page.evaluate("document.documentElement.classList.contains('projector')")
    count = page.evaluate("window.vaeDemo.projector.page.count")
    panels = page.evaluate("document.querySelectorAll('main > section.panel').length")
    assert count >= panels + 2  # every panel; the noise lesson has three sub-pages
    seen = []
    for i in range(count):
        assert page.evaluate("window.vaeDemo.projector.page.index") == i
        where = page.evaluate("window.vaeDemo.projector.page")
        name = f"{size[0]}x{size[1]}-{i + 1}-{where['panelId']}"
        info = check_page(page, (size, where), tmp_path / f"projector-{name}.png")
        seen.append((info["panel"], info["page"]["page"]))
        if info["panel"] == "story":  # one step at a time, each on this page
            for step in range(1, 6):
                page.evaluate(f"() => window.vaeDemo.story.show({step})")
                check_page(page, (size, where, f"story step {step}"), tmp_path / f"projector-{name}-{step}.png")
        if i < count - 1:
            page.keyboard.press("PageDown")
    print(f"\nprojector pages at {size}: {seen}\nscreenshots: {tmp_path}")
    assert ("story", None) in seen
    noise_pages = [p for panel, p in seen if panel == "noise"]
    assert noise_pages == [
        "Send a number through noise",
        "Set up the objects and the seed",
        "The same noise on the real model",
    ]


def test_one_panel_at_a_time_with_buttons(page, live_server):
    open_page(page, live_server)
    toggle = page.get_by_role("button", name="Projector mode (P)")
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert page.locator("main > section.panel:visible").count() == 1
    nav = page.get_by_role("navigation", name="Projector pages")
    assert nav.is_visible()
    back = nav.get_by_role("button", name="◀ Back")
    assert back.is_disabled()
    nav.get_by_role("button", name="Next ▶").click()
    assert page.evaluate("window.vaeDemo.projector.page.index") == 1
    back.click()
    assert page.evaluate("window.vaeDemo.projector.page.index") == 0
    nav.get_by_role("button", name="Keyboard shortcuts").click()
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    assert dialog.is_visible()
    assert "Send the chosen object once" in dialog.inner_text()
    dialog.get_by_role("button", name="Close (Esc)").click()
    assert dialog.is_hidden()
    nav.get_by_role("button", name="Exit (P)").click()
    assert not page.evaluate("document.documentElement.classList.contains('projector')")
    assert page.locator("main > section.panel:visible").count() >= 2
    assert toggle.get_attribute("aria-pressed") == "false"


def goto_page(page, name):
    for _ in range(12):
        if page.evaluate("window.vaeDemo.projector.page.index") == 0:
            break
        page.keyboard.press(",")
    for _ in range(12):
        if page.evaluate("window.vaeDemo.projector.page.page") == name:
            return
        page.keyboard.press(".")
    raise AssertionError(f"no projector page {name!r}")


def lesson(page, expr):
    return page.evaluate(f"(() => {{ const n = window.vaeDemo.noise; return {expr}; }})()")


def test_keyboard_only_run_through_the_lesson(page, live_server):
    open_page(page, live_server)
    page.set_viewport_size({"width": 1024, "height": 768})
    page.keyboard.press("p")
    assert page.evaluate("window.vaeDemo.projector.on")

    # Part 1: choose apple, no noise, send: the receiver is sure.
    goto_page(page, "Send a number through noise")
    page.keyboard.press("3")
    page.keyboard.press("0")
    assert page.locator("#noise-sigma").input_value() == "0"
    page.keyboard.press("s")
    page.evaluate("() => window.vaeDemo.noise.idle()")
    assert lesson(page, "n.lesson.last.sent") == "apple"
    assert page.locator("#noise-posterior li[data-name]").evaluate_all("(l) => l.map((e) => e.dataset.name)") == [
        "apple"
    ]
    # More noise, then 1,000 sends.
    for _ in range(5):
        page.keyboard.press("+")
    assert lesson(page, "n.lesson.sigma") == pytest.approx(0.5)
    page.keyboard.press("k")
    assert lesson(page, "n.lesson.tally.sends") == 1000
    # The receiver names the nearest object, so apple is read right when the noise keeps it inside
    # the midpoints to its neighbours. With the lesson's fixed seed the rate is within 3 standard errors.
    xs = sorted(lesson(page, "n.lesson.objects.map((o) => o.x)"))
    apple = lesson(page, "n.lesson.objects.find((o) => o.name === 'apple').x")
    k = xs.index(apple)
    lo = (xs[k - 1] + apple) / 2 if k > 0 else -math.inf
    hi = (xs[k + 1] + apple) / 2 if k + 1 < len(xs) else math.inf
    p = stats.norm.cdf((hi - apple) / 0.5) - stats.norm.cdf((lo - apple) / 0.5)
    rate = lesson(page, "n.lesson.tally.right") / 1000
    assert abs(rate - p) <= 3 * math.sqrt(p * (1 - p) / 1000), (rate, p)
    page.keyboard.press("a")
    assert page.locator("#noise-auto").get_attribute("aria-pressed") == "true"
    page.keyboard.press("a")
    assert page.locator("#noise-auto").get_attribute("aria-pressed") == "false"
    page.evaluate("() => window.vaeDemo.noise.idle()")

    # Tab reaches the σ slider; its own arrow keys are left to it (not taken for z).
    for _ in range(30):
        if page.evaluate("document.activeElement.id") == "noise-sigma":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "noise-sigma"
    z_before = page.evaluate("Array.from(window.vaeDemo.state.z)")
    page.keyboard.press("ArrowRight")
    assert lesson(page, "n.lesson.sigma") == pytest.approx(0.51)
    assert page.evaluate("Array.from(window.vaeDemo.state.z)") == z_before

    # Part 2: arrows pick and move a latent number; the samples follow.
    goto_page(page, "The same noise on the real model")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("window.vaeDemo.state.selectedDim") == 1
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("window.vaeDemo.state.selectedDim") == 0
    page.keyboard.press("Shift+ArrowLeft")
    z = page.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z == pytest.approx([-0.5, 0.3])
    assert page.locator(".projector-readout").inner_text() == "z1 = −0.50"
    assert page.locator("#z-slider-1").input_value() == "0.3"
    page.evaluate("() => window.vaeDemo.noise.samples.idle()")
    assert lesson(page, "n.samples.stats.z") == pytest.approx([-0.5, 0.3])
    codes = lesson(page, "n.samples.stats.codes")
    page.keyboard.press("e")
    page.evaluate("() => window.vaeDemo.noise.samples.idle()")
    assert lesson(page, "n.samples.stats.codes") != codes
    page.keyboard.press("-")
    page.evaluate("() => window.vaeDemo.noise.samples.idle()")
    assert lesson(page, "n.samples.stats.sigma") == pytest.approx(0.41)
    page.keyboard.press("r")
    page.evaluate("() => window.vaeDemo.noise.samples.idle()")
    assert lesson(page, "n.samples.stats.z") != pytest.approx([-0.5, 0.3])

    # "?" lists the shortcuts; Escape closes the dialog and keeps projector mode.
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    assert dialog.is_visible()
    for words in ["Next page", "Pick the latent number", "Random z", "Send 1,000 times", "More noise"]:
        assert words in dialog.inner_text()
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.evaluate("window.vaeDemo.projector.on")

    # Typing in a text box is never taken: "p" goes into the name.
    goto_page(page, "Set up the objects and the seed")
    for _ in range(30):
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Name of object 1":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("End")
    page.keyboard.type("pe")
    page.keyboard.press("Tab")
    assert page.evaluate("window.vaeDemo.projector.on")
    assert lesson(page, "n.lesson.objects[0].name") == "catpe"
    page.keyboard.press("Tab")  # onto the Remove button: keys work again
    page.keyboard.press("p")
    assert not page.evaluate("window.vaeDemo.projector.on")


# Each Keras model's column on "The same trade-off, trained by Keras": its box, its parts' boxes and
# text widths, and whether each of the 16 tiles of its 4 × 4 sample grid is what the screen shows there
# (the element at the tile's centre, the grid as drawn inside its canvas's box: object-fit contain).
COLUMNS = """() => Array.from(document.querySelectorAll('#train-compare .train-compare-model')).map((m) => {
    const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    const grid = m.querySelector('.train-compare-samples');
    const [l, t, r, b] = box(grid);
    const side = Math.min(r - l, b - t);
    const x0 = l + (r - l - side) / 2, y0 = t + (b - t - side) / 2;
    const tiles = [];
    for (let row = 0; row < 4; row += 1) {
        for (let col = 0; col < 4; col += 1) {
            tiles.push(document.elementFromPoint(x0 + (col + 0.5) * side / 4, y0 + (row + 0.5) * side / 4) === grid);
        }
    }
    return { box: box(m), gridPixels: [grid.width, grid.height], tiles,
             parts: Array.from(m.children).map((c) => ({ part: c.className || c.tagName, box: box(c),
                                                         scrollWidth: c.scrollWidth, clientWidth: c.clientWidth })) };
})"""


def test_the_keras_models_page_shows_five_whole_columns(page, shipped_server, tmp_path):
    """At 1920×1080 with the five β models shown: the page fits unscaled (check_page), no model's column
    overlaps the next, every part of a column stays inside it with its text whole, and each 4 × 4 sample
    grid is on screen whole, all 16 tiles."""
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, shipped_server)
    page.evaluate("window.vaeDemo.training.open()")
    shown = page.evaluate("window.vaeDemo.training.compare()")
    assert [m["beta"] for m in shown["models"]] == [0, 0.5, 1, 2, 4]
    page.keyboard.press("p")
    count = page.evaluate("window.vaeDemo.projector.page.count")
    pages = []
    for i in range(count):
        page.evaluate(f"window.vaeDemo.projector.show({i})")
        pages.append(page.evaluate("window.vaeDemo.projector.page.page"))
        if pages[-1] == "The same trade-off, trained by Keras":
            break
    else:
        raise AssertionError(f"no such projector page: {pages}")
    check_page(page, "the Keras models", tmp_path / "projector-train-compare.png")
    columns = page.evaluate(COLUMNS)
    assert len(columns) == 5
    for left, right in zip(columns, columns[1:]):
        assert left["box"][2] <= right["box"][0] + 0.5, (left["box"], right["box"])  # side by side, apart
    for k, column in enumerate(columns):
        cl, ct, cr, cb = column["box"]
        for part in column["parts"]:
            pl, pt, pr, pb = part["box"]
            assert cl - 0.5 <= pl and pr <= cr + 0.5 and ct - 0.5 <= pt and pb <= cb + 0.5, (k, part, column["box"])
            assert part["scrollWidth"] <= part["clientWidth"], (k, part)
        assert column["gridPixels"] == [4 * 28, 4 * 28] and all(column["tiles"]), (k, column["tiles"])


def show_panel(page, panel_id):
    """Show the projector page of the panel `panel_id` (one without sub-pages)."""
    for i in range(page.evaluate("window.vaeDemo.projector.page.count")):
        page.evaluate(f"window.vaeDemo.projector.show({i})")
        if page.evaluate("window.vaeDemo.projector.page.panelId") == panel_id:
            return
    raise AssertionError(f"no projector page for #{panel_id}")


# What the upload page shows: each part's box if it is on screen, and the code's bars.
UPLOAD_PARTS = """() => {
    const shown = (sel) => { const e = document.querySelector(sel); const r = e.getBoundingClientRect();
                             return e.checkVisibility() && r.width > 0 ? [r.left, r.top, r.right, r.bottom] : null; };
    return { pad: shown('#upload-pad'), input: shown('#upload-input'), recon: shown('#upload-recon'),
             code: shown('#upload-code'), reading: shown('#upload-reading'), samples: shown('#upload-samples'),
             bars: [...document.querySelectorAll('#upload-code .upload-bar')].filter((b) => b.checkVisibility())
                 .length };
}"""


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_your_own_digit_with_its_results_fits_the_screen_unscaled(page, shipped_server, lang, tmp_path):
    """A 7 drawn on the pad, its input, reconstruction and code shown: the upload page fits 1024×768 and
    1920×1080 unscaled (check_page) with the pad, the samples, the two digits, one bar per latent number
    and the reading on screen side by side; again after the suggestion's button switched to the 16-D VAE."""
    open_page(page, shipped_server, f"?lang={lang}")
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    draw_seven(page)
    page.keyboard.press("p")
    show_panel(page, "upload")
    for model in ["vae-2d", "vae-16d"]:
        if model == "vae-16d":  # the suggestion's button, pressed on the projector
            page.locator("#upload-suggest-button").click()
            page.wait_for_function("() => document.querySelectorAll('#upload-code .upload-bar').length === 16")
            page.evaluate("() => window.vaeDemo.upload.idle()")
        assert page.evaluate("window.vaeDemo.state.model.entry.name") == model
        for size in SIZES:
            page.set_viewport_size({"width": size[0], "height": size[1]})
            check_page(page, (lang, model, size), tmp_path / f"upload-{lang}-{model}-{size[0]}.png")
            parts = page.evaluate(UPLOAD_PARTS)
            assert parts["bars"] == page.evaluate("window.vaeDemo.state.model.latentDim"), parts
            assert all(parts[k] for k in ["pad", "input", "recon", "code", "reading", "samples"]), parts
            # side by side: the pad left of the two digits, the digits left of the code and the reading
            assert parts["pad"][2] <= parts["input"][0] and parts["input"][2] <= parts["code"][0], parts
            assert parts["recon"][2] <= parts["reading"][0] and parts["input"][3] <= parts["recon"][1], parts
