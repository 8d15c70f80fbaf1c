"""What verification showed, on the pages: each display case, a missing or unreadable report, escaping.

The small matrix (tests/fixtures/small) runs in two runtimes: `only` runs both its modes, `newer`
runs `eager` and emulates `compat`. Its report (tests/fixtures/small/verification.json) holds a
pass, a claimed failure with its exception, contradictions (an unexpected error whose message
holds markup, a failed setup, a timeout), an emulated pass, a stale record (another digest), a
record for an example the matrix no longer has, and no record at all for one item.
"""

from __future__ import annotations

import copy
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.verify.report import REPORT_VERSION

from generator.matrix.load import load_matrix
from generator.render.pages import message_use, render_pages
from generator.render.verification import NO_REPORT, Shown, read, shown
from generator.verify.items import items

from .site_markdown import to_html

SMALL = Path(__file__).parent.parent / "fixtures" / "small"
HOSTILE = "bad <script>alert(1)</script> `tick` | pipe"


@pytest.fixture(scope="module")
def matrix():
    return load_matrix(SMALL / "matrix", SMALL, message_use())


@pytest.fixture(scope="module")
def report():
    return json.loads((SMALL / "verification.json").read_text(encoding="utf-8"))


def tab(page: str, section: str, label: str) -> str:
    """The Markdown of one tab of one section of the compatibility page."""
    body = page[page.index(f"{{ #{section} }}"):]
    body = body[: body.index("\n### ")] if "\n### " in body else body
    start = body.index(f'=== "{label}"')
    end = body.find('\n=== "', start + 1)
    return body[start: end if end != -1 else len(body)]


@pytest.fixture(scope="module")
def compat(matrix, report):
    return render_pages(matrix, "en", report)["compatibility.md"]


def test_a_pass_shows_its_versions(compat):
    shown_tab = tab(compat, "tiny-load", "TF1 compat")
    assert ':material-check:{ .verdict .verdict-passed title="Works" } TensorFlow 2.15.1 · `tensorflow_hub` 0.15.0 · ' \
           "Python 3.11.7<br>" in shown_tab


def test_a_claimed_failure_shows_the_error_that_confirmed_it(compat):
    # Outside the claim's bounds (tensorflow_hub 0.16.1 >= 0.16.0) the snippet must fail, and did.
    shown_tab = tab(compat, "tiny-load", "TF1 compat")
    assert re.search(r':material-close:\{ \.verdict \.verdict-failed title="Fails, as stated" \} TensorFlow 2\.21\.0 .*'
                     r" — `AttributeError: module 'tensorflow_hub' has no attribute 'load'`<br>", shown_tab)


def test_emulated_runs_say_so_and_link_the_explanation(compat, matrix, report):
    line = next(line for line in tab(compat, "tiny-load", "TF1 compat").splitlines() if "2.21.0" in line)
    assert "[emulated](modes.md#emulated \"Run with hub.load 'emulated' | piped\")" in line
    assert "## Emulated { #emulated }" in render_pages(matrix, "en", report)["modes.md"]
    not_emulated = next(line for line in tab(compat, "tiny-load", "TF1 compat").splitlines() if "2.15.1" in line)
    assert "emulated" not in not_emulated


def test_a_contradiction_is_a_warning_with_its_reason(compat):
    shown_tab = tab(compat, "tiny-load", "TF2")
    warning = shown_tab[shown_tab.index('    !!! danger "Contradicted &quot;here&quot;"'):]
    assert re.match(r'    !!! danger "Contradicted &quot;here&quot;"\n\n        :material-alert:\{ \.verdict '
                    r'\.verdict-contradicted title="Contradicts the page" \} TensorFlow 2\.15\.1 .* — Expected to work, '
                    r"but it raised ``ValueError: bad <script>alert\(1\)</script> `tick` \| pipe``\.", warning)


@pytest.mark.parametrize("section, label, reason", [
    ("tiny-create", "TF1 compat", "Setup failed: `NameError: name 'module' is not defined`."),
    ("tiny-create", "TF2", "It timed out."),
])
def test_each_kind_of_contradiction_has_its_reason(compat, section, label, reason):
    shown_tab = tab(compat, section, label)
    assert "!!! danger" in shown_tab
    assert reason in shown_tab.split("!!! danger", 1)[1]


def test_stale_and_missing_records_are_not_verified_yet(compat):
    shown_tab = tab(compat, "tiny-load", "TF2")
    unverified = [line for line in shown_tab.splitlines() if "verdict-unverified" in line]
    # hub.load[newer] has a record for another digest; hub.KerasLayer[newer] has none.
    assert len(unverified) == 2
    assert all(line.strip().endswith("TensorFlow 2.21.0 · `tensorflow_hub` 0.16.1 · Python 3.11.7 — Not verified yet<br>")
               for line in unverified)


def test_the_date_is_shown_once_per_tab(compat):
    assert tab(compat, "tiny-load", "TF2").count("Verified on 2026-11-25") == 1
    assert "Verified between 2026-11-24 and 2026-11-25 · [All results](verification.md#tiny-create)" in \
        tab(compat, "tiny-create", "TF1 compat")


def test_each_example_links_its_script(compat):
    shown_tab = tab(compat, "tiny-load", "TF2")
    assert ':material-download: [Download the script](scripts/tiny/load/eager/hub_load.py)' \
           '{ download="tiny-load-eager-hub_load.py" }' in shown_tab
    assert "(scripts/tiny/load/eager/hub_keraslayer.py)" in shown_tab


