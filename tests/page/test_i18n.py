"""The page in English and Simplified Chinese (static/i18n/*.json, static/js/core/i18n.js): both catalogs
have the same keys and placeholders, every key the code names exists and every key is used (a scan of
static/js and templates), the Chinese catalog's Latin words are technical names only; in the real page,
with zh-CN no visible text on any panel, story step, projector page or the shortcut list holds a word
that only the English catalog has, nothing renders a missing-key marker, the switch changes the
language without reloading anything (z, model, lesson kept), the choice is remembered, ?lang= and the
browser's language pick it, and a key missing from one catalog falls back to English."""

import os
import re

import pytest

from tests.conftest import ROOT, canvas_gray, open_page
from tests.page.catalogs import CJK, PLACEHOLDER, WORD, catalog, catalog_words, english_only, words
from tests.page.conftest import fill_every_panel

LANGS = ["en", "zh-CN"]
MISSING = "[missing: "

# Latin words the Chinese catalog may hold: names of things (formats, libraries, people, keys on a keyboard),
# commands and file names. Anything else in Latin letters there is an untranslated word.
TERMS = {
    "apache-2.0",
    "data",  # the manifest's "data" block (train/page_data.py)
    "mlp256",
    "tf.js",
    "train.page_data",
    "bmp",
    "burges",
    "by-sa",
    "cc",
    "cortes",
    "cpu",
    "cppn",  # compositional pattern-producing network (train/cppn.py)
    "csv",  # the class map's download (a file format)
    "server",  # `python -m server --classroom`, a command typed as it is
    "otoro",  # the blog whose CPPN the "drawn large" part follows
    "down",
    "elbo",
    "english",
    "esc",
    "exp",
    "exported_model",
    "fid",
    "gan",
    "gif",
    "gpu",
    "heic",
    "http",
    "iphone",
    "javascript",
    "jpeg",
    "json",
    "keras",
    "kl",
    "larsen",
    "lecun",
    "manifest.json",
    "mb",
    "mnist",
    "mse",
    "page",
    "path.npz",
    "png",
    "python",
    "shift",
    "svg",
    "tensorflow.js",
    "train",
    "train.export",
    "train.story",
    "up",
    "vae",
    "vae-gan",
    "wasm",
    "webassembly",
    "webgl",
    "webp",
    "z1",
    "z2",
}

# --- the catalogs and the sources ---


def test_catalogs_have_the_same_keys_and_placeholders():
    en, zh = catalog("en"), catalog("zh-CN")
    assert sorted(set(en) - set(zh)) == [] and sorted(set(zh) - set(en)) == []
    for key in en:
        assert isinstance(en[key], str) and en[key].strip(), key
        assert isinstance(zh[key], str) and zh[key].strip(), key
        assert set(PLACEHOLDER.findall(en[key])) == set(PLACEHOLDER.findall(zh[key])), key


def source_files(folder, ext):
    for base, _, names in os.walk(os.path.join(ROOT, folder)):
        for name in names:
            if name.endswith(ext):
                yield os.path.join(base, name)


def keys_named_in_sources(namespaces):
    """Every catalog key the code names: string literals 'ns.what' in static/js (ns a catalog namespace),
    data-i18n="key" and data-i18n-attr="attr:key …" in the templates. Returns {key: [files]}."""
    found = {}
    literal = re.compile(r"""(['"`])([a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_-]+)+)\1""")
    for path in source_files(os.path.join("static", "js"), ".js"):
        with open(path, encoding="utf-8") as f:
            for _, key in literal.findall(f.read()):
                if key.split(".")[0] in namespaces:
                    found.setdefault(key, []).append(os.path.relpath(path, ROOT))
    for path in source_files("templates", ".html"):
        with open(path, encoding="utf-8") as f:
            html = f.read()
        keys = re.findall(r'data-i18n="([^"]+)"', html)
        for attrs in re.findall(r'data-i18n-attr="([^"]+)"', html):
            keys += [pair.split(":", 1)[1] for pair in attrs.split()]
        for key in keys:
            found.setdefault(key, []).append(os.path.relpath(path, ROOT))
    return found


def test_every_key_the_code_names_exists_and_every_key_is_used():
    en = catalog("en")
    named = keys_named_in_sources({k.split(".")[0] for k in en})
    unknown = {k: v for k, v in named.items() if k not in en}
    assert not unknown, f"keys named in the code but missing from the catalogs: {unknown}"
    unused = sorted(set(en) - set(named))
    assert not unused, f"catalog keys no source names (write keys literally, not built from parts): {unused}"


