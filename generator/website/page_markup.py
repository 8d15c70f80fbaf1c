"""A MkDocs hook (mkdocs.yml's `hooks`, set by render/site_config.py): the theme's markup made valid
HTML where no template block reaches it.

Material's base.html gives its two checkbox toggles (the drawer's and the search's)
`autocomplete="off"`, which HTML allows on text fields and forms, not on a checkbox; the Nu HTML
Checker refuses it. Loaded by MkDocs from this file alone, so it imports nothing of the generator.
"""

from __future__ import annotations

import re

TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def on_post_page(output: str, **_: object) -> str:
    return TOGGLE_AUTOCOMPLETE.sub(r"\1", output)


def on_post_template(output_content: str, **_: object) -> str:
    """The same for the pages made from a theme template alone: 404.html."""
    return on_post_page(output_content)
