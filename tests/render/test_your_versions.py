"""The data of the home page's "Your versions": on a tiny report made here, on the small matrix, each
way a runtime and an example can show; on the real matrix and its sweep report, agreement with the
report's records, read here on their own, and the bytes it adds to the home page."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from generator.matrix.examples import COUNTEREXAMPLE, Example, examples
from generator.matrix.sweep import sweep_runtimes
from generator.matrix.verification import (
    REPORT_VERSION,
    Expected,
    Outcome,
    RaisedException,
    Record,
    Report,
    RuntimeStatus,
    RuntimeVersions,
)
from generator.project import Project
from generator.render.evidence import evidence
from generator.render.messages import Messages
from generator.render.pages import messages
from generator.render.your_versions import ERROR_LENGTH, SCRIPT, script_json, versions_data
from generator.verify.items import Item, items_of
from generator.verify.judge import not_applicable
from generator.website.build import ASSETS
from generator.website.check import check

from ..helpers import REPO
from .small import small_matrix

BUDGET = 30 * 1024  # gzip bytes the part may add to the home page
CSS_BLOCK = '/* The home page\'s "Your versions"'
DATE = "2026-12-04"

# The small matrix's sweep: TensorFlow 2.15.1 and 2.16.2, tensorflow_hub 0.15.0 and 0.16.1.
FULL = "tf2_15_hub0_15_0"  # usable: one record of each kind
BROKEN = "tf2_16_hub0_15_0"  # cannot be imported
PARTLY = "tf2_15_hub0_16_1"  # usable, records for some examples only, one of them stale
UNSWEPT = "tf2_16_hub0_16_1"  # not in the report at all


def record(item: Item, observed: Outcome, *, exception: RaisedException | None = None, **fields) -> Record:
    values = {
        "id": item.id,
        "section": item.example.section.id,
        "mode": item.example.mode,
        "runtime": item.runtime,
        "label": item.example.label,
        "expected": Expected.failed if item.example.counterexample else Expected.passed,
        "observed": observed,
        "confirmed": True,
        "emulated": item.emulated,
        "exception": exception,
        "date": DATE,
        "digest": "0" * 16,
        "runs_digest": item.runs_digest,
        "source": "matrix/formats/tiny.yaml:1:1",
        "claim": "matrix/formats/tiny.yaml:1:1",
    }
    return Record(**(values | fields))


def raised(type_: str, message: str) -> RaisedException:
    return RaisedException(type=type_, message=message)


LONG = "x" * (ERROR_LENGTH * 2)


@pytest.fixture(scope="module")
def tiny() -> tuple[dict, list[Example], dict[str, Item]]:
    """The small matrix's data from a report written here, with its examples (the cells', in order)
    and its items by id."""
    matrix = small_matrix()
    found = [example for example in examples(matrix) if not example.section.page]
    swept = sweep_runtimes(matrix.runtimes.model.sweep)
    every = {item.id: item for item in items_of(tuple(found), tuple(runtime.runtime for runtime in swept))}
    at = {(item.example.id, item.runtime): item for item in every.values()}
    load_compat, load_eager, keras_layer, create_compat, counterexample = found
    records = [
        record(at[load_compat.id, FULL], Outcome.passed),
        record(at[load_eager.id, FULL], Outcome.failed, exception=raised("ValueError", "first line\nsecond line")),
        record(at[keras_layer.id, FULL], Outcome.failed, exception=raised("TypeError", LONG), confirmed=False),
        record(at[create_compat.id, FULL], Outcome.timeout, confirmed=False),
        record(at[counterexample.id, FULL], Outcome.passed, confirmed=False),
        *(
            record(
                at[example.id, BROKEN],
                Outcome.failed,
                phase="import",
                exception=raised("ImportError", "cannot import name 'estimator'\nmore"),
                expected=Expected.failed,
            )
            for example in found
        ),
        record(at[load_compat.id, PARTLY], Outcome.passed),
        record(at[load_eager.id, PARTLY], Outcome.passed, runs_digest="f" * 16),
    ]
    cause = RaisedException(type="ImportError", message="cannot import name 'estimator'\nmore")
    report = Report(
        version=REPORT_VERSION,
        date=DATE,
        runtimes={
            FULL: RuntimeVersions(tensorflow="2.15.1", tensorflow_hub="0.15.0"),
            BROKEN: RuntimeVersions(
                tensorflow="2.16.2", tensorflow_hub="0.15.0", status=RuntimeStatus.unimportable, cause=cause
            ),
            PARTLY: RuntimeVersions(tensorflow="2.15.1", tensorflow_hub="0.16.1"),
        },
        records=tuple(records),
    )
    data = versions_data(matrix, evidence(matrix, None, report), messages(matrix, matrix.default_locale))
    return data, found, every


def runtime(data: dict, runtime_id: str) -> dict:
    return next(row for row in data["runtimes"] if row["id"] == runtime_id)


def test_the_releases_are_the_sweeps(tiny):
    data, _, _ = tiny
    assert data["tensorflow"] == ["2.15.1", "2.16.2"]
    assert data["hub"] == ["0.15.0", "0.16.1"]
    assert {row["id"] for row in data["runtimes"]} == {FULL, BROKEN, PARTLY, UNSWEPT}
    assert [(row["t"], row["h"], row["k"]) for row in data["runtimes"]] == [
        (0, 0, "2"),
        (0, 1, "2"),
        (1, 0, "3"),
        (1, 1, "3"),
    ]


def test_each_example_shows_what_was_observed_whatever_its_claim(tiny):
    data, found, _ = tiny
    row = runtime(data, FULL)
    # passed; failed; failed though the claim said otherwise; timed out (nothing learnt); a
    # counterexample that ran without an error
    assert row["r"] == "pff?p"
    assert [data["errors"][index] for index in row["e"]] == [
        "ValueError: first line",
        f"TypeError: {LONG}"[: ERROR_LENGTH - 1] + "…",
    ]
    assert row["s"] == "ok" and row["c"] == -1


def test_a_cell_works_where_one_of_its_examples_ran(tiny):
    data, found, _ = tiny
    assert [example[1] for example in data["examples"][:4]] == [example.label for example in found[:4]]
    assert found[4].label == COUNTEREXAMPLE
    assert data["examples"][4][1] == messages(small_matrix(), "en").plain("versions.counterexample")
    assert [example[2] for example in data["examples"]] == [1, 1, 1, 1, 0]
    cells = [cell[3] for cell in data["cells"]]
    assert [cells[example[0]] for example in data["examples"]] == [
        "tiny-load-tf1-compat",
        "tiny-load-tf2",
        "tiny-load-tf2",
        "tiny-create-tf1-compat",
        "tiny-create-tf2",
    ]
    # load/compat passed; load/eager one passed, one failed; create/compat timed out; create/eager's
    # counterexample ran without an error
    assert dict(zip(cells, runtime(data, FULL)["v"], strict=True)) == {
        "tiny-load-tf1-compat": "w",
        "tiny-load-tf2": "f",
        "tiny-create-tf1-compat": "?",
        "tiny-create-tf2": "w",
    }


def test_a_pair_that_cannot_be_imported_says_why_in_one_line(tiny):
    data, found, _ = tiny
    row = runtime(data, BROKEN)
    assert row["s"] == "i"
    assert data["errors"][row["c"]] == "ImportError: cannot import name 'estimator'"
    assert row["r"] == "u" * len(found)
    assert row["v"] == "i" * len(data["cells"])


def test_a_stale_record_and_a_missing_one_are_not_verified(tiny):
    data, found, _ = tiny
    partly = runtime(data, PARTLY)
    assert partly["r"] == "p" + "?" * (len(found) - 1)
    unswept = runtime(data, UNSWEPT)
    assert unswept["s"] == "?" and set(unswept["r"]) == {"?"} and set(unswept["v"]) == {"?"}


def test_every_message_the_script_says_travels_as_pieces(tiny):
    data, _, _ = tiny
    assert set(data["messages"]) == set(SCRIPT)
    kinds = {kind for pieces in data["messages"].values() for kind, _ in pieces}
    assert kinds <= {"t", "c", "s"}
    assert ["c", "tensorflow_hub"] in data["messages"]["unimportable"]
    assert ["s", "error"] in data["messages"]["unimportable"]


def test_no_text_can_end_the_script_element():
    text = script_json({"messages": {"x": [["t", "</script><script>alert(1)</script> & <!--"]]}})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["messages"]["x"][0][1] == "</script><script>alert(1)</script> & <!--"


def test_no_sweep_report_leaves_every_runtime_not_verified():
    matrix = small_matrix()
    data = versions_data(matrix, evidence(matrix, None, None), Messages(matrix.messages("en"), matrix.urls))
    assert data["errors"] == []
    assert all(row["s"] == "?" and set(row["r"]) == {"?"} for row in data["runtimes"])


# --- the real matrix and its sweep report -------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> tuple[dict, Report, list[Example], dict[str, Item]]:
    project = Project(REPO)
    matrix = check(project)
    report = project.read_sweep_report()
    assert report is not None
    data = versions_data(matrix, evidence(matrix, None, report), messages(matrix, matrix.default_locale))
    found = [example for example in examples(matrix) if not example.section.page]
    swept = tuple(runtime.runtime for runtime in sweep_runtimes(matrix.runtimes.model.sweep))
    return data, report, found, {item.id: item for item in items_of(tuple(found), swept)}


def test_the_real_data_agrees_with_the_sweep_report(real):
    """Each example's character is what its record observed, read here from the report's records
    made for the example's code as it is now, and nothing where there is none."""
    data, report, found, items = real
    records = {record.id: record for record in report.records}
    for row in data["runtimes"]:
        failures = iter(row["e"])
        for example, result in zip(found, row["r"], strict=True):
            item = items[f"{example.id}[{row['id']}]"]
            seen = records.get(item.id)
            if seen is None or seen.runs_digest != item.runs_digest or not_applicable(seen.phase, seen.exception):
                assert result == "?", item.id
            elif seen.phase in ("install", "import"):
                assert result == "u", item.id
            elif seen.observed is Outcome.passed:
                assert result == "p", item.id
            elif seen.observed is Outcome.failed:
                assert result == "f", item.id
                index = next(failures)
                assert (data["errors"][index] if index >= 0 else None) == (
                    _first_line(seen.exception) if seen.exception else None
                ), item.id
            else:
                assert result == "?", item.id
        known = report.runtimes.get(row["id"])
        if known is not None and known.status is RuntimeStatus.unimportable:
            assert row["s"] == "i" and set(row["v"]) == {"i"}, row["id"]
            assert known.cause is not None
            assert data["errors"][row["c"]] == _first_line(known.cause), row["id"]
        if known is None:
            assert set(row["r"]) == {"?"}, row["id"]


