"""Doc writers extend the site by editing YAML only: a new language, a new format."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copytree(ROOT / "matrix", tmp_path / "matrix")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_a_language_is_one_catalog_and_one_line(project):
    catalog = (project / "matrix/locales/en.yaml").read_text(encoding="utf-8")
    catalog = catalog.replace("locale: en", "locale: de").replace("language.name: English", "language.name: Deutsch")
    (project / "matrix/locales/de.yaml").write_text(catalog, encoding="utf-8")
    site = project / "matrix/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("locales: [en, ru]", "locales: [en, ru, de]"),
                    encoding="utf-8")

    run = build(project)

    assert run.returncode == 0, run.stderr
    html = (project / "site/de/compatibility/index.html").read_text(encoding="utf-8")
    assert '<html lang="de"' in html
    assert 'hreflang="de"' in (project / "site/ru/compatibility/index.html").read_text(encoding="utf-8")
    assert ">Deutsch</a>" in (project / "site/index.html").read_text(encoding="utf-8")


def test_a_format_is_one_file_listed_in_site_yaml(project):
    text = (project / "matrix/formats/tf2_savedmodel.yaml").read_text(encoding="utf-8")
    text = text.replace("id: tf2_savedmodel", "id: tf3_demo").replace("table_title: format.tf2_savedmodel.table_title",
                                                                       "table_title: format.tf3_demo.table_title")
    (project / "matrix/formats/tf3_demo.yaml").write_text(text, encoding="utf-8")
    site = project / "matrix/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("formats: [tf1_hub, tf2_savedmodel]",
                                                             "formats: [tf1_hub, tf2_savedmodel, tf3_demo]"),
                    encoding="utf-8")
    for locale, title in (("en", "Demo format table"), ("ru", "Таблица демонстрационного формата")):
        catalog = project / f"matrix/locales/{locale}.yaml"
        catalog.write_text(catalog.read_text(encoding="utf-8") + f"  format.tf3_demo.table_title: {title}\n",
                           encoding="utf-8")

    run = build(project)

    assert run.returncode == 0, run.stderr
    for locale, title in (("en", "Demo format table"), ("ru", "Таблица демонстрационного формата")):
        html = (project / f"site/{locale}/compatibility/index.html").read_text(encoding="utf-8")
        assert re.search(rf'<h2 id="tf3_demo">{title}', html)
        assert 'id="tf3_demo-finetune"' in html
