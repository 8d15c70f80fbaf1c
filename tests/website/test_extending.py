"""Doc writers extend the site by editing YAML only: a new language, a new format."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.project import Project

from ..helpers import copy_project, run_generator, write_yaml
from ..render.small import small_matrix
from .conftest import built_strictly

# Languages that Material and lunr's search both know; the test adds the first one the project lacks.
CANDIDATES = ("de", "fr", "es", "it", "nl")


@pytest.fixture
def project(tmp_path) -> Project:
    return copy_project(tmp_path)


def edit_yaml(path: Path, change) -> None:
    """Change a matrix file's data, keeping its first line (the schema modeline the loader requires)."""
    modeline, _, body = path.read_text(encoding="utf-8").partition("\n")
    data = yaml.safe_load(body)
    change(data)
    write_yaml(path, data, modeline)


def test_a_language_is_one_catalog_and_one_line(project):
    matrix = small_matrix()
    new = next(code for code in CANDIDATES if code not in matrix.locales)
    name = f"Language {new.upper()}"

    def translate(catalog):
        catalog["locale"] = new
        catalog["messages"]["language.name"] = name

    catalog = project.matrix_dir / "locales" / f"{new}.yaml"
    catalog.write_text(
        (project.matrix_dir / "locales" / f"{matrix.default_locale}.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    edit_yaml(catalog, translate)
    edit_yaml(project.matrix_dir / "site.yaml", lambda site: site["locales"].append(new))

    built_strictly(project.root)

    site = project.site_dir
    assert f'<html lang="{new}"' in (site / new / "compatibility" / "index.html").read_text(encoding="utf-8")
    for locale in matrix.locales:
        assert f'hreflang="{new}"' in (site / locale / "compatibility" / "index.html").read_text(encoding="utf-8")
    assert f">{name}</a>" in (site / "index.html").read_text(encoding="utf-8")


def test_a_format_is_one_file_listed_in_site_yaml(project):
    matrix = small_matrix()
    source = matrix.ordered_formats()[0]
    new = f"{source.id}_copy"
    title = {locale: f"Copied format table ({locale})" for locale in matrix.locales}

    def copy(fmt):
        fmt["id"] = new
        fmt["name"] = f"format.{new}.name"
        fmt["table_title"] = f"format.{new}.table_title"

    path = project.matrix_dir / "formats" / f"{new}.yaml"
    path.write_text(
        (project.matrix_dir / "formats" / f"{source.id}.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    edit_yaml(path, copy)
    edit_yaml(project.matrix_dir / "site.yaml", lambda site: site["formats"].append(new))
    for locale in matrix.locales:

        def add(catalog, locale=locale):
            catalog["messages"][f"format.{new}.name"] = f"Copied format ({locale})"
            catalog["messages"][f"format.{new}.table_title"] = title[locale]

        edit_yaml(project.matrix_dir / "locales" / f"{locale}.yaml", add)
        if locale != matrix.default_locale:  # the translator records what the new messages translate
            marked = run_generator(
                project.root, "i18n", "mark", locale, f"format.{new}.name", f"format.{new}.table_title"
            )
            assert marked.returncode == 0, marked.stderr

    built_strictly(project.root, "--strict")

    for locale in matrix.locales:
        page = (project.site_dir / locale / "compatibility" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<h2 id="{new}">{re.escape(title[locale])}', page)
        for operation in matrix.operations.model.operations:
            assert f'id="{new}-{operation.id}"' in page
