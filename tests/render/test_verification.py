"""What verification showed, on the pages: each display case, a missing or unreadable report, escaping.

The small matrix (tests/fixtures/small) runs in two runtimes: `only` runs both its modes, `newer`
runs `eager` and emulates `compat`. Its report (tests/fixtures/small/verification.json) holds a
pass, a claimed failure with its exception, contradictions (an unexpected error whose message
holds markup, a failed setup, a timeout), an emulated pass, a stale record (another digest), a
record for an example the matrix no longer has, and no record at all for one item.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from generator.matrix.sweep import minor, sweep_runtimes
from generator.matrix.verification import REPORT_VERSION, Report
from generator.problems import Failure
from generator.project import Project
from generator.render.evidence import Shown, evidence
from generator.render.pages import render_pages
from generator.verify.items import items
from generator.website import build as website_build

from ..helpers import SMALL_REPORT, copy_project
from .site_markdown import to_html
from .small import small_evidence, small_matrix, small_report, small_sweep_evidence, small_sweep_report

HOSTILE = "bad <script>alert(1)</script> `tick` | pipe"


def tab(page: str, section: str, label: str) -> str:
    """The Markdown of one tab of one section of the compatibility page."""
    body = page[page.index(f"{{ #{section} }}") :]
    body = body[: body.index("\n### ")] if "\n### " in body else body
    start = body.index(f'=== "{label}"')
    end = body.find('\n=== "', start + 1)
    return body[start : end if end != -1 else len(body)]


def pages(report: Report | None, locale: str | None = None, sweep: Report | None = None) -> dict[str, str]:
    matrix = small_matrix()
    return render_pages(matrix, locale or matrix.default_locale, evidence(matrix, report, sweep))


@pytest.fixture(scope="module")
def compat() -> str:
    return pages(small_report())["compatibility.md"]


def test_the_report_holds_every_case():
    """The cases the tests below read, as the evidence classifies them."""
    shown = small_evidence()
    kinds = {item.id: shown.shown(item) for example in shown.examples for item in shown.items[example.id]}
    sweep = small_sweep_evidence()
    swept = {item.id: sweep.shown(item) for item in sweep.every}
    assert set(kinds.values()) | set(swept.values()) == set(Shown)
    stale = [
        record.id for record in small_report().records if record.id in kinds and kinds[record.id] is Shown.unverified
    ]
    assert stale, "a record made for other code reads as not verified yet"
    assert any(record.id not in kinds for record in small_report().records), "a record for no example"
    assert any(item_id not in small_report().by_id() for item_id in kinds), "an item without a record"


def test_a_pass_shows_its_versions(compat):
    shown_tab = tab(compat, "tiny-load", "TF1 compat")
    assert (
        '<span class="verdict verdict-passed" role="img" title="Works"></span> '
        "TensorFlow 2.15.1 · `tensorflow_hub` 0.15.0 · Keras 2.15.0 · Python 3.11.7<br>" in shown_tab
    )


def test_a_claimed_failure_shows_the_error_that_confirmed_it(compat):
    # Outside the claim's bounds (tensorflow_hub 0.16.1 >= 0.16.0) the snippet must fail, and did.
    shown_tab = tab(compat, "tiny-load", "TF1 compat")
    assert re.search(
        r'<span class="verdict verdict-failed" role="img" title="Fails, as stated"></span> TensorFlow 2\.21\.0 .*'
        r" — `AttributeError: module 'tensorflow_hub' has no attribute 'load'`<br>",
        shown_tab,
    )


def test_emulated_runs_say_so_and_link_the_explanation(compat):
    line = next(line for line in tab(compat, "tiny-load", "TF1 compat").splitlines() if "2.21.0" in line)
    assert "[emulated](modes.md#emulated)" in line and "title=\"Run with hub.load 'emulated' | piped\"" in line
    assert "## Emulated { #emulated }" in pages(small_report())["modes.md"]
    not_emulated = next(line for line in tab(compat, "tiny-load", "TF1 compat").splitlines() if "2.15.1" in line)
    assert "emulated" not in not_emulated


def test_a_contradiction_is_a_warning_with_its_reason(compat):
    shown_tab = tab(compat, "tiny-load", "TF2")
    warning = shown_tab[shown_tab.index('    !!! danger "Contradicted &quot;here&quot;"') :]
    assert re.match(
        r'    !!! danger "Contradicted &quot;here&quot;"\n\n        <span class="verdict verdict-contradicted" '
        r'role="img" title="Contradicts the page"></span> TensorFlow 2\.15\.1 .* — Expected to work, '
        r"but it raised ``ValueError: bad <script>alert\(1\)</script> `tick` \| pipe``\.",
        warning,
    )


@pytest.mark.parametrize(
    "section, label, reason",
    [
        ("tiny-create", "TF1 compat", "Setup failed: `NameError: name 'module' is not defined`."),
        ("tiny-create", "TF2", "It timed out."),
    ],
)
def test_each_kind_of_contradiction_has_its_reason(compat, section, label, reason):
    shown_tab = tab(compat, section, label)
    assert "!!! danger" in shown_tab
    assert reason in shown_tab.split("!!! danger", 1)[1]


def test_stale_and_missing_records_are_not_verified_yet(compat):
    shown_tab = tab(compat, "tiny-load", "TF2")
    unverified = [line for line in shown_tab.splitlines() if "verdict-unverified" in line]
    # hub.load[newer] has a record for another digest; hub.KerasLayer[newer] has none.
    assert len(unverified) == 2
    assert all(
        line.strip().endswith(
            "TensorFlow 2.21.0 · `tensorflow_hub` 0.16.1 · Keras 3.12.0 · Python 3.11.7 — Not verified yet<br>"
        )
        for line in unverified
    )


def test_the_date_is_shown_once_per_tab(compat):
    assert tab(compat, "tiny-load", "TF2").count("Verified on 2026-11-25") == 1
    assert "Verified between 2026-11-24 and 2026-11-25 · [All results](verification.md#tiny-create)" in tab(
        compat, "tiny-create", "TF1 compat"
    )


def test_each_example_links_its_script(compat):
    shown_tab = tab(compat, "tiny-load", "TF2")
    assert (
        ":material-download: [Download the script](scripts/tiny/load/eager/hub_load.py)"
        '{ download="tiny-load-eager-hub_load.py" }' in shown_tab
    )
    assert "(scripts/tiny/load/eager/hub_keraslayer.py)" in shown_tab


def test_a_counterexample_is_collapsed_with_its_verdicts(compat):
    shown_tab = tab(compat, "tiny-create", "TF2")
    block = shown_tab[shown_tab.index('    ??? failure "If you try &quot;anyway&quot;"') :]
    assert "\n        hub.create_module_spec(module_fn)\n" in block
    failed = '<span class="verdict verdict-failed" role="img" title="Fails, as stated"></span>'
    assert f"\n        {failed} TensorFlow 2.15.1" in block
    assert "`RuntimeError: hidden counterexample: eager execution is not supported`" in block
    assert "(scripts/tiny/create/eager/counterexample.py)" in block
    assert "\n        !!! danger" in block


def test_a_record_for_no_example_is_not_shown():
    current = {item.id for item in items(small_matrix())}
    gone = [record.id for record in small_report().records if record.id not in current]
    assert gone
    for locale in small_matrix().locales:
        text = "".join(pages(small_report(), locale).values())
        assert not any(record_id in text for record_id in gone)
        assert not any(record_id.split("/")[3].split("[")[0] in text for record_id in gone)


def test_the_verification_page_lists_every_item_and_the_runtimes():
    page = pages(small_report())["verification.md"]
    for item in items(small_matrix()):
        assert page.count(f"| `{item.id}` |") == 1, item.id
    assert "| `only` | `3.11.7` | `2.15.1` | `0.15.0` | `2.15.0` | — | TF1 compat, TF2 | — |" in page
    assert "| `newer` | `3.11.7` | `2.21.0` | `0.16.1` | `3.12.0` | `2.21.0` | TF2 | TF1 compat |" in page
    assert "Report of 2026-11-25." in page
    assert "Works: 7 · Fails: 3 · Unusable: 0 · Contradicted: 3 · Unverified: 4" in page


def test_durations_use_each_languages_decimal_separator():
    matrix = small_matrix()
    for locale in matrix.locales:
        separator = matrix.messages(locale)["verification.decimal_separator"]
        page = pages(small_report(), locale)["verification.md"]
        assert re.search(rf"\| 1{re.escape(separator)}25 \S+ \|", page), locale


def test_the_verification_page_row_of_each_case():
    page = pages(small_report())["verification.md"]

    def row(item_id: str) -> list[str]:
        line = next(line for line in page.splitlines() if line.startswith(f"| `{item_id}` |"))
        return [cell.strip() for cell in re.split(r"(?<!\\)\|(?=(?:[^`]*`[^`]*`)*[^`]*$)", line)[1:-1]]

    emulated = row("tiny/load/compat/hub.load[newer]")
    assert emulated[1] == "TF1 compat" and emulated[3:5] == ["fails", "raised an error"]
    # In a table cell the title's pipe would end the cell.
    assert emulated[2].startswith("`newer` · [emulated](modes.md#emulated)") and "'emulated' / piped" in emulated[2]
    assert emulated[5].endswith("Fails, as stated")
    assert emulated[6] == "`AttributeError: module 'tensorflow_hub' has no attribute 'load'`"
    assert emulated[7:9] == ["0.03 s", "`matrix/formats/tiny.yaml:23:9`"]
    assert emulated[9].startswith("[`hub_load.py`](scripts/tiny/load/compat/hub_load.py)")
    stale = row("tiny/load/eager/hub.load[newer]")
    assert stale[3:8] == ["works", "—", stale[5], "—", "—"] and stale[5].endswith("Not verified yet")
    assert row("tiny/create/eager/counterexample[newer]")[4] == "timed out"


def test_without_a_report_nothing_is_verified_yet():
    examples = len(small_evidence().examples)
    for locale in small_matrix().locales:
        shown = pages(None, locale)
        compat = shown["compatibility.md"] + shown["notes.md"]  # every page showing examples
        assert "verdict-passed" not in compat and "verdict-failed" not in compat and "!!! danger" not in compat
        assert "calendar-check" not in compat
        # One line per example: it, and its script.
        assert compat.count('<span class="verdict verdict-unverified" role="img" title="') == examples
        assert compat.count(":material-download:") == examples
        message = small_matrix().messages(locale)["verification.no_report"]
        assert message in shown["verification.md"]


@pytest.mark.parametrize(
    "broken",
    [
        "not json but text",
        "[]",
        json.dumps({"version": REPORT_VERSION + 1, "records": []}),
        json.dumps({"version": REPORT_VERSION, "records": "x"}),
        json.dumps(
            {"version": REPORT_VERSION, "runtimes": [], "records": [{"id": 1}, None, {"id": "x", "digest": "y"}]}
        ),
        b"\xff\xfe not text",
    ],
)
def test_an_unreadable_report_is_refused_as_an_unusable_input(tmp_path, broken):
    project = copy_project(tmp_path)
    data = broken if isinstance(broken, bytes) else broken.encode("utf-8")
    project.report.write_bytes(data)
    for read in (project.read_report, lambda: website_build.read_reports(project)):
        with pytest.raises(Failure, match="run make verify") as refused:
            read()
        assert refused.value.code == 2
        assert [problem.place.file for problem in refused.value.problems if problem.place] == [
            "matrix/verification.json"
        ]


def test_a_missing_report_reads_as_none(tmp_path):
    assert copy_project(tmp_path).read_report() is None


def test_one_malformed_record_refuses_the_whole_report(tmp_path):
    data = json.loads(SMALL_REPORT.read_text(encoding="utf-8"))
    data["records"][-1]["exception"] = "not a mapping"
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(Failure, match=r"records\.\d+\.exception"):
        Project(tmp_path).read_report(path)


def test_report_text_is_shown_as_text():
    """Exception messages come from TensorFlow: markup in them shows as text, in tabs and in tables."""
    for name in ("compatibility.md", "verification.md"):
        html = to_html(pages(small_report())[name])
        assert "<script>" not in html
        codes = [_text(code) for code in re.findall(r"<code>(.*?)</code>", html, re.DOTALL)]
        assert f"ValueError: {HOSTILE}" in codes, name


def test_hostile_report_values_cannot_break_a_table():
    hostile = small_report().model_dump(mode="json")
    hostile["runtimes"]["only"]["tensorflow"] = "2.15 | <b>x</b>"
    for record in hostile["records"]:
        if record["exception"]:
            record["exception"] = {"type": "Error|`x`", "message": "a `` b | c <i>d</i> \\ |"}
        record["versions"]["tensorflow"] = "2.15.1</td><script>"
    report = Report.model_validate(hostile)
    html = to_html(pages(report)["verification.md"])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    for table in re.findall(r"<table>(.*?)</table>", html, re.DOTALL):
        widths = {len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)}
        assert len(widths) == 1, widths
    assert "Error|`x`: a `` b | c <i>d</i> \\ |" in [_text(code) for code in re.findall(r"<code>(.*?)</code>", html)]
    compat = to_html(pages(report)["compatibility.md"])
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


def test_each_swept_example_shows_its_grid_of_releases():
    """Under an example the sweep ran: one row per TensorFlow minor and Keras, one column per
    tensorflow_hub release, each cell one element, its word drawn as an icon (works, fails as stated, cannot be
    imported, contradicts)."""
    page = pages(small_report(), sweep=small_sweep_report())["compatibility.md"]
    matrix = small_matrix()
    swept = sweep_runtimes(matrix.runtimes.model.sweep)
    hubs = list(dict.fromkeys(runtime.hub.version for runtime in swept))
    grids = re.findall(r'\?\?\? abstract releases "[^"]+"\n\n((?: {4,}.*\n?|\n)+)', page)
    assert len(grids) == 2, "the two swept examples have a grid; the others none"
    shown = small_sweep_evidence()
    for grid in grids:
        rows = [line.strip() for line in grid.splitlines() if "<tr>" in line]
        assert all(f"<code>{hub}</code>" in rows[0] for hub in hubs)
        body = rows[1:]
        labels = dict.fromkeys(f"{minor(runtime.tensorflow)} · Keras {runtime.keras}" for runtime in swept)
        assert [re.findall(r'<th scope="row">([^<]*)</th>', row) for row in body] == [[label] for label in labels]
        for row in body:
            assert row.count('<td class="verdict verdict-') == row.count("<td"), row
            spans = re.findall(r'<td class="verdict verdict-\w+"(?: colspan="(\d+)")?', row)
            assert sum(int(columns or 1) for columns in spans) == len(hubs), row
    kinds = {shown.shown(item) for item in shown.every if shown.record(item)}
    for kind in kinds:
        assert f'<td class="verdict verdict-{kind.value}"' in page, kind
    assert pages(small_report())["compatibility.md"].count("??? abstract") == 0, "no sweep report: no grid"


def test_the_verification_page_shows_the_whole_sweep_and_why_pairs_cannot_be_used():
    page = pages(small_report(), sweep=small_sweep_report())["verification.md"]
    section = page[page.index("{ #sweep }") :]
    date = small_sweep_report().date
    assert date and date in section
    causes = {found.cause.message for found in small_sweep_report().runtimes.values() if found.cause}
    assert causes and all(cause in section for cause in causes)
    unusable = [runtime for runtime, found in small_sweep_report().runtimes.items() if found.cause]
    assert all(f"`{runtime}`" in section for runtime in unusable)
    assert "{ #sweep }" in pages(small_report())["verification.md"], "without a report the section says so"
