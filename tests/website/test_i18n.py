"""The translators' workflow: status, English fallback with a notice, --strict, PO export and import."""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.matrix.translations import source_record
from generator.project import Project
from generator.website.i18n import OLDER_SOURCES_COMMENTS, SOURCES_COMMENT

from ..helpers import REPO, copy_project, run_generator, write_yaml
from ..render.small import small_matrix
from .conftest import built_strictly


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path)


def other_locale() -> str:
    matrix = small_matrix()
    return next(code for code in matrix.locales if code != matrix.default_locale)


def catalog_path(project: Project, locale: str) -> Path:
    return project.matrix_dir / "locales" / f"{locale}.yaml"


def messages_of(project: Project, locale: str) -> dict[str, str]:
    """A catalog's messages as its file holds them; for English, with the pages' text too."""
    if locale == small_matrix().default_locale:
        return dict(project.load().catalogs[locale].model.messages)
    return yaml.safe_load(catalog_path(project, locale).read_text(encoding="utf-8"))["messages"]


def english_of(project: Project) -> dict[str, str]:
    """Every English message of the project: its catalog's, and the text of its pages written in Markdown."""
    matrix = project.load()
    return dict(matrix.catalogs[matrix.default_locale].model.messages)


def reword(project: Project, message_id: str, new: str) -> None:
    """Change one English message as a writer would: in the file's text, nothing else touched."""
    path = catalog_path(project, small_matrix().default_locale)
    old = messages_of(project, small_matrix().default_locale)[message_id]
    text = path.read_text(encoding="utf-8")
    assert text.count(f"{message_id}: {old}\n") == 1
    path.write_text(text.replace(f"{message_id}: {old}\n", f"{message_id}: {new}\n"), encoding="utf-8")


def retranslate(project: Project, locale: str, message_id: str, new: str) -> None:
    """Change one translation as a translator would by hand: in the file's text, without `i18n mark`."""
    path = catalog_path(project, locale)
    old = messages_of(project, locale)[message_id]
    text = path.read_text(encoding="utf-8")
    assert text.count(f"  {message_id}: {old}\n") == 1
    path.write_text(text.replace(f"  {message_id}: {old}\n", f"  {message_id}: {new}\n"), encoding="utf-8")


def drop(project: Project, locale: str, message_id: str) -> None:
    path = catalog_path(project, locale)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(f"  {message_id}:")), encoding="utf-8")


def home_page(project: Project, locale: str) -> str:
    return (project.site_dir / locale / "index.html").read_text(encoding="utf-8")


def test_a_complete_language_reports_nothing_to_do(project):
    run = run_generator(project.root, "i18n", "status")
    assert run.returncode == 0, run.stderr
    locale = other_locale()
    count = len(small_matrix().catalogs[small_matrix().default_locale].model.messages)
    assert f"{locale}: {count} translated, 0 stale, 0 missing" in run.stdout
    assert run.stdout.splitlines()[-1] == "translations: every language complete"


def test_reworded_english_makes_its_translation_stale_and_shows_english(project):
    locale = other_locale()
    translated = messages_of(project, locale)["chooser.format"]
    reword(project, "chooser.format", "A reworded home title")

    run = run_generator(project.root, "i18n", "status")
    assert run.returncode == 1
    assert re.search(rf"^{locale}: .* 1 stale, 0 missing$", run.stdout, re.M), run.stdout
    assert re.search(r"^\s+stale: chooser\.format: A reworded home title$", run.stdout, re.M), run.stdout
    assert "edited since" not in run.stdout  # the translation is as it was marked: it only lags
    assert re.match(rf"^translations: {re.escape(locale)} 1 stale \(chooser\.format\); ", run.stdout.splitlines()[-1])

    built_strictly(project.root)
    page = home_page(project, locale)
    assert "A reworded home title" in page and translated not in page
    notice = small_matrix().catalogs[locale].model.messages["i18n.fallback"]
    assert notice in page
    assert small_matrix().catalogs[small_matrix().default_locale].model.messages["i18n.fallback"] not in home_page(
        project, small_matrix().default_locale
    )


def test_a_missing_message_falls_back_to_english(project):
    locale = other_locale()
    drop(project, locale, "chooser.format")
    run = run_generator(project.root, "i18n", "status")
    assert re.search(rf"^{locale}: .* 0 stale, 1 missing$", run.stdout, re.M), run.stdout
    assert re.search(r"^\s+missing: chooser\.format: ", run.stdout, re.M), run.stdout
    built_strictly(project.root)
    assert messages_of(project, small_matrix().default_locale)["chooser.format"] in home_page(project, locale)


