"""The page on a phone (Playwright's phone emulation: touch, is_mobile, device scale 2–3) at 390×844 and
360×640, in English and Chinese: no panel, story step or control is wider than the screen, no text is
smaller than 16 px, digits are scaled up with crisp pixels, the first digit appears by itself, and touch
works where it matters: a drag on a z slider and on the latent map moves z and redraws the digit (without
scrolling the page), a stroke on the pad is read and reconstructed, the file picker, the noise lesson's
buttons and the story's steps answer a tap. A phone loads nothing a desktop does not."""

import numpy as np
import pytest

from tests import digit_images as di
from tests.conftest import canvas_gray, open_page
from tests.page.conftest import fill_every_panel
from tests.page.phone_layout import PHONES, check_layout


@pytest.fixture(params=list(PHONES))
def phone(request, make_page):
    width, height, scale = PHONES[request.param]
    page = make_page(
        viewport={"width": width, "height": height}, device_scale_factor=scale, is_mobile=True, has_touch=True
    )
    page.width = width
    return page


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_nothing_wider_than_the_screen_and_no_small_text(phone, story_server, lang):
    open_page(phone, story_server, f"?lang={lang}")
    fill_every_panel(phone)
    for step in range(1, 6):
        phone.evaluate(f"() => window.vaeDemo.story.show({step})")
        check_layout(phone, f"story step {step}")
    # The widest state of the rest: the 16-D model (16 sliders, its map's axis pickers, the code table).
    phone.evaluate("() => window.vaeDemo.state.requestModel('tiny-16d')")
    fill_every_panel(phone)
    check_layout(phone, "tiny-16d")


def touch_drag(page, points):
    """A one-finger drag through `points` (CSS pixels in the viewport), as a phone's touch screen sends it."""
    cdp = page.context.new_cdp_session(page)
    (x, y), rest = points[0], points[1:]
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for x, y in rest:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def box_of(page, selector):
    page.locator(selector).scroll_into_view_if_needed()
    return page.locator(selector).bounding_box()


def test_first_digit_without_a_touch_and_a_slider_drag_moves_z(phone, live_server):
    open_page(phone, live_server)  # ready: the first digit is drawn, nothing was touched
    first = canvas_gray(phone)
    assert first.std() > 0.01
    box = box_of(phone, "#z-slider-0")
    assert box["height"] >= 44  # a finger-sized slider
    scroll = phone.evaluate("scrollY")
    y = box["y"] + box["height"] / 2
    x0 = box["x"] + box["width"] / 2  # the thumb sits in the middle at z = 0
    touch_drag(phone, [(x0 + dx, y) for dx in range(0, int(box["width"] * 0.4), 6)])
    phone.evaluate("() => window.vaeDemo.explore.view.idle()")
    z = phone.evaluate("Array.from(window.vaeDemo.state.z)")
    assert z[0] > 1.0 and z[1] == 0, z
    assert phone.evaluate("scrollY") == scroll
    assert float(phone.locator("#z-slider-0").input_value()) == pytest.approx(z[0], abs=1e-6)
    assert np.abs(canvas_gray(phone) - first).max() > 0.05


def test_a_drag_on_the_latent_map_moves_z_not_the_page(phone, live_server):
    open_page(phone, live_server)
    first = canvas_gray(phone)
    box = box_of(phone, "#latent-canvas")
    assert box["width"] >= phone.width - 60  # the map fills the screen's width
    scroll = phone.evaluate("scrollY")
    rng = phone.evaluate("window.vaeDemo.latent.map.range")
    start, end = (0.3, 0.7), (0.75, 0.2)  # fractions of the map: across, down
    steps = np.linspace(0, 1, 12)
    touch_drag(
        phone,
        [
            (
                box["x"] + box["width"] * (start[0] + (end[0] - start[0]) * t),
                box["y"] + box["height"] * (start[1] + (end[1] - start[1]) * t),
            )
            for t in steps
        ],
    )
    phone.evaluate("() => Promise.all([window.vaeDemo.explore.view.idle(), window.vaeDemo.latent.map.idle()])")
    z = phone.evaluate("Array.from(window.vaeDemo.state.z)")
    expected = [(2 * end[0] - 1) * rng, (1 - 2 * end[1]) * rng]
    assert z == pytest.approx(expected, abs=0.05 * rng), (z, expected)
    assert phone.evaluate("scrollY") == scroll
    assert np.abs(canvas_gray(phone) - first).max() > 0.05