def _first_line(exception: RaisedException) -> str:
    cause = exception.cause
    lines = cause.message.strip().splitlines()
    text = f"{cause.type}: {lines[0].strip()}" if lines else cause.type
    return text if len(text) <= ERROR_LENGTH else text[: ERROR_LENGTH - 1].rstrip() + "…"


def test_every_swept_runtime_is_answered_for_every_cell(real):
    data, _, _, _ = real
    matrix = check(Project(REPO))
    swept = sweep_runtimes(matrix.runtimes.model.sweep)
    assert [row["id"] for row in data["runtimes"]] == [runtime.runtime.id for runtime in swept]
    cells = len(matrix.formats) * len(matrix.operations.model.operations) * len(matrix.modes.model.modes)
    assert len(data["cells"]) == cells
    assert all(len(row["v"]) == cells for row in data["runtimes"])


def test_the_part_adds_less_than_its_budget_to_the_home_page():
    """The embedded data of the largest language, the script and the part's CSS, each gzipped."""
    matrix = check(Project(REPO))
    report = Project(REPO).read_sweep_report()
    shown = evidence(matrix, None, report)
    data = max(
        (script_json(versions_data(matrix, shown, messages(matrix, locale))) for locale in matrix.locales),
        key=lambda text: len(text.encode()),
    )
    css = (ASSETS / "extra.css").read_text(encoding="utf-8")
    assert CSS_BLOCK in css
    added = [data.encode(), (ASSETS / "versions.js").read_bytes(), css[css.index(CSS_BLOCK) :].encode()]
    size = sum(len(gzip.compress(part, compresslevel=9)) for part in added)
    print(f"the part adds {size} gzip bytes to the home page")
    assert size < BUDGET
    assert not re.search(r"</script", data, re.IGNORECASE)
