"""The built site shows the committed report: every item on each language's Verification page, and
every script it links to, the same file in every language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.verify.items import items

from .page_text import read_page

LOCALES = ("en", "ru")
ROOT = Path(__file__).resolve().parents[2]


def html(built: Path, locale: str, name: str) -> str:
    return (built / "site" / locale / name / "index.html").read_text(encoding="utf-8")


def linked_scripts(built: Path, locale: str, name: str) -> list[Path]:
    folder = built / "site" / locale / name
    return [(folder / unquote(urlsplit(href).path)).resolve() for href in read_page(html(built, locale, name)).hrefs
            if urlsplit(href).path.endswith(".py")]


def rows(page: str) -> dict[str, str]:
    """Each table row of the page, as the reader sees its text, keyed by the item id in its first cell."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.DOTALL):
        first = re.match(r"\s*<td><code>(.*?)</code></td>", row)
        if first:
            found[read_page(first.group(1)).text] = read_page(row).text
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_every_reported_item_is_on_the_verification_page(built, matrix, locale):
    report = json.loads((built / "matrix" / "verification.json").read_text(encoding="utf-8"))
    shown = rows(html(built, locale, "verification"))
    wanted = {item.id: item for item in items(matrix)}
    # Every item of the matrix has its row; so has every record of the report made for one of them
    # (a record for an item the matrix no longer has is stale: test_report_matches_matrix says so).
    assert set(wanted) <= set(shown)
    for record in report["items"]:
        if record["id"] in wanted:
            assert record["id"] in shown, f"{locale}: {record['id']} is not on the Verification page"
            if record["digest"] == wanted[record["id"]].digest and record.get("exception"):
                assert record["exception"]["type"] in shown[record["id"]]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", ["verification", "compatibility"])
def test_every_linked_script_exists(built, matrix, locale, name):
    scripts = linked_scripts(built, locale, name)
    assert scripts, f"{locale}/{name}: no script is linked"
    site = (built / "site" / locale).resolve()
    for script in scripts:
        assert script.is_file(), f"{locale}/{name} links {script}, which the site does not have"
        assert site in script.parents
    if name == "compatibility":
        examples = {(item.format, item.operation, item.mode, item.label) for item in items(matrix)}
        assert len(set(scripts)) == len(examples)


def test_scripts_are_the_same_in_every_language(built):
    trees = [{path.relative_to(built / "site" / locale).as_posix(): path.read_bytes()
              for path in (built / "site" / locale / "scripts").rglob("*.py")} for locale in LOCALES]
    assert trees[0] and all(tree == trees[0] for tree in trees)


@pytest.mark.parametrize("locale", LOCALES)
def test_emulated_is_explained_on_the_modes_page(built, locale):
    assert "emulated" in read_page(html(built, locale, "modes")).ids
    for name in ("compatibility", "verification"):
        for href in read_page(html(built, locale, name)).hrefs:
            if "#emulated" in href:
                assert href == "../modes/#emulated"