def test_a_counterexample_is_collapsed_with_its_verdicts(compat):
    shown_tab = tab(compat, "tiny-create", "TF2")
    block = shown_tab[shown_tab.index('    ??? failure "If you try &quot;anyway&quot;"'):]
    assert "\n        hub.create_module_spec(module_fn)\n" in block
    assert "\n        :material-close:{ .verdict .verdict-failed title=\"Fails, as stated\" } TensorFlow 2.15.1" in block
    assert "`RuntimeError: hidden counterexample: eager execution is not supported`" in block
    assert "(scripts/tiny/create/eager/counterexample.py)" in block
    assert "\n        !!! danger" in block


def test_a_record_for_no_example_is_not_shown(matrix, report):
    assert any(record["id"] == "tiny/load/compat/hub.gone[only]" for record in report["items"])
    for locale in matrix.locales:
        assert "hub.gone" not in "".join(render_pages(matrix, locale, report).values())


def test_the_verification_page_lists_every_item_and_the_runtimes(matrix, report):
    page = render_pages(matrix, "en", report)["verification.md"]
    for item in items(matrix):
        assert page.count(f"| `{item.id}` |") == 1, item.id
    assert "| `only` | `3.11.7` | `2.15.1` | `0.15.0` | — | TF1 compat, TF2 | — |" in page
    assert "| `newer` | `3.11.7` | `2.21.0` | `0.16.1` | `2.21.0` | TF2 | TF1 compat |" in page
    assert "Report of 2026-11-25." in page
    assert "Works: 3 · Fails: 2 · Contradicted: 3 · Unverified: 2" in page
    assert "| 1,25 с |" in render_pages(matrix, "ru", report)["verification.md"]


def test_the_verification_page_row_of_each_case(matrix, report):
    page = render_pages(matrix, "en", report)["verification.md"]

    def row(item_id: str) -> list[str]:
        line = next(line for line in page.splitlines() if line.startswith(f"| `{item_id}` |"))
        return [cell.strip() for cell in re.split(r"(?<!\\)\|(?=(?:[^`]*`[^`]*`)*[^`]*$)", line)[1:-1]]

    emulated = row("tiny/load/compat/hub.load[newer]")
    assert emulated[1:5] == ["TF1 compat", "`newer` · [emulated](modes.md#emulated \"Run with hub.load 'emulated' / "
                             "piped\")", "fails", "raised an error"]
    assert emulated[5].endswith("Fails, as stated")
    assert emulated[6] == "`AttributeError: module 'tensorflow_hub' has no attribute 'load'`"
    assert emulated[7:9] == ["0.03 s", "`matrix/formats/tiny.yaml:23:9`"]
    assert emulated[9].startswith("[`hub_load.py`](scripts/tiny/load/compat/hub_load.py)")
    stale = row("tiny/load/eager/hub.load[newer]")
    assert stale[3:8] == ["works", "—", stale[5], "—", "—"] and stale[5].endswith("Not verified yet")
    assert row("tiny/create/eager/counterexample[newer]")[4] == "timed out"


def test_without_a_report_nothing_is_verified_yet(matrix):
    for locale in matrix.locales:
        pages = render_pages(matrix, locale, None)
        compat = pages["compatibility.md"]
        assert "verdict-passed" not in compat and "verdict-failed" not in compat and "!!! danger" not in compat
        assert "Verified on" not in compat and "Verified between" not in compat
        # One line per example: it, and its script.
        assert compat.count('title="Not verified yet" } Not verified yet<br>') == 5
        assert compat.count(":material-download:") == 5
        assert "No report yet." in pages["verification.md"]
        assert "Works:" not in pages["verification.md"]


@pytest.mark.parametrize("broken", [
    "not json but text", [], {"version": REPORT_VERSION + 1, "items": []}, {"version": REPORT_VERSION, "items": "x"},
    {"version": REPORT_VERSION, "runtimes": [], "items": [{"id": 1}, None, {"id": "x", "digest": "y"}]},
])
def test_an_unreadable_report_reads_as_none(matrix, broken):
    assert render_pages(matrix, "en", broken) == render_pages(matrix, "en", None)


def test_malformed_records_are_left_out(matrix, report):
    bad = copy.deepcopy(report)
    for record in bad["items"]:
        record["exception"] = "not a mapping"
    assert read(bad).records == {}
    assert read(None) is NO_REPORT
    assert shown(None) is Shown.unverified


def test_report_text_is_shown_as_text(matrix, report):
    """Exception messages come from TensorFlow: markup in them shows as text, in tabs and in tables."""
    for name in ("compatibility.md", "verification.md"):
        html = to_html(render_pages(matrix, "en", report)[name])
        assert "<script>" not in html
        codes = [_text(code) for code in re.findall(r"<code>(.*?)</code>", html, re.DOTALL)]
        assert f"ValueError: {HOSTILE}" in codes, name


def test_hostile_report_values_cannot_break_a_table(matrix, report):
    hostile = copy.deepcopy(report)
    hostile["runtimes"]["only"]["tensorflow"] = "2.15 | <b>x</b>"
    for record in hostile["items"]:
        if record["exception"]:
            record["exception"] = {"type": "Error|`x`", "message": "a `` b | c <i>d</i> \\ |"}
        record["versions"]["tensorflow"] = "2.15.1</td><script>"
    html = to_html(render_pages(matrix, "en", hostile)["verification.md"])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    for table in re.findall(r"<table>(.*?)</table>", html, re.DOTALL):
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)}
        assert len(widths) == 1, widths
    assert "Error|`x`: a `` b | c <i>d</i> \\ |" in [_text(code) for code in re.findall(r"<code>(.*?)</code>", html)]
    compat = to_html(render_pages(matrix, "en", hostile)["compatibility.md"])
    assert "<script>" not in compat and "<i>" not in compat
    assert "TensorFlow 2.15.1tdscript" in compat  # a version keeps only what versions are made of


def _text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment)
    return "".join(parser.parts)


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)