@pytest.mark.parametrize("state", ["missing", "stale"])
def test_strict_build_refuses_an_incomplete_language_and_keeps_the_old_site(project: Project, state: str) -> None:
    locale = other_locale()
    built_strictly(project.root)
    before = home_page(project, locale)
    if state == "missing":
        drop(project, locale, "chooser.format")
    else:
        reword(project, "chooser.format", "A reworded home title")
    run = run_generator(project.root, "build", "--strict")
    assert run.returncode != 0
    assert f"{locale}.yaml" in run.stderr and "chooser.format" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert home_page(project, locale) == before


def test_mark_records_that_a_message_is_brought_up_to_date(project):
    locale = other_locale()
    reword(project, "chooser.format", "A reworded home title")
    before = catalog_path(project, locale).read_text(encoding="utf-8")
    run = run_generator(project.root, "i18n", "mark", locale, "chooser.format")
    assert run.returncode == 0, run.stderr
    after = catalog_path(project, locale).read_text(encoding="utf-8")
    record = source_record("A reworded home title", messages_of(project, locale)["chooser.format"])
    assert yaml.safe_load(after)["sources"]["chooser.format"] == record
    # Only the hashes changed: comments, messages and layout are as the translator left them.
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == [f"  chooser.format: {record}"], changed
    assert run_generator(project.root, "i18n", "status").returncode == 0


def test_mark_refuses_an_unknown_message(project):
    before = catalog_path(project, other_locale()).read_bytes()
    run = run_generator(project.root, "i18n", "mark", other_locale(), "no.such.message")
    assert run.returncode == 2 and "no.such.message" in run.stderr
    assert catalog_path(project, other_locale()).read_bytes() == before


def test_mark_after_a_message_was_removed_keeps_no_hash_for_it(project):
    locale = other_locale()
    drop(project, locale, "chooser.format")
    reword(project, "chooser.operation", "Start")
    run = run_generator(project.root, "i18n", "mark", locale, "chooser.operation")
    assert run.returncode == 0, run.stderr
    sources = yaml.safe_load(catalog_path(project, locale).read_text(encoding="utf-8"))["sources"]
    assert "chooser.format" not in sources
    assert sources["chooser.operation"] == source_record("Start", messages_of(project, locale)["chooser.operation"])


def test_a_translation_updated_without_mark_is_told_apart_from_a_stale_one(project: Project) -> None:
    """The English and its translation both reworded, `i18n mark` forgotten: status says what to run."""
    locale = other_locale()
    reword(project, "chooser.format", "A reworded home title")
    reword(project, "chooser.operation", "Start")
    retranslate(project, locale, "chooser.format", "Новый заголовок")

    run = run_generator(project.root, "i18n", "status")
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    at = lines.index("  stale: chooser.format: A reworded home title")
    assert "translation edited since it was marked" in lines[at + 1]
    assert f"python -m generator i18n mark {locale} chooser.format" in lines[at + 1]
    hints = [line for line in lines if "edited since" in line]
    assert len(hints) == 2, run.stdout  # its hint, and the summary: chooser.operation only lags
    # The English catalog's order.
    assert lines[-1].startswith(
        f"translations: {locale} 2 stale (chooser.format [translation edited since marked], chooser.operation); "
    ), lines[-1]
    built_strictly(project.root)  # still shown in English meanwhile
    assert "Новый заголовок" not in home_page(project, locale)

    assert run_generator(project.root, "i18n", "mark", locale, "chooser.format").returncode == 0
    run = run_generator(project.root, "i18n", "status")
    assert "edited since" not in run.stdout and "stale: chooser.format" not in run.stdout, run.stdout


def test_a_translation_edited_while_its_english_stands_stays_translated(project: Project) -> None:
    locale = other_locale()
    retranslate(project, locale, "chooser.format", "Исправленный заголовок")
    run = run_generator(project.root, "i18n", "status")
    assert run.returncode == 0, run.stdout
    assert "edited since" not in run.stdout
    built_strictly(project.root)
    assert "Исправленный заголовок" in home_page(project, locale)


