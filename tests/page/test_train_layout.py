"""The trainer's section laid out on a laptop's screen (1366 × 768), in real Chromium: the curves' legend
(its names and figures) shows every figure whole, inside its view, in English and in Chinese."""

import pytest

from tests.conftest import js_fixed, open_page

# Each legend row's name and figure: how wide its text is and how wide its box (text that needs more is
# clipped or runs out), and both boxes against the view's.
LEGEND = """() => {
    const view = document.getElementById('train-figures').closest('.train-view');
    const box = (e) => { const r = e.getBoundingClientRect(); return [r.left, r.right]; };
    return { view: box(view), cells: Array.from(document.querySelectorAll('#train-figures > *')).map((e) => ({
        text: e.textContent, box: box(e), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth })) };
}"""


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_the_curves_legend_shows_its_figures_whole_at_1366_px(make_page, shipped_server, lang):
    page = make_page(viewport={"width": 1366, "height": 768})
    open_page(page, shipped_server, f"?lang={lang}")
    page.evaluate("window.vaeDemo.training.open()")
    page.evaluate("window.vaeDemo.training.start({beta: 1, seconds: 1})")
    page.wait_for_function("() => !window.vaeDemo.training.status().running", timeout=120000)
    page.evaluate("window.vaeDemo.training.idle()")
    legend = page.evaluate(LEGEND)
    held_out = page.evaluate("window.vaeDemo.training.status().heldOut")
    figures = [js_fixed(held_out[k], 1) for k in ("negElbo", "reconstruction", "kl")]
    assert [c["text"].split()[0] for c in legend["cells"][1::2]] == figures, legend  # a name and a figure each
    left, right = legend["view"]
    for cell in legend["cells"]:
        assert cell["scrollWidth"] <= cell["clientWidth"], cell  # no text cut off or running out of its box
        assert left - 0.5 <= cell["box"][0] and cell["box"][1] <= right + 0.5, (cell, legend["view"])