def test_no_words_left_in_the_template():
    """Every visible word of the templates comes from the catalogs: an element's own text is empty or only
    symbols (z = …, t), and labels, titles and placeholders are data-i18n-attr, not literal attributes."""
    for path in source_files("templates", ".html"):
        with open(path, encoding="utf-8") as f:
            html = re.sub(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", " ", f.read(), flags=re.S)
        text = re.sub(r"<[^>]*>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S))
        leftover = {w for w in WORD.findall(text) if len(w) > 1}
        assert leftover <= {"TensorFlow.js"}, (path, leftover)  # the link's name, a product name
        literal = re.findall(r'\s(aria-label|title|placeholder|alt)="', html)
        assert not literal, (path, literal)


def test_the_chinese_catalog_holds_no_english_words():
    latin = catalog_words("zh-CN")
    assert latin <= TERMS, f"untranslated words in zh-CN.json (or add a technical name to TERMS): {latin - TERMS}"


# --- the page ---

VISIBLE_TEXT = """() => {
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent.trim();
        const el = n.parentElement;
        if (!text || !el || el.closest('script, style, option')) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        if (!Array.from(range.getClientRects()).some((r) => r.width > 0 && r.height > 0)) continue;
        if (getComputedStyle(el).visibility === 'hidden') continue;
        texts.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt], [data-projector-page]')) {
        for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'data-projector-page']) {
            if (el.hasAttribute(a)) texts.push(el.getAttribute(a));
        }
    }
    texts.push(document.title);
    return texts;
}"""


def english_words_shown(page, manifest_names):
    """(word, text) for every English-only word in the page's visible text and accessible names; model
    titles and names (data, not words of the page) are left out."""
    bad = []
    for text in page.evaluate(VISIBLE_TEXT):
        for name in manifest_names:
            text = text.replace(name, " ")
        bad += [(w, text[:120]) for w in words(text) if w in english_only()]
    return bad


def no_missing_marker(page):
    """Nothing on the page (text or attribute) shows a key that no catalog has."""
    found = page.evaluate(
        """(marker) => {
        const hits = [];
        if (document.documentElement.innerHTML.includes(marker)) hits.push(document.title);
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.textContent.includes(marker)) hits.push(n.textContent.trim());
        }
        for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) if (a.value.includes(marker)) hits.push(`${a.name}=${a.value}`);
        }
        return hits;
    }""",
        MISSING,
    )
    assert not found, found


def manifest_names(page):
    return page.evaluate("window.vaeDemo.manifest.models.flatMap((m) => [m.title, m.name])")


def test_chinese_page_shows_no_english(make_page, story_server):
    page = open_page(make_page(), story_server, "?lang=zh-CN")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    fill_every_panel(page)
    names = manifest_names(page)
    seen = {}
    for step in range(1, 6):
        page.evaluate(f"() => window.vaeDemo.story.show({step})")
        seen[f"story step {step}"] = english_words_shown(page, names)
        no_missing_marker(page)
    for panel in page.evaluate("Array.from(document.querySelectorAll('main > section.panel'), (p) => p.id)"):
        assert CJK.search(page.locator(f"#{panel}").inner_text()), panel  # the check below is not vacuous
    # Projector mode, page by page, and the list of shortcuts.
    page.keyboard.press("p")
    count = page.evaluate("window.vaeDemo.projector.page.count")
    for i in range(count):
        page.evaluate(f"() => window.vaeDemo.projector.show({i})")
        page.evaluate("() => Promise.all([window.vaeDemo.noise.samples.idle(), window.vaeDemo.explore.view.idle()])")
        seen[f"projector page {i + 1}"] = english_words_shown(page, names)
    page.locator(".projector-help-button").click()
    assert page.locator("#shortcuts-dialog").is_visible()
    assert "把选中的东西发送一次" in page.locator("#shortcuts-dialog").inner_text()
    seen["shortcuts"] = english_words_shown(page, names)
    no_missing_marker(page)
    bad = {where: words for where, words in seen.items() if words}
    assert not bad, bad


def digit_state(page):
    return page.evaluate("""() => { const s = window.vaeDemo.state;
        return { z: Array.from(s.z), model: s.model.entry.name, same: s.model === window.__model,
                 tally: { ...window.vaeDemo.noise.lesson.tally },
                 names: window.vaeDemo.noise.lesson.objects.map((o) => o.name) }; }""")


def switch(page, lang):
    page.locator("#lang-picker").select_option(lang)
    page.wait_for_function(
        "(l) => document.documentElement.lang === l && !document.querySelector('#lang-picker').disabled", arg=lang
    )
    page.evaluate("() => Promise.all([window.vaeDemo.explore.view.idle(), window.vaeDemo.latent.map.idle()])")


def test_switching_keeps_z_model_and_lesson_and_is_remembered(page, three_models_server):
    en, zh = catalog("en"), catalog("zh-CN")
    open_page(page, three_models_server)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.evaluate("() => window.vaeDemo.state.requestModel('tiny-16d')")
    fill_every_panel(page)  # every panel with words computed from its state (results, readouts)
    page.evaluate("""async () => { const d = window.vaeDemo;
        window.__model = d.state.model;
        d.state.randomZ();
        await d.state.model.encoder();  // fetched by the upload panel on its own time: let it arrive first
        await Promise.all([d.explore.view.idle(), d.latent.map.idle()]); }""")
    page.get_by_label("Name of object 6").fill("lemon")
    page.get_by_label("Name of object 6").press("Tab")
    before = digit_state(page)
    pixels = canvas_gray(page)
    requests = []
    page.on("request", lambda r: requests.append(r.url))

    switch(page, "zh-CN")
    assert page.evaluate("document.documentElement.lang") == "zh-CN"
    assert page.locator("#explore-title").inner_text() == zh["explore.title"]
    assert page.get_by_role("button", name=zh["noise.sendOnce"]).count() == 1
    now = digit_state(page)
    assert now["z"] == before["z"] and now["model"] == "tiny-16d" and now["same"] and now["tally"] == before["tally"]
    # The default objects are named in Chinese; the one the user named keeps its name.
    assert now["names"] == [
        zh["noise.obj.cat"],
        zh["noise.obj.dog"],
        zh["noise.obj.apple"],
        zh["noise.obj.banana"],
        zh["noise.obj.elephant"],
        "lemon",
    ]
    assert page.locator("#noise-object option").all_inner_texts()[2] == f"3. {zh['noise.obj.apple']} 5.43"
    assert (canvas_gray(page) == pixels).all()
    assert page.evaluate("localStorage.getItem('vae-demo-lang')") == "zh-CN"
    assert english_words_shown(page, manifest_names(page)) == []  # every computed sentence said again

    switch(page, "en")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator("#explore-title").inner_text() == en["explore.title"]
    back = digit_state(page)
    assert back["z"] == before["z"] and back["same"] and back["names"] == before["names"]
    assert (canvas_gray(page) == pixels).all()
    panels = page.locator("main").inner_text() + page.locator("header").inner_text()
    assert not CJK.search(panels.replace(zh["language.zh-CN"], "")), re.findall(
        r".{0,30}[\u4e00-\u9fff].{0,30}", panels
    )
    assert [u for u in requests if "/models/" in u] == []  # nothing reloaded, no model downloaded again
    no_missing_marker(page)

    switch(page, "zh-CN")
    page.reload()
    page.wait_for_function("() => window.vaeDemo && window.vaeDemo.ready")
    assert page.evaluate("[document.documentElement.lang, document.querySelector('#lang-picker').value]") == [
        "zh-CN",
        "zh-CN",
    ]


@pytest.mark.parametrize(
    "locale, query, lang",
    [
        ("en-US", "", "en"),
        ("zh-CN", "", "zh-CN"),
        ("zh-TW", "", "zh-CN"),
        ("de-DE", "", "en"),
        ("zh-CN", "?lang=en", "en"),
        ("en-US", "?lang=zh-CN", "zh-CN"),
        ("en-US", "?lang=zh-cn", "zh-CN"),
        ("zh-CN", "?lang=fr", "en"),
        ("en-US", "?lang=", "en"),
    ],
    ids=lambda v: v or "none",
)
def test_the_language_comes_from_the_url_else_the_browser(make_page, live_server, locale, query, lang):
    page = open_page(make_page(locale=locale), live_server, query)
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.locator("#explore-title").inner_text() == catalog(lang)["explore.title"]
    assert page.locator("#lang-picker").input_value() == lang


def test_a_key_missing_from_one_catalog_falls_back_to_english(make_page, live_server):
    zh = catalog("zh-CN")
    del zh["explore.random"]
    page = make_page()
    page.route("**/static/dist/i18n/zh-CN.*.json", lambda route: route.fulfill(json=zh))
    open_page(page, live_server, "?lang=zh-CN")
    assert page.locator("#random").inner_text() == catalog("en")["explore.random"]
    assert page.locator("#reset").inner_text() == catalog("zh-CN")["explore.reset"]
    no_missing_marker(page)


def test_a_key_missing_from_both_catalogs_shows_the_marker_the_tests_look_for(make_page, live_server):
    """The runtime checks above search for this marker: a key no catalog has must produce it (and log an
    error, which every page test fails on), never a raw key or an empty label."""
    cats = {lang: catalog(lang) for lang in LANGS}
    for c in cats.values():
        del c["explore.reset"]
    page = make_page()
    page.allowed_errors = ['no text for "explore.reset"']

    def serve(c):
        return lambda route: route.fulfill(json=c)

    for lang in LANGS:
        page.route(f"**/static/dist/i18n/{lang}.*.json", serve(cats[lang]))
    open_page(page, live_server)
    assert page.locator("#reset").inner_text() == f"{MISSING}explore.reset]"
    with pytest.raises(AssertionError):
        no_missing_marker(page)
    assert any('no text for "explore.reset"' in e for e in page.errors)
