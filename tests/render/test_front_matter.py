"""A page's front matter for MkDocs: its description, in the page's language, as the theme writes it
into `<meta name="description">` without escaping: escaped here, and read back by YAML unchanged."""

from __future__ import annotations

import yaml

from generator.matrix.pages import parse_page
from generator.render.page_content import render_page


class Said:
    """Messages that say what the page's texts say, in English."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts

    def plain(self, message_id: str) -> str:
        return self.texts[message_id]

    def markdown(self, message_id: str, *, table: bool = False) -> str:
        return self.texts[message_id]


def test_the_description_is_escaped_for_the_head_and_read_back_by_yaml() -> None:
    text = '---\ndescription: "Load <models> & call them: \\"sig\\"."\n---\n\n# Title {#title}\n'
    page, problems = parse_page("p", "matrix/pages/p.md", text)
    assert page is not None, problems
    markdown = render_page(page, Said({t.id: t.english for t in page.texts()}), lambda block: "")  # type: ignore[arg-type]
    front, _, body = markdown.removeprefix("---\n").partition("\n---\n")
    assert yaml.safe_load(front) == {"description": "Load &lt;models&gt; &amp; call them: &quot;sig&quot;."}
    assert body.lstrip().startswith("# Title")