def test_a_record_of_the_english_alone_still_reads_and_is_kept_until_marked(project: Project, tmp_path: Path) -> None:
    """Catalogs written before translations were recorded too: the same states, nothing rewritten
    by a round trip, and a mark records the translation as well."""
    locale = other_locale()
    path = catalog_path(project, locale)
    text = path.read_text(encoding="utf-8")
    old = re.sub(  # quoted where YAML would read a number, as the dumper wrote it
        r"^(  \S+: )([0-9a-f]{12}) [0-9a-f]{12}$",
        lambda found: found[1] + (f"'{found[2]}'" if found[2].isdigit() else found[2]),
        text,
        flags=re.M,
    )
    old = old.replace(SOURCES_COMMENT, OLDER_SOURCES_COMMENTS[0])
    assert old != text
    path.write_text(old, encoding="utf-8")
    assert run_generator(project.root, "i18n", "status").returncode == 0

    run = run_generator(project.root, "i18n", "import", locale, str(export(project, locale, tmp_path)))
    assert run.returncode == 0, run.stderr
    assert path.read_text(encoding="utf-8") == old

    retranslate(project, locale, "chooser.format", "Новый заголовок")
    reword(project, "chooser.format", "A reworded home title")
    status = run_generator(project.root, "i18n", "status")
    assert "stale: chooser.format" in status.stdout and "edited since" not in status.stdout  # unknown: not said

    assert run_generator(project.root, "i18n", "mark", locale).returncode == 0
    english, translated = english_of(project), messages_of(project, locale)
    marked = path.read_text(encoding="utf-8")
    assert yaml.safe_load(marked)["sources"] == {
        message_id: source_record(english[message_id], translation) for message_id, translation in translated.items()
    }
    assert SOURCES_COMMENT in marked and OLDER_SOURCES_COMMENTS[0] not in marked


def export(project: Project, locale: str, tmp_path: Path, *options: str) -> Path:
    target = tmp_path / f"{locale}.po"
    run = run_generator(project.root, "i18n", "export", locale, "--output", str(target), *options)
    assert run.returncode == 0, run.stderr
    return target


def test_export_puts_english_and_translation_side_by_side_and_marks_stale_fuzzy(project, tmp_path):
    from babel.messages.pofile import read_po

    locale = other_locale()
    reword(project, "chooser.format", "A reworded home title")
    with export(project, locale, tmp_path).open("rb") as handle:
        po = {str(entry.context): entry for entry in read_po(handle) if entry.id}
    english = english_of(project)
    assert list(po) == list(english)
    translated = messages_of(project, locale)
    for message_id, entry in po.items():
        assert entry.id == english[message_id]
        assert entry.string == translated.get(message_id, "")
        assert entry.fuzzy == (message_id == "chooser.format"), message_id


@pytest.mark.parametrize("layout", [(), ("--layout", "gnu"), ("--layout", "polib")], ids=["default", "gnu", "polib"])
def test_a_round_trip_changes_nothing(project, tmp_path, layout):
    locale = other_locale()
    before = catalog_path(project, locale).read_bytes()
    po = export(project, locale, tmp_path, *layout)
    run = run_generator(project.root, "i18n", "import", locale, str(po))
    assert run.returncode == 0, run.stderr
    assert catalog_path(project, locale).read_bytes() == before


def test_import_takes_a_translators_work_and_records_its_english(project, tmp_path):
    from babel.messages.pofile import read_po, write_po

    locale = other_locale()
    reword(project, "chooser.format", "A reworded home title")
    drop(project, locale, "chooser.operation")
    path = export(project, locale, tmp_path)
    with path.open("rb") as handle:
        po = read_po(handle)
    for entry in po:  # the translator's tool: translate the missing one, update the stale one
        if entry.context == "chooser.format":
            entry.string, entry.flags = "Новый заголовок", set()
        elif entry.context == "chooser.operation":
            entry.string = "Домой"
    with path.open("wb") as handle:
        write_po(handle, po, width=0)
    comments_before = [
        line
        for line in catalog_path(project, locale).read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith("#")
    ]

    run = run_generator(project.root, "i18n", "import", locale, str(path))
    assert run.returncode == 0, run.stderr
    messages = messages_of(project, locale)
    assert messages["chooser.format"] == "Новый заголовок" and messages["chooser.operation"] == "Домой"
    comments_after = [
        line
        for line in catalog_path(project, locale).read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith("#")
    ]
    assert comments_after == comments_before
    assert run_generator(project.root, "i18n", "status").returncode == 0


