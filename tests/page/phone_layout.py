"""What every page must be on a phone, measured in the real page: nothing wider than the screen, no text
smaller than 16 px, digits scaled up with crisp pixels (tests/page/test_phone.py; test_blur.py for the
Why blurry? panel). PHONES: the emulated screens, {name: (width, height, device scale)}."""

PHONES = {"390x844": (390, 844, 3), "360x640": (360, 640, 2)}


LAYOUT = """() => {
    const W = document.documentElement.clientWidth;
    const wide = [];
    const small = [];
    const blurred = [];
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    for (const el of document.body.querySelectorAll('*')) {
        if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;  // an <svg> clips what it draws
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.width <= 1 && r.height <= 1) continue;  // visually hidden text, the hidden file input
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden') continue;
        if (r.left < -0.5 || r.right > W + 0.5) {
            wide.push(`${describe(el)} ${Math.round(r.left)}–${Math.round(r.right)}`);
        }
        const ownText = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
        if (ownText && parseFloat(cs.fontSize) < 15.99) small.push(`${describe(el)} ${cs.fontSize}`);
        // Digits (canvases of 28-pixel tiles) are scaled up with crisp pixels, never smoothed.
        if (el.tagName === 'CANVAS' && el.height <= 112 && !['pixelated', 'crisp-edges'].includes(cs.imageRendering)) {
            blurred.push(`${describe(el)} ${cs.imageRendering}`);
        }
    }
    return { W, innerWidth, scrollWidth: document.scrollingElement.scrollWidth, wide, small, blurred,
             zoom: window.visualViewport.scale };
}"""


def check_layout(page, where):
    info = page.evaluate(LAYOUT)
    assert info["W"] == page.width and info["innerWidth"] == page.width and info["zoom"] == 1, (where, info)
    assert info["scrollWidth"] <= page.width, (where, info["scrollWidth"], info["wide"][:8])
    assert not info["wide"], (where, info["wide"][:8])
    assert not info["small"], (where, info["small"][:8])
    assert not info["blurred"], (where, info["blurred"][:8])
