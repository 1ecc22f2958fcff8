"""server/page_text.py: the template's marked strings filled in from a catalog, escaped, on the page the
server renders (the published build renders the same page: tests/serving/test_publish.py)."""

from html.parser import HTMLParser

import pytest

from server import create_app
from server.page_text import fill, read_catalog
from tests.harness import catalog

CATALOG = {"a": 'Tom & "Jerry" <3', "b": "z ~ N(0, I)", "c": "{n} digits"}


def test_fill_writes_texts_and_attributes_escaped():
    source = '<title data-i18n="a"></title><meta data-i18n-attr="content:b title:a"><br data-i18n-attr="title:b"/>'
    assert fill(source, CATALOG) == (
        '<title data-i18n="a">Tom &amp; "Jerry" &lt;3</title>'
        '<meta data-i18n-attr="content:b title:a" content="z ~ N(0, I)" title="Tom &amp; &quot;Jerry&quot; &lt;3">'
        '<br data-i18n-attr="title:b" title="z ~ N(0, I)"/>'
    )


def test_fill_leaves_to_the_script_what_it_cannot_say():
    """An unknown key (the script reports it) and a text with parameters (the script fills them) stay empty."""
    source = '<p data-i18n="nope"></p><p data-i18n="c" data-i18n-params=\'{"n": 3}\'></p><p>left</p>'
    assert fill(source, CATALOG) == source


def test_a_marked_element_with_its_own_text_or_attribute_is_refused():
    with pytest.raises(ValueError, match="has text in the template"):
        fill('<p data-i18n="a">words</p>', CATALOG)
    with pytest.raises(ValueError, match="sets title both itself and by data-i18n-attr"):
        fill('<p title="t" data-i18n-attr="title:a"></p>', CATALOG)


class Marked(HTMLParser):
    """Each marked element's key and text, and each marked attribute's key and value, as a browser reads them."""

    def __init__(self, page):
        super().__init__()
        self.texts, self.attrs, self.open = [], [], []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for pair in (attrs.get("data-i18n-attr") or "").split():
            name, key = pair.split(":")
            self.attrs.append((key, attrs.get(name)))
        if "data-i18n" in attrs:
            self.open.append([attrs["data-i18n"], ""])
            self.texts.append(self.open[-1])

    def handle_data(self, data):
        if self.open:
            self.open[-1][1] += data

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()


def test_the_served_page_carries_every_word_in_english():
    en = catalog("en")
    page = create_app().test_client().get("/").get_data(as_text=True)
    marked = Marked(page)
    assert len(marked.texts) > 50 and len(marked.attrs) > 20
    assert [key for key, text in marked.texts if text != en[key]] == []
    assert [key for key, value in marked.attrs if value != en[key]] == []
    assert '<meta name="description"' in page and ("page.description", en["page.description"]) in marked.attrs


def test_a_missing_or_broken_catalog_is_one_clear_error(tmp_path):
    with pytest.raises(RuntimeError, match=r"cannot read the page's words from .*en\.json \(FileNotFoundError"):
        read_catalog(str(tmp_path))
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "en.json").write_text("{not json")
    with pytest.raises(RuntimeError, match=r"\(JSONDecodeError"):
        read_catalog(str(tmp_path))
