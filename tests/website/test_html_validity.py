"""Every built page is valid HTML: the Nu HTML Checker (the W3C's validator) reports no error on any
page of the small project or of the real site, in any language."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .audits import VNU, built_pages, java, required

TIMEOUT = 300  # seconds: the real site's pages take about 5


def errors(site: Path) -> list[str]:
    """'page:line:column: message' for each error the checker finds in the site's pages."""
    pages = [str(site / page) for page in built_pages(site)]
    run = subprocess.run(
        [java(), "-jar", str(required(VNU)), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    found = json.loads(run.stderr or '{"messages": []}')["messages"]
    assert run.returncode == (1 if found else 0), run.stderr[-2000:]
    return [_placed(message, site) for message in found]


def _placed(message: dict, site: Path) -> str:
    page = urlsplit(message.get("url", "")).path.removeprefix(str(site.resolve()) + "/")
    where = f"{page}:{message.get('lastLine', '?')}:{message.get('firstColumn', message.get('lastColumn', '?'))}"
    return f"{where}: {message.get('message')} ({message.get('extract', '').strip()[:120]})"


@pytest.mark.parametrize("project", ["small_site", "real_site"])
def test_every_page_is_valid_html(project, request):
    site = request.getfixturevalue(project) / "site"
    assert built_pages(site), "the site has no page"
    found = errors(site)
    assert not found, f"{len(found)} errors from the Nu HTML Checker:\n" + "\n".join(found)
