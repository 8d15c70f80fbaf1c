"""The real site, built strictly in both languages, holds the whole source page and works offline."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.matrix import markup

from .page_text import read_page

LOCALES = ("en", "ru")
TAB_LABELS = ["TF1", "TF1 compat", "TF2"]

# The source page's code and link targets (see FACTS.md): whatever the matrix says, every
# language of the site must still show all of them.
SOURCE_CODE = [
    "m = hub.Module(handle)\noutputs = m(inputs)",
    'm = hub.load(handle)\noutputs = m.signatures["sig"](inputs)',
    'm = hub.KerasLayer(handle, signature="sig")\noutputs = m(inputs)',
    'm = hub.Module(handle,\n               trainable=True,\n               tags=["train"]*is_training)\noutputs = m(inputs)',
    "m = hub.load(handle)\noutputs = m(inputs)",
    "m = hub.KerasLayer(handle)\noutputs = m(inputs)",
    "m = hub.load(handle)\noutputs = m(inputs, training=is_training)",
    "m = hub.KerasLayer(handle, trainable=True)\noutputs = m(inputs)",
    "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()",
]
SOURCE_LINKS = [
    "https://www.tensorflow.org/hub/tf1_hub_module#using_a_module",
    "https://www.tensorflow.org/hub/tf1_hub_module#for_consumers",
    "https://www.tensorflow.org/hub/tf1_hub_module#general_approach",
    "https://www.tensorflow.org/hub/tf2_saved_model#using_savedmodels_from_tf_hub",
    "https://www.tensorflow.org/hub/tf2_saved_model#for_savedmodel_consumers",
    "https://www.tensorflow.org/hub/tf2_saved_model#creating_savedmodels_for_tf_hub",
    "https://www.tensorflow.org/guide/migrate",
    "https://www.tensorflow.org/guide/migrate#using_a_custom_model_fn",
    "https://www.tensorflow.org/api_docs/python/tf/saved_model/save",
    "https://www.tensorflow.org/hub/api_docs/python/hub/Module",
    "https://www.tensorflow.org/hub/api_docs/python/hub/load",
    "https://www.tensorflow.org/hub/api_docs/python/hub/KerasLayer",
]


def page(built: Path, locale: str, name: str = "compatibility"):
    path = built / "site" / locale / (f"{name}/index.html" if name else "index.html")
    return read_page(path.read_text(encoding="utf-8"))


def said(text: str) -> str:
    """A catalog message as a reader sees it: markup gone, whitespace collapsed."""
    return " ".join("".join(p.text for p in markup.flat(text) if p.kind in ("text", "code")).split())


@pytest.mark.parametrize("locale", LOCALES)
def test_source_page_code_is_shown(built, locale):
    blocks = page(built, locale).code_blocks
    for code in SOURCE_CODE:
        assert any(code in block for block in blocks), f"{locale}: missing {code!r}"


@pytest.mark.parametrize("locale", LOCALES)
def test_source_page_links_are_kept(built, locale):
    hrefs = set(page(built, locale).hrefs) | set(page(built, locale, "modes").hrefs)
    for url in SOURCE_LINKS:
        assert url in hrefs, f"{locale}: no link to {url}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_snippet_appears_in_the_tab_of_each_mode(built, matrix, locale):
    blocks = page(built, locale).code_blocks
    for fmt in matrix.ordered_formats():
        for operation in matrix.operations.model.operations:
            for mode in matrix.modes.model.modes:
                for snippet in matrix.cell(fmt, operation.id, mode.id).snippets:
                    shown = f"{mode.prelude.rstrip()}\n\n{snippet.code.rstrip()}\n"
                    assert shown in blocks, f"{locale}: {fmt.id}/{operation.id}/{mode.id}/{snippet.label}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_cell_is_in_its_table(built, matrix, locale):
    html = (built / "site" / locale / "compatibility" / "index.html").read_text(encoding="utf-8")
    messages = matrix.messages(locale)
    for fmt in matrix.ordered_formats():
        section = html[html.index(f'<h2 id="{fmt.id}"'):]
        table = section[: section.index("</table>")]
        rows = [read_page(row).text for row in table.split("<tr>")[2:]]
        assert len(rows) == len(matrix.operations.model.operations)
        for row, operation in zip(rows, matrix.operations.model.operations):
            assert row.startswith(said(messages[operation.name]))
            for column in fmt.columns:
                cell = matrix.column_cell(fmt, operation.id, column.id)
                assert said(messages[f"status.{cell.claim.status.value}"]) in row
                if cell.text:
                    assert said(messages[cell.text]) in row
                if cell.guide:
                    assert said(messages[cell.guide.text]) in row


@pytest.mark.parametrize("locale", LOCALES)
def test_notes_and_texts_are_shown(built, matrix, locale):
    text = page(built, locale).text
    messages = matrix.messages(locale)
    for fmt in matrix.ordered_formats():
        for cell in fmt.cells:
            for note in cell.notes:
                assert said(messages[note]) in text, f"{locale}: note {note}"
        assert said(messages[fmt.summary]) in text
        if fmt.table_note:
            assert said(messages[fmt.table_note]) in text


@pytest.mark.parametrize("locale", LOCALES)
def test_footnote_is_linked_from_both_tables(built, matrix, locale):
    html = (built / "site" / locale / "compatibility" / "index.html").read_text(encoding="utf-8")
    shown = page(built, locale)
    assert "fn:1" in shown.ids
    assert html.count('href="#fn:1"') == 2
    assert said(matrix.messages(locale)["footnote.compat_mode"]) in shown.text


@pytest.mark.parametrize("locale", LOCALES)
def test_tabs_have_the_same_labels_in_every_language(built, matrix, locale):
    html = (built / "site" / locale / "compatibility" / "index.html").read_text(encoding="utf-8")
    labels = [label for block in re.findall(r'<div class="tabbed-labels">(.*?)</div>', html)
              for label in re.findall(r"<label[^>]*>([^<]*)</label>", block)]
    sections = len(matrix.ordered_formats()) * len(matrix.operations.model.operations)
    assert labels == TAB_LABELS * sections


@pytest.mark.parametrize("locale", LOCALES)
def test_interface_is_in_the_page_language(built, locale):
    html = (built / "site" / locale / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{locale}"' in html
    placeholder = {"en": "Search", "ru": "Поиск"}[locale]
    assert f'placeholder="{placeholder}"' in html


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", ["", "compatibility", "modes"])
def test_language_selector_keeps_the_page(built, locale, name):
    folder = built / "site" / locale / name
    html = (folder / "index.html").read_text(encoding="utf-8")
    for other in LOCALES:
        links = re.findall(rf'<a href="([^"]+)" hreflang="{other}"[^>]*class="md-select__link"', html)
        assert len(links) == 1, f"no selector link to {other}"
        target = (folder / links[0]).resolve()
        assert target == (built / "site" / other / name).resolve()
        assert (target / "index.html").exists()


def test_russian_slugs_keep_cyrillic(built):
    assert "как-определить-свой-режим" in page(built, "ru", "").ids


def test_root_page_lists_every_language(built):
    html = (built / "site" / "index.html").read_text(encoding="utf-8")
    assert 'url=en/' in html
    for locale, name in (("en", "English"), ("ru", "Русский")):
        assert f'<a href="{locale}/" hreflang="{locale}" lang="{locale}">{name}</a>' in html


def test_no_third_party_resources(built):
    """Every script, style, font and image the site loads comes from the site itself."""
    site = built / "site"
    for path in site.rglob("*.html"):
        for resource in read_page(path.read_text(encoding="utf-8")).resources:
            assert not re.match(r"^(https?:)?//", resource), f"{path.relative_to(site)} loads {resource}"
    for path in site.rglob("*.css"):
        css = path.read_text(encoding="utf-8")
        assert not re.search(r"""(url\(\s*['"]?|@import\s+['"]?)(https?:)?//""", css), path
    everything = "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*.html"))
    assert "fonts.googleapis" not in everything and "fonts.gstatic" not in everything


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js runs the site's search worker")
def test_russian_search_finds_words_by_stem_and_only_russian_pages(built):
    site = built / "site" / "ru"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["ru"]
    run = subprocess.run(["node", str(Path(__file__).with_name("search.js")), str(site), "модели", "Supported"],
                         capture_output=True, text=True, timeout=60, check=True)
    results = [json.loads(line) for line in run.stdout.splitlines()]
    docs = {doc["location"]: (doc["title"] + " " + doc["text"]).lower() for doc in index["docs"]}
    hits = results[0]["locations"]
    assert hits, "no result for 'модели'"
    # At least one page is found only through the stem: it says "модель", never "модели".
    assert any("модель" in docs[hit] and "модели" not in docs[hit] for hit in hits)
    assert results[1]["locations"] == [], "an English word found a page in the Russian search"
    english = json.loads((built / "site" / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not {doc["text"] for doc in english["docs"] if doc["text"]} & {doc["text"] for doc in index["docs"]}
