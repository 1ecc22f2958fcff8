"""What every projector page must be, measured in the real page: it fits the screen unscaled, nothing
scrolls or sticks out, and no type is smaller than 28 px as shown (tests/page/test_projector.py for the
lesson's pages, tests/page/test_classroom.py for the class map's)."""

LAYOUT = """() => {
    const panel = document.querySelector('main > section.panel.projector-current');
    const nav = document.querySelector('.projector-nav');
    const navTop = nav.getBoundingClientRect().top;
    const W = innerWidth, H = innerHeight;
    const outside = [];
    const small = [];
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '');
    const scale = Number(panel.dataset.projectorScale || 1);
    for (const el of [panel, ...panel.querySelectorAll('*'), nav, ...nav.querySelectorAll('*')]) {
        const inSvg = el.closest('svg') && el.tagName.toLowerCase() !== 'svg';
        if (inSvg) continue;  // an <svg> clips what it draws; the <svg> itself is checked
        const r = el.getBoundingClientRect();
        const cs = getComputedStyle(el);
        if ((r.width === 0 && r.height === 0) || cs.visibility === 'hidden') continue;
        const bottom = nav.contains(el) ? H : navTop;  // panel content must not hide behind the nav bar
        if (r.left < -0.5 || r.top < -0.5 || r.right > W + 0.5 || r.bottom > bottom + 0.5) {
            const box = [r.left, r.top, r.right, r.bottom].map(Math.round).join(',');
            outside.push(`${describe(el)} ${box}`);
        }
        const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
        const px = parseFloat(cs.fontSize) * (nav.contains(el) ? 1 : scale);
        if (ownText && px < 27.9) small.push(`${describe(el)} ${px.toFixed(1)}px`);
    }
    return { outside, small, scale, scrollHeight: document.documentElement.scrollHeight,
             scrollWidth: document.documentElement.scrollWidth, innerHeight: H, innerWidth: W,
             panel: panel.id, page: window.vaeDemo.projector.page };
}"""


def check_page(page, where, shot):
    """The projector page shown fits the screen unscaled, nothing scrolls or sticks out, no type is small;
    saves a screenshot to `shot` and returns the page's layout."""
    # Two frames: a resize seen in the first (ResizeObserver, after layout) asks the fitter for the
    # next; then the fitter's and the views' idle().
    page.evaluate("""async () => {
        for (let i = 0; i < 2; i += 1) await new Promise(requestAnimationFrame);
        const d = window.vaeDemo;
        await Promise.all([d.projector.idle(), d.noise.samples.idle(), d.explore.view.idle()]);
    }""")
    page.evaluate("() => window.vaeDemo.projector.fit()")
    info = page.evaluate(LAYOUT)
    page.screenshot(path=str(shot))
    assert info["scrollHeight"] <= info["innerHeight"], (where, info)
    assert info["scrollWidth"] <= info["innerWidth"], (where, info)
    assert not info["outside"], (where, info["outside"][:10])
    assert info["scale"] == 1, (where, "needs scaling", info["scale"])
    assert not info["small"], (where, info["small"][:10])
    return info
