"""What every built site must hold, whatever its matrix says: checked on the real site and the small one.

Every language has every page; nothing is loaded from elsewhere; every local link and anchor
resolves; every example is shown whole in its language's compatibility page; every item has its
row on the Verification page; every script linked is there, valid Python, the same in every
language; the language selector keeps the page.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.matrix.documents import Matrix
from generator.matrix.locale_codes import language_tag
from generator.render.evidence import evidence
from generator.verify.items import items

from .page_text import html, page_dir, read_page

SITES = ["real", "small"]


@pytest.fixture(params=SITES)
def site(request) -> tuple[Path, Matrix]:
    """(project root with a built site/, its matrix)."""
    root = request.getfixturevalue(f"{request.param}_site")
    return root, request.getfixturevalue("real_matrix" if request.param == "real" else "small")


def test_every_language_has_every_page(site):
    root, matrix = site
    languages = sorted(path.name for path in (root / "site").iterdir() if path.is_dir())
    assert languages == sorted(matrix.locales)
    for locale in matrix.locales:
        for file in matrix.page_files:
            assert f'<html lang="{language_tag(locale)}"' in html(root, locale, file), f"{locale}/{file}"
    start = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert f"url={matrix.default_locale}/" in start
    for locale in matrix.locales:
        assert f'<a href="{locale}/" hreflang="{language_tag(locale)}" lang="{language_tag(locale)}">' in start


def test_no_third_party_resources(site):
    """Every script, style, font and image the site loads comes from the site itself."""
    root, _ = site
    built = root / "site"
    for path in built.rglob("*.html"):
        for resource in read_page(path.read_text(encoding="utf-8")).resources:
            assert not re.match(r"^(https?:)?//", resource), f"{path.relative_to(built)} loads {resource}"
    for path in built.rglob("*.css"):
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"""(url\(\s*['"]?|@import\s+['"]?)(https?:)?//""", css), path
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in built.rglob("*.html"))
    assert "fonts.googleapis" not in everything and "fonts.gstatic" not in everything


def test_every_local_link_and_anchor_resolves(site):
    root, _ = site
    built = (root / "site").resolve()
    ids: dict[Path, set[str]] = {}

    def anchors(target: Path) -> set[str]:
        if target not in ids:
            ids[target] = read_page(target.read_text(encoding="utf-8")).ids
        return ids[target]

    # 404.html is served at any address, so MkDocs writes its links from the server's root.
    for path in sorted(path for path in built.rglob("*.html") if path.name != "404.html"):
        page = read_page(path.read_text(encoding="utf-8"))
        for href in page.hrefs + page.resources:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:"):
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(built)} links {href}"
            assert target.is_file(), f"{where}: no such file"
            assert built in target.parents, f"{where}: outside the site"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in anchors(target), f"{where}: no such anchor"


def test_every_example_is_shown_whole_in_every_language(site):
    root, matrix = site
    examples = evidence(matrix, None).examples
    for locale in matrix.locales:
        blocks = {
            block.rstrip("\n")
            for page in matrix.page_files
            for block in read_page(html(root, locale, page)).code_blocks
        }
        missing = [example.id for example in examples if example.shown.text not in blocks]
        assert not missing, f"{locale}: not shown as a whole code block: {missing}"


def rows(page: str) -> dict[str, str]:
    """Each table row of the page, as the reader sees its text, keyed by the item id in its first cell."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL):
        first = re.match(r"\s*<td><code>(.*?)</code></td>", row)
        if first:
            found[read_page(first.group(1)).text] = read_page(row).text
    return found


def test_every_item_has_its_row_on_the_verification_page(site):
    root, matrix = site
    wanted = [item.id for item in items(matrix)]
    for locale in matrix.locales:
        shown = [key for key in rows(html(root, locale, "verification.md")) if key.endswith("]")]  # not runtimes
        assert sorted(shown) == sorted(wanted), locale


def linked_scripts(root: Path, locale: str, page: str) -> list[Path]:
    folder = root / "site" / locale / page_dir(page)
    return [
        (folder / unquote(urlsplit(href).path)).resolve()
        for href in read_page(html(root, locale, page)).hrefs
        if urlsplit(href).path.endswith(".py")
    ]


def test_every_example_links_its_script_the_same_in_every_language(site):
    """The same program in every language: only its opening comment is translated."""
    root, matrix = site
    examples = evidence(matrix, None).examples
    trees = []
    for locale in matrix.locales:
        language = (root / "site" / locale).resolve()
        # Each example's script is linked under it, wherever it is shown, and from the Verification page.
        shown = [
            script
            for page in matrix.page_files
            if page != "verification.md"
            for script in linked_scripts(root, locale, page)
        ]
        for where, scripts in (
            ("the pages", shown),
            ("verification.md", linked_scripts(root, locale, "verification.md")),
        ):
            assert len(set(scripts)) == len(examples), f"{locale}, {where}: one script per example"
            assert all(language in script.parents for script in scripts)
        tree = {
            path.relative_to(language).as_posix(): path.read_bytes() for path in (language / "scripts").rglob("*.py")
        }
        assert len(tree) == len(examples)
        for name, data in tree.items():
            ast.parse(data, f"{locale}/{name}")
        trees.append({name: code_of(data) for name, data in tree.items()})
    assert all(tree == trees[0] for tree in trees), "only a script's opening comment is in the page's language"


def code_of(script: bytes) -> bytes:
    """A script without its opening comment (the part in the page's language)."""
    return script.split(b"\n\n", 1)[1]


def test_the_language_selector_keeps_the_page(site):
    root, matrix = site
    for locale in matrix.locales:
        for file in matrix.page_files:
            folder = root / "site" / locale / page_dir(file)
            text = html(root, locale, file)
            for other in matrix.locales:
                links = re.findall(
                    rf'<a href="([^"]+)" hreflang="{language_tag(other)}"[^>]*class="md-select__link"', text
                )
                assert len(links) == 1, f"{locale}/{file}: no selector link to {other}"
                target = (folder / links[0]).resolve()
                assert target == (root / "site" / other / page_dir(file)).resolve()
                assert (target / "index.html").is_file()


def test_emulated_is_explained_where_it_is_linked(site):
    root, matrix = site
    for locale in matrix.locales:
        assert "emulated" in read_page(html(root, locale, "modes.md")).ids
        for page in ("compatibility.md", "verification.md"):
            for href in read_page(html(root, locale, page)).hrefs:
                if "#emulated" in href:
                    assert href == "../modes/#emulated"
