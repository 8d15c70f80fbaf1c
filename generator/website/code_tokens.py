"""Code blocks with fewer elements: Python's plain names and whitespace as plain text.

Pygments wraps every token in a <span> of its kind's class, and the theme draws two kinds exactly as
it draws plain code: names (`.n`, in `--md-code-hl-name-color`, which is the code's own colour) and
whitespace (`.w`, no rule). Folded into plain text they lose their spans, about a third of a code
block's elements, and nothing a reader sees, copies or hears. mkdocs.yml gives this filter to the
Python lexer (pymdownx.highlight's `extend_pygments_lang`); tests/website/test_page_weight.py checks
that the theme still draws these kinds as plain code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pygments.filter import Filter
from pygments.token import Name, Text, Whitespace

# Exactly these kinds: their subkinds (Name.Namespace, Name.Builtin, ...) have colours of their own.
FOLDED = frozenset({Name, Whitespace})


class PlainTokens(Filter):
    def filter(self, lexer: Any, stream: Iterable[tuple[Any, str]]) -> Iterator[tuple[Any, str]]:
        for kind, value in stream:
            yield (Text if kind in FOLDED else kind), value
