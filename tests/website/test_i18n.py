"""The translators' workflow: status, English fallback with a notice, --strict, PO export and import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.matrix.translations import source_hash
from generator.project import Project

from ..helpers import copy_project, run_generator
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
    return yaml.safe_load(catalog_path(project, locale).read_text(encoding="utf-8"))["messages"]


def reword(project: Project, message_id: str, new: str) -> None:
    """Change one English message as a writer would: in the file's text, nothing else touched."""
    path = catalog_path(project, small_matrix().default_locale)
    old = messages_of(project, small_matrix().default_locale)[message_id]
    text = path.read_text(encoding="utf-8")
    assert text.count(f"{message_id}: {old}\n") == 1
    path.write_text(text.replace(f"{message_id}: {old}\n", f"{message_id}: {new}\n"), encoding="utf-8")


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


def test_reworded_english_makes_its_translation_stale_and_shows_english(project):
    locale = other_locale()
    translated = messages_of(project, locale)["home.title"]
    reword(project, "home.title", "A reworded home title")

    run = run_generator(project.root, "i18n", "status")
    assert run.returncode == 1
    assert re.search(rf"^{locale}: .* 1 stale, 0 missing$", run.stdout, re.M), run.stdout
    assert re.search(r"^\s+stale: home\.title: A reworded home title$", run.stdout, re.M), run.stdout

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
    drop(project, locale, "home.title")
    run = run_generator(project.root, "i18n", "status")
    assert re.search(rf"^{locale}: .* 0 stale, 1 missing$", run.stdout, re.M), run.stdout
    assert re.search(r"^\s+missing: home\.title: ", run.stdout, re.M), run.stdout
    built_strictly(project.root)
    assert messages_of(project, small_matrix().default_locale)["home.title"] in home_page(project, locale)


def test_strict_build_refuses_an_incomplete_language_and_keeps_the_old_site(project):
    locale = other_locale()
    built_strictly(project.root)
    before = home_page(project, locale)
    drop(project, locale, "home.title")
    run = run_generator(project.root, "build", "--strict")
    assert run.returncode != 0
    assert f"{locale}.yaml" in run.stderr and "home.title" in run.stderr, run.stderr
    assert "Traceback" not in run.stderr
    assert home_page(project, locale) == before


def test_mark_records_that_a_message_is_brought_up_to_date(project):
    locale = other_locale()
    reword(project, "home.title", "A reworded home title")
    before = catalog_path(project, locale).read_text(encoding="utf-8")
    run = run_generator(project.root, "i18n", "mark", locale, "home.title")
    assert run.returncode == 0, run.stderr
    after = catalog_path(project, locale).read_text(encoding="utf-8")
    assert yaml.safe_load(after)["sources"]["home.title"] == source_hash("A reworded home title")
    # Only the hash changed: comments, messages and layout are as the translator left them.
    changed = [line for line in after.splitlines() if line not in before.splitlines()]
    assert changed == [f"  home.title: {source_hash('A reworded home title')}"], changed
    assert run_generator(project.root, "i18n", "status").returncode == 0


def test_mark_refuses_an_unknown_message(project):
    before = catalog_path(project, other_locale()).read_bytes()
    run = run_generator(project.root, "i18n", "mark", other_locale(), "no.such.message")
    assert run.returncode == 2 and "no.such.message" in run.stderr
    assert catalog_path(project, other_locale()).read_bytes() == before


def test_mark_after_a_message_was_removed_keeps_no_hash_for_it(project):
    locale = other_locale()
    drop(project, locale, "home.title")
    reword(project, "nav.home", "Start")
    run = run_generator(project.root, "i18n", "mark", locale, "nav.home")
    assert run.returncode == 0, run.stderr
    sources = yaml.safe_load(catalog_path(project, locale).read_text(encoding="utf-8"))["sources"]
    assert "home.title" not in sources and sources["nav.home"] == source_hash("Start")


def export(project: Project, locale: str, tmp_path: Path) -> Path:
    target = tmp_path / f"{locale}.po"
    run = run_generator(project.root, "i18n", "export", locale, "--output", str(target))
    assert run.returncode == 0, run.stderr
    return target


def test_export_puts_english_and_translation_side_by_side_and_marks_stale_fuzzy(project, tmp_path):
    from babel.messages.pofile import read_po

    locale = other_locale()
    reword(project, "home.title", "A reworded home title")
    with export(project, locale, tmp_path).open("rb") as handle:
        po = {entry.context: entry for entry in read_po(handle) if entry.id}
    english = messages_of(project, small_matrix().default_locale)
    assert list(po) == list(english)
    translated = messages_of(project, locale)
    for message_id, entry in po.items():
        assert entry.id == english[message_id]
        assert entry.string == translated.get(message_id, "")
        assert entry.fuzzy == (message_id == "home.title"), message_id


def test_a_round_trip_changes_nothing(project, tmp_path):
    locale = other_locale()
    before = catalog_path(project, locale).read_bytes()
    po = export(project, locale, tmp_path)
    run = run_generator(project.root, "i18n", "import", locale, str(po))
    assert run.returncode == 0, run.stderr
    assert catalog_path(project, locale).read_bytes() == before


def test_import_takes_a_translators_work_and_records_its_english(project, tmp_path):
    from babel.messages.pofile import read_po, write_po

    locale = other_locale()
    reword(project, "home.title", "A reworded home title")
    drop(project, locale, "nav.home")
    path = export(project, locale, tmp_path)
    with path.open("rb") as handle:
        po = read_po(handle)
    for entry in po:  # the translator's tool: translate the missing one, update the stale one
        if entry.context == "home.title":
            entry.string, entry.flags = "Новый заголовок", set()
        elif entry.context == "nav.home":
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
    assert messages["home.title"] == "Новый заголовок" and messages["nav.home"] == "Домой"
    comments_after = [
        line
        for line in catalog_path(project, locale).read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith("#")
    ]
    assert comments_after == comments_before
    assert run_generator(project.root, "i18n", "status").returncode == 0


def test_import_refuses_a_translation_the_rules_refuse(project, tmp_path):
    """A placeholder lost in the translator's tool: reported with the message, the catalog untouched."""
    from babel.messages.pofile import read_po, write_po

    locale = other_locale()
    before = catalog_path(project, locale).read_bytes()
    path = export(project, locale, tmp_path)
    with path.open("rb") as handle:
        po = read_po(handle)
    entry = next(entry for entry in po if entry.context and "{" in entry.id)
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


def test_every_language_of_the_real_site_is_complete(real_matrix):
    from generator.matrix.translations import progress

    for locale in real_matrix.locales:
        found = progress(real_matrix, locale)
        assert found.complete, (
            f"{locale}: missing {found.missing}, stale {found.stale} (python -m generator i18n status)"
        )
