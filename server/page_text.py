"""The page's first words in its HTML: the template's marked strings filled in from a message catalog.

The template carries no words of its own (static/js/core/i18n.js): an element's text is marked
data-i18n="key" and its attributes data-i18n-attr="attr:key …", and the page's script fills them from
static/i18n/<lang>.json. `fill(html, catalog)` does the same on the server, once, when the page is
rendered, so the first paint already reads in the default language (and a phone shows text before any
script has run) and the script's own pass later writes the same words into the same boxes: nothing
moves. Another language is applied by the script, as before, and a language switch still needs no
reload. An element marked data-i18n must be empty in the template (the script replaces its text);
a key the catalog lacks is left for the script, which reports it.
"""

import html
import json
import os
import re
from html.parser import HTMLParser

DEFAULT_LANGUAGE = "en"  # what <html lang> in templates/index.html says; static/js/core/i18n.js FALLBACK


def read_catalog(static_dir, lang=DEFAULT_LANGUAGE):
    """static/i18n/<lang>.json as {key: text}; a missing or broken one is one clear RuntimeError."""
    path = os.path.join(static_dir, "i18n", f"{lang}.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise RuntimeError(f"cannot read the page's words from {path} ({type(e).__name__}: {e})") from e


class _Marks(HTMLParser):
    """Where the marked elements' start tags end, and which keys they carry, in source offsets."""

    def __init__(self, source):
        super().__init__(convert_charrefs=False)
        self.lines = [0]
        for line in source.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.tags = []  # (start, end, attrs) of each start tag with a data-i18n or data-i18n-attr
        self.feed(source)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "data-i18n" in attrs or "data-i18n-attr" in attrs:
            line, column = self.getpos()
            start = self.lines[line - 1] + column
            self.tags.append((start, start + len(self.get_starttag_text()), attrs))


def _with_attributes(start_tag, pairs):
    """start_tag with each (name, text) of pairs added before its ">" (the template sets none of them)."""
    for name, text in pairs:
        if re.search(rf"\s{re.escape(name)}=", start_tag):
            raise ValueError(f"{start_tag} sets {name} both itself and by data-i18n-attr")
        end = len(start_tag) - (2 if start_tag.endswith("/>") else 1)
        start_tag = f'{start_tag[:end].rstrip()} {name}="{html.escape(text, quote=True)}"{start_tag[end:]}'
    return start_tag


def fill(source, catalog):
    """`source` (the rendered page) with every marked text and attribute in `catalog`'s words."""
    out, at = [], 0
    for start, end, attrs in _Marks(source).tags:
        start_tag = source[start:end]
        if attrs.get("data-i18n-attr"):
            pairs = [pair.split(":", 1) for pair in attrs["data-i18n-attr"].split()]
            start_tag = _with_attributes(start_tag, [(a, catalog[k]) for a, k in pairs if k in catalog])
        out += [source[at:start], start_tag]
        at = end
        key = attrs.get("data-i18n")
        if key in catalog and not attrs.get("data-i18n-params"):
            closing = source.find("<", end)
            if source[end:closing].strip():
                raise ValueError(f"an element marked data-i18n={key!r} has text in the template")
            out.append(html.escape(catalog[key], quote=False))
    out.append(source[at:])
    return "".join(out)