def test_importing_one_changed_translation_changes_only_its_lines(project, tmp_path):
    """The message and its record of sources; every other line of the catalog stays where it was."""
    from babel.messages.pofile import read_po, write_po

    locale = other_locale()
    catalog = catalog_path(project, locale)
    data = yaml.safe_load(catalog.read_text(encoding="utf-8"))
    # A catalog whose messages are not in the English's order, its records in the same order.
    data["messages"] = dict(reversed(data["messages"].items()))
    data["sources"] = {key: data["sources"][key] for key in data["messages"] if key in data["sources"]}
    modeline = catalog.read_text(encoding="utf-8").partition("\n")[0]
    write_yaml(catalog, data, modeline)
    before = catalog.read_text(encoding="utf-8").splitlines()
    path = export(project, locale, tmp_path)
    with path.open("rb") as handle:
        po = read_po(handle)
    changed = next(entry for entry in po if entry.context == "chooser.format")
    changed.string = "Другой заголовок"
    with path.open("wb") as handle:
        write_po(handle, po, width=0)

    run = run_generator(project.root, "i18n", "import", locale, str(path))
    assert run.returncode == 0, run.stderr
    after = catalog_path(project, locale).read_text(encoding="utf-8").splitlines()
    # Lines taken out or put in (a line moved is both), blank lines and comments aside.
    moved = [
        line
        for line in difflib.ndiff(before, after)
        if line[:1] in "+-" and line[2:].strip() and not line[2:].lstrip().startswith("#")
    ]
    assert len(moved) == 4 and all(line[2:].lstrip().startswith("chooser.format:") for line in moved), moved


def test_import_refuses_a_translation_the_rules_refuse(project, tmp_path):
    """A placeholder lost in the translator's tool: reported with the message, the catalog untouched."""
    from babel.messages.pofile import read_po, write_po

    locale = other_locale()
    before = catalog_path(project, locale).read_bytes()
    path = export(project, locale, tmp_path)
    with path.open("rb") as handle:
        po = read_po(handle)
    entry = next(entry for entry in po if entry.context and isinstance(entry.id, str) and "{" in entry.id)
    assert isinstance(entry.string, str) and entry.context
    entry.string = entry.string.split("{")[0] + "(lost)"
    with path.open("wb") as handle:
        write_po(handle, po, width=0)
    run = run_generator(project.root, "i18n", "import", locale, str(path))
    assert run.returncode == 1, run.stdout + run.stderr
    assert entry.context in run.stderr and "placeholder" in run.stderr and "Traceback" not in run.stderr
    assert catalog_path(project, locale).read_bytes() == before


def test_import_refuses_a_file_that_is_not_po(project, tmp_path):
    locale = other_locale()
    before = catalog_path(project, locale).read_bytes()
    bad = tmp_path / "bad.po"
    bad.write_text('msgid "unterminated\n', encoding="utf-8")
    run = run_generator(project.root, "i18n", "import", locale, str(bad))
    assert run.returncode == 2 and "bad.po" in run.stderr
    assert "Traceback" not in run.stderr
    assert catalog_path(project, locale).read_bytes() == before


def session_end(root: Path) -> list[str]:
    """The last lines of a test session run in a project, with this suite's summary of translations."""
    (root / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # the project is the session's rootdir
    (root / "conftest.py").write_text(
        "from tests.conftest import pytest_terminal_summary  # noqa: F401\n", encoding="utf-8"
    )
    (root / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_one.py"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout.splitlines()[-2:]


def test_a_test_session_ends_with_where_the_translations_stand(project: Project) -> None:
    locale = other_locale()
    assert session_end(project.root)[0] == "translations: every language complete"

    reword(project, "chooser.operation", "Start")  # a writer's edit, in the two languages the writer knows
    retranslate(project, locale, "chooser.operation", "Начало")
    reword(project, "chooser.format", "A reworded home title")
    line, count = session_end(project.root)
    assert line.startswith(
        f"translations: {locale} 2 stale (chooser.format, chooser.operation [translation edited since marked]); "
    ), line
    assert "1 passed" in count


def test_a_test_session_says_in_one_line_when_the_translations_cannot_be_known(project: Project) -> None:
    site = project.matrix_dir / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "locales: [\n", encoding="utf-8")
    line, count = session_end(project.root)
    assert line.startswith("translations: not known, the matrix cannot be read (matrix/site.yaml:"), line
    assert "1 passed" in count