SEVEN = [[(0.25, 0.25), (0.75, 0.25), (0.45, 0.8)]]  # one stroke: the top bar and the stem of a 7


def test_a_stroke_on_the_pad_is_reconstructed(phone, live_server):
    open_page(phone, live_server)
    assert phone.evaluate("getComputedStyle(document.querySelector('#upload-pad')).touchAction") == "none"
    # Let the panel settle first (its sample strip and the encoder arrive when it comes near), so that
    # nothing above the pad changes height during the stroke.
    box_of(phone, "#upload-pad")
    phone.evaluate("""async () => { const u = window.vaeDemo.upload;
        if (u.wake) u.wake();
        await u.samplesLoaded;
        await window.vaeDemo.state.model.encoder(); }""")
    phone.wait_for_function(
        "() => Array.from(document.querySelectorAll('#upload [role=status]')).every((e) => e.hidden)"
    )
    box = box_of(phone, "#upload-pad")
    scroll = phone.evaluate("scrollY")
    points = []
    for (ax, ay), (bx, by) in zip(SEVEN[0], SEVEN[0][1:]):
        for t in np.linspace(0, 1, 10):
            points.append(
                (box["x"] + box["width"] * (ax + (bx - ax) * t), box["y"] + box["height"] * (ay + (by - ay) * t))
            )
    touch_drag(phone, points)
    phone.evaluate("() => window.vaeDemo.upload.idle()")
    assert phone.evaluate("scrollY") == scroll  # drawing does not scroll the page
    last = phone.evaluate("window.vaeDemo.upload.stats.last")
    assert last["source"] == "draw" and phone.evaluate("window.vaeDemo.upload.strokes.length") == 1
    assert np.asarray(last["image"]).max() > 0.9 and last["recon"] is not None
    assert phone.locator("#upload-recon").is_visible()
    recon = canvas_gray(phone, "#upload-recon")
    assert np.abs(recon - np.asarray(last["recon"])).max() <= 1.01 / 255


def test_file_picker_lesson_buttons_and_story_steps_answer_a_tap(phone, story_server, digits):
    open_page(phone, story_server)
    # The file picker opens on a tap on its label, and the chosen picture is analysed.
    phone.locator(".upload-pick").scroll_into_view_if_needed()
    with phone.expect_file_chooser() as chooser:
        phone.locator(".upload-pick").tap()
    chooser.value.set_files(
        {"name": "seven.png", "mimeType": "image/png", "buffer": di.encode(di.dark_on_light(digits[0][0]))}
    )
    phone.wait_for_function(
        "() => window.vaeDemo.upload.stats.last && window.vaeDemo.upload.stats.last.source === 'upload'"
    )
    # The noise lesson's buttons.
    phone.locator("#noise-send-many").tap()
    assert phone.locator("#noise-tally").get_attribute("data-sends") == "1000"
    phone.locator("#noise-restart").tap()
    assert phone.locator("#noise-tally").get_attribute("data-sends") == "0"
    # The story's steps: a tap on a step's button, then on "next".
    phone.evaluate("() => window.vaeDemo.story.ready")
    phone.locator(".story-dots button").nth(2).tap()
    phone.wait_for_function("() => !document.querySelector('#story-3').hidden")
    phone.locator(".story-next").tap()
    phone.wait_for_function("() => !document.querySelector('#story-4').hidden")
    assert phone.evaluate("window.vaeDemo.story.step") == 4


def requested_files(page, server):
    urls = []
    page.on("request", lambda r: urls.append(r.url.split("?")[0].replace(server.url, "/")))
    open_page(page, server)
    page.wait_for_load_state("networkidle")
    return set(urls)


def test_a_phone_loads_nothing_a_desktop_does_not(make_page, story_server):
    desktop = requested_files(make_page(probes=False), story_server)
    phone = requested_files(
        make_page(
            probes=False, viewport={"width": 390, "height": 844}, device_scale_factor=3, is_mobile=True, has_touch=True
        ),
        story_server,
    )
    assert phone <= desktop, sorted(phone - desktop)
    assert any(u.endswith("model.json") for u in phone)  # the first digit's decoder, without any touch
