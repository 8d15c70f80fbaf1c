"""The site's address (`url` in matrix/site.yaml, or `build --site-url`): each page names its own
address in its head, and the sitemap gives every page's address in every language, absolute, as
search engines require. Without an address, no page names one; a wrong one is refused."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from generator.matrix.locale_codes import language_tag

from ..helpers import SMALL_REPORT, copy_project, run_generator
from .conftest import built_strictly

ADDRESS = "https://docs.example.org/tfhub/"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def addressed(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("addressed"), report=SMALL_REPORT)
    built_strictly(project.root, "--allow-contradicted", "--site-url", ADDRESS)
    return project


def test_each_page_names_its_address_and_the_sitemap_its_address_in_every_language(addressed, small):
    site = addressed.root / "site"
    for locale in small.locales:
        sitemap = ElementTree.parse(site / locale / "sitemap.xml").getroot()
        urls = sitemap.findall("s:url", SITEMAP)
        assert len(urls) == len(small.pages)
        for url in urls:
            address = url.findtext("s:loc", default="", namespaces=SITEMAP)
            assert address.startswith(f"{ADDRESS}{locale}/")
            path = address.removeprefix(f"{ADDRESS}{locale}/")
            alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP)}
            assert alternates == {
                **{language_tag(code): f"{ADDRESS}{code}/{path}" for code in small.locales},
                "x-default": f"{ADDRESS}{small.default_locale}/{path}",
            }
            page = (site / locale / path / "index.html").read_text(encoding="utf-8")
            assert f'<link rel="canonical" href="{address}">' in page


def test_the_root_page_names_the_default_languages_address(addressed, small):
    root = (addressed.root / "site" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{ADDRESS}{small.default_locale}/">' in root


def test_without_an_address_no_page_names_one(small_site, small):
    page = (small_site / "site" / small.default_locale / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page and 'rel="alternate"' not in page


@pytest.mark.parametrize("wrong", ["docs.example.org/", "https://docs.example.org/tfhub", "https://x.org/?a=1/"])
def test_a_wrong_address_is_refused(tmp_path, wrong):
    project = copy_project(tmp_path, report=SMALL_REPORT)
    run = run_generator(project.root, "build", "--site-url", wrong)
    assert run.returncode == 2, run.stdout + run.stderr
    assert wrong in run.stderr and "ending with '/'" in run.stderr
    assert not (project.root / "site").exists()
