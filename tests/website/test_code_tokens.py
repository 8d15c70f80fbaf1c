"""Python's plain names and whitespace reach the page as plain code text (website/code_tokens.py): no
span of their own, the same text, and the theme draws them no differently, so nothing shows."""

from __future__ import annotations

import re
from pathlib import Path

import material
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from generator.website.code_tokens import PlainTokens

from ..render.site_markdown import code_blocks, to_html

ASSETS = Path(__file__).resolve().parents[2] / "generator" / "website" / "assets"
CODE = 'import tensorflow_hub as hub\nm = hub.load(handle)\noutputs = m.signatures["default"](inputs)\n'


def test_names_and_whitespace_lose_their_spans_and_nothing_else_changes():
    plain = highlight(CODE, PythonLexer(), HtmlFormatter())
    folded = highlight(CODE, PythonLexer(filters=[PlainTokens()]), HtmlFormatter())
    assert '<span class="n">' in plain and '<span class="w">' in plain
    assert '<span class="n">' not in folded and '<span class="w">' not in folded
    for kind in ("kn", "nn", "k", "o", "p", "s2"):  # the kinds the theme colours keep their spans
        assert folded.count(f'<span class="{kind}">') == plain.count(f'<span class="{kind}">'), kind
    assert code_blocks(folded) == code_blocks(plain)


def test_the_site_folds_them_in_its_python_blocks():
    page = to_html(f"```python\n{CODE}```")
    assert '<span class="n">' not in page and '<span class="w">' not in page
    assert code_blocks(page) == [CODE]


def test_the_theme_draws_them_as_plain_code():
    """Material colours `.n` with --md-code-hl-name-color, which is the code's own colour, and has no
    rule for `.w`; the site's stylesheets add none. Should a theme change that, folding would show."""
    sheets = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.css"))
    theme = "".join(sheet.read_text(encoding="utf-8") for sheet in sheets)
    assert theme
    rules = re.findall(r"([^{}]*)\{([^{}]*)\}", theme)
    for selectors, body in rules:
        listed = [selector.strip() for selector in selectors.split(",")]
        assert ".highlight .w" not in listed, (selectors, body)
        if ".highlight .n" in listed:
            assert body == "color:var(--md-code-hl-name-color)", (selectors, body)
    names = set(re.findall(r"--md-code-hl-name-color:([^;}]*)", theme))
    assert names == {"var(--md-code-fg-color)"}, names
    for sheet in sorted(ASSETS.glob("*.css")):
        text = sheet.read_text(encoding="utf-8")
        assert "--md-code-hl-name-color" not in text and not re.search(r"\.highlight \.[nw]\b", text), sheet.name
