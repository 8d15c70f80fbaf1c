"""`i18n export` of every language, of the real project and of the small one: a file that GNU
gettext's `msgcat` writes back byte for byte, that `msgfmt --check` accepts, and whose entries polib
reads back as the catalog holds them; with `--layout polib`, one that polib writes back byte for
byte, holding the same entries."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import polib
import pytest

from generator.matrix.documents import Matrix
from generator.matrix.translations import translation_status
from generator.project import Project
from generator.website.i18n import export_po

from ..helpers import REPO, SMALL

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
PROJECTS = {"real": REPO, "small": SMALL}


@cache
def matrix_of(name: str) -> Matrix:
    return Project(PROJECTS[name]).load()


def languages() -> list[tuple[str, str]]:
    return [
        (name, locale)
        for name in PROJECTS
        for locale in matrix_of(name).locales
        if locale != matrix_of(name).default_locale
    ]


@pytest.fixture(params=languages(), ids=lambda pair: f"{pair[0]}-{pair[1]}")
def exported(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Matrix, str, Path]:
    name, locale = request.param
    path = tmp_path / f"{locale}.po"
    path.write_bytes(export_po(matrix_of(name), locale, WHEN))
    return matrix_of(name), locale, path


def test_polib_reads_each_message_as_the_catalog_holds_it(exported: tuple[Matrix, str, Path]) -> None:
    matrix, locale, path = exported
    english = matrix.catalogs[matrix.default_locale].model.messages
    translated = matrix.catalogs[locale].model.messages
    stale = set(translation_status(matrix, locale).stale)
    read = polib.pofile(str(path))
    assert read.metadata["Language"] and read.metadata["POT-Creation-Date"] == "2026-12-01 09:30+0000"
    assert [(entry.msgctxt, entry.msgid, entry.msgstr, entry.fuzzy) for entry in read] == [
        (message_id, text, translated.get(message_id, ""), message_id in stale and bool(translated.get(message_id)))
        for message_id, text in english.items()
    ]


def gettext_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"GNU gettext's {name} is not installed (apt-get install gettext)")
    return found


def test_msgcat_writes_it_back_unchanged(exported: tuple[Matrix, str, Path]) -> None:
    _, _, path = exported
    out = path.with_suffix(".msgcat.po")
    subprocess.run([gettext_tool("msgcat"), "-o", str(out), str(path)], check=True, timeout=60)
    assert out.read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_msgcat_makes_polibs_resave_the_same_file_again(exported: tuple[Matrix, str, Path]) -> None:
    """polib saves long strings in a layout of its own; the entries stay as they were."""
    _, _, path = exported
    resaved, out = path.with_suffix(".polib.po"), path.with_suffix(".msgcat.po")
    polib.pofile(str(path)).save(str(resaved))
    subprocess.run([gettext_tool("msgcat"), "-o", str(out), str(resaved)], check=True, timeout=60)
    assert out.read_bytes() == path.read_bytes()


def test_in_polibs_layout_polib_writes_it_back_unchanged(exported: tuple[Matrix, str, Path]) -> None:
    matrix, locale, path = exported
    laid_out, resaved = path.with_suffix(".layout.po"), path.with_suffix(".polib.po")
    laid_out.write_bytes(export_po(matrix, locale, WHEN, "polib"))
    polib.pofile(str(laid_out)).save(str(resaved))
    assert resaved.read_bytes() == laid_out.read_bytes()


def test_both_layouts_hold_the_same_file(exported: tuple[Matrix, str, Path]) -> None:
    """msgcat lays out polib's layout as GNU's: the header and entries are the same, byte for byte."""
    matrix, locale, path = exported
    laid_out, out = path.with_suffix(".layout.po"), path.with_suffix(".msgcat.po")
    laid_out.write_bytes(export_po(matrix, locale, WHEN, "polib"))
    subprocess.run([gettext_tool("msgcat"), "-o", str(out), str(laid_out)], check=True, timeout=60)
    assert out.read_bytes() == path.read_bytes()


def test_msgfmt_check_accepts_it(exported: tuple[Matrix, str, Path]) -> None:
    _, _, path = exported
    done = subprocess.run(
        [gettext_tool("msgfmt"), "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
