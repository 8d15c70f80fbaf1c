"""`report merge`: partial reports (one per machine) joined into one, in page order, or refused.

The parts are built here, as a run would write them; no runtime is made and nothing runs in
TensorFlow. The command line is run on the small project (tests/fixtures/small), whose item ids
give the page order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.__main__ import main
from generator.matrix.verification import REPORT_VERSION, Record, Report, RuntimeVersions, Versions
from generator.problems import Failure
from generator.project import Project
from generator.verify.items import items
from generator.verify.merge import merge
from generator.verify.report import write_report

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "small"
VERSIONS = {
    "only": RuntimeVersions(python="3.11.7", tensorflow="2.15.1", tensorflow_hub="0.15.0"),
    "newer": RuntimeVersions(
        python="3.11.7", tensorflow="2.21.0", tensorflow_hub="0.16.1", tf_keras="2.21.0", emulates=("compat",)
    ),
}


def record(item_id: str, *, confirmed: bool = True, date: str = "2026-11-25", **changes) -> Record:
    """A record as a run writes it, for an id like 'tiny/load/eager/hub.load[only]'."""
    example, runtime = item_id[:-1].split("[")
    fmt, operation, mode, label = example.split("/", 3)
    versions = VERSIONS.get(runtime, RuntimeVersions(python="3.11.7", tensorflow="2.15.1"))
    fields = dict(
        id=item_id,
        section=f"{fmt}/{operation}",
        mode=mode,
        runtime=runtime,
        label=label,
        code=f"import tensorflow as tf\n\nm = {label}(handle)\n",
        expected="pass",
        observed="pass" if confirmed else "fail",
        confirmed=confirmed,
        reason="" if confirmed else "expected to pass, but raised ValueError: no such model",
        emulated=False,
        duration=0.25,
        versions=Versions(**versions.model_dump(include=set(Versions.model_fields))),
        date=date,
        digest="0123456789abcdef",
        runs_digest="fedcba9876543210",
        source=f"matrix/formats/{fmt}.yaml:23:9",
        claim=f"matrix/formats/{fmt}.yaml:18:5",
    )
    return Record(**{**fields, **changes})


def report(*records: Record, runtimes: tuple[str, ...] | None = None, **fields) -> Report:
    """A partial report of these records, with the versions of their runtimes."""
    names = runtimes if runtimes is not None else tuple(dict.fromkeys(r.runtime for r in records))
    return Report(
        version=REPORT_VERSION,
        date=max((r.date for r in records), default=None),
        runtimes={name: VERSIONS[name] for name in names},
        records=records,
        **fields,
    )


def small_order() -> list[str]:
    return [item.id for item in items(Project(SMALL).load())]


ORDER = ["f/load/eager/a[only]", "f/load/eager/a[newer]", "f/load/eager/b[only]", "f/load/eager/b[newer]"]


def test_items_follow_the_page_order_and_runtimes_are_united():
    only = report(record("f/load/eager/b[only]"), record("f/load/eager/a[only]"))
    newer = report(record("f/load/eager/b[newer]"), record("f/load/eager/a[newer]"))
    merged = merge([("only.json", only), ("newer.json", newer)], ORDER)
    assert [r.id for r in merged.records] == ORDER
    assert merged.runtimes == {**only.runtimes, **newer.runtimes}
    assert merged.version == REPORT_VERSION
    assert merged.contradictions == ()


def test_ids_the_page_lacks_go_last_sorted_by_id():
    part = report(record("f/load/eager/z[only]"), record("f/load/eager/a[only]"), record("f/load/eager/m[only]"))
    merged = merge([("part.json", part)], ["f/load/eager/a[only]"])
    assert [r.id for r in merged.records] == ["f/load/eager/a[only]", "f/load/eager/m[only]", "f/load/eager/z[only]"]


def test_the_order_of_the_parts_does_not_matter():
    one = report(record("f/load/eager/a[only]"), record("f/load/eager/b[newer]"))
    two = report(record("f/load/eager/b[only]"), record("f/load/eager/a[newer]"))
    forward = merge([("1.json", one), ("2.json", two)], ORDER)
    backward = merge([("2.json", two), ("1.json", one)], ORDER)
    assert forward.records == backward.records
    assert forward.runtimes == backward.runtimes
    assert forward.date == backward.date


def test_identical_duplicates_are_kept_once():
    part = report(record("f/load/eager/a[only]"), record("f/load/eager/b[only]"))
    merged = merge([("a.json", part), ("b.json", part.model_copy())], ORDER)
    assert [r.id for r in merged.records] == ["f/load/eager/a[only]", "f/load/eager/b[only]"]


def test_two_records_of_one_item_that_differ_are_refused_naming_both_files():
    first = report(record("f/load/eager/a[only]"))
    second = report(record("f/load/eager/a[only]", confirmed=False))
    with pytest.raises(Failure) as refused:
        merge([("machine-1.json", first), ("machine-2.json", second)], ORDER)
    assert "machine-1.json" in str(refused.value) and "machine-2.json" in str(refused.value)
    assert "f/load/eager/a[only]" in str(refused.value)


def test_one_runtime_with_two_sets_of_versions_is_refused_naming_both_files():
    first = report(record("f/load/eager/a[only]"))
    other = RuntimeVersions(python="3.11.9", tensorflow="2.15.0", tensorflow_hub="0.15.0")
    second = report(record("f/load/eager/b[only]")).model_copy(update={"runtimes": {"only": other}})
    with pytest.raises(Failure) as refused:
        merge([("machine-1.json", first), ("machine-2.json", second)], ORDER)
    message = str(refused.value)
    assert "machine-1.json" in message and "machine-2.json" in message and "only" in message


def test_the_date_is_the_latest_of_the_parts():
    early = report(record("f/load/eager/a[only]", date="2026-11-01"))
    late = report(record("f/load/eager/a[newer]", date="2026-11-20"))
    empty = report(runtimes=())
    assert merge([("late.json", late), ("early.json", early), ("empty.json", empty)], ORDER).date == "2026-11-20"
    assert merge([("empty.json", empty)], ORDER).date is None


@pytest.mark.skipif("part" not in Report.model_fields, reason="reports say which part they are no more")
def test_which_part_a_report_is_is_kept_where_the_parts_agree_else_reset():
    """`part` ('runtime only') describes one part: parts that differ make a report of no one part;
    where every part says the same, the merged report says it too."""
    one = report(record("f/load/eager/a[only]"), part="runtime only")
    two = report(record("f/load/eager/a[newer]"), part="runtime newer")
    assert merge([("1.json", one), ("2.json", two)], ORDER).part == Report.model_fields["part"].get_default()
    assert merge([("1.json", one), ("1-again.json", one)], ORDER).part == "runtime only"


# The command line, on the small project.


def write_parts(folder: Path, **parts: Report) -> list[str]:
    paths = []
    for name, part in parts.items():
        write_report(folder / f"{name}.json", part)
        paths.append(str(folder / f"{name}.json"))
    return paths


def run_merge(*args: str) -> int:
    return main(["--root", str(SMALL), "report", "merge", *args])


def test_the_command_writes_the_merged_report_in_page_order(tmp_path, capsys):
    order = small_order()
    by_runtime = {
        name: [record(item_id) for item_id in reversed(order) if item_id.endswith(f"[{name}]")]
        for name in ("only", "newer")
    }
    paths = write_parts(tmp_path, **{name: report(*found) for name, found in by_runtime.items()})
    output = tmp_path / "out" / "verification.json"
    assert run_merge(*paths, "--output", str(output)) == 0, capsys.readouterr()
    merged = Report.model_validate_json(output.read_text(encoding="utf-8"))
    assert [r.id for r in merged.records] == order
    assert set(merged.runtimes) == {"only", "newer"}
    assert capsys.readouterr().out.strip()


def test_a_contradiction_is_written_and_listed_and_fails_the_command(tmp_path, capsys):
    order = small_order()
    bad = record(order[0], confirmed=False)
    paths = write_parts(tmp_path, one=report(bad), two=report(record(order[1])))
    output = tmp_path / "verification.json"
    assert run_merge(*paths, "--output", str(output)) == 1
    assert [r.id for r in Report.model_validate_json(output.read_text(encoding="utf-8")).contradictions] == [bad.id]
    assert bad.id in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["not json", "not a report", "another version", "missing"])
def test_an_unreadable_part_writes_nothing(tmp_path, capsys, damage):
    good = write_parts(tmp_path, good=report(record(small_order()[0])))[0]
    bad = tmp_path / "bad.json"
    if damage == "not json":
        bad.write_text('{"version": ', encoding="utf-8")
    elif damage == "not a report":
        bad.write_text(f'{{"version": {REPORT_VERSION}, "records": [{{"id": 1}}]}}', encoding="utf-8")
    elif damage == "another version":
        bad.write_text(f'{{"version": {REPORT_VERSION - 1}, "records": []}}', encoding="utf-8")
    output = tmp_path / "verification.json"
    output.write_text("the report before\n", encoding="utf-8")
    assert run_merge(good, str(bad), "--output", str(output)) == 2
    assert output.read_text(encoding="utf-8") == "the report before\n"
    left = {"good.json", "verification.json"} | ({"bad.json"} if damage != "missing" else set())
    assert {p.name for p in tmp_path.iterdir()} == left  # no temporary file either
    err = capsys.readouterr().err
    assert err.startswith(f"{bad}:"), err
    assert str(good) not in err.splitlines()[0]


def test_parts_that_disagree_write_nothing(tmp_path, capsys):
    item_id = small_order()[0]
    paths = write_parts(tmp_path, one=report(record(item_id)), two=report(record(item_id, duration=9.5)))
    output = tmp_path / "verification.json"
    assert run_merge(*paths, "--output", str(output)) == 2
    assert not output.exists()
    err = capsys.readouterr().err
    assert paths[0] in err and paths[1] in err and item_id in err
