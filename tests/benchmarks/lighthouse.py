"""Lighthouse's four scores (performance, accessibility, best practices, SEO) for pages of a built
site served on loopback: mobile, Lighthouse's default device and throttling, in Debian's Chromium.
Lighthouse comes from the npm registry (package-lock.json, `make bench-site` installs it)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

from tests.helpers import REPO
from tests.website.browser.harness import CHROMIUM, FLAGS

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMEOUT = 300  # seconds for one page; a page takes about 20


def available() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not LIGHTHOUSE.is_file():
        return f"{LIGHTHOUSE.relative_to(REPO)} is missing (make bench-site installs it)"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM}"
    return None


def audit(url: str, report: Path) -> dict[str, int]:
    """The page's scores, 0 to 100, by category; Lighthouse's whole report is written to `report`."""
    run = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={' '.join(['--headless=new', *FLAGS])}",
        ],
        env={**os.environ, "CHROME_PATH": str(CHROMIUM)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if run.returncode in (130, -signal.SIGINT):  # Ctrl+C reached Lighthouse too, and it stopped
        raise KeyboardInterrupt
    if run.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}: {run.stderr.strip()[-500:]}")
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}


def failing(report: Path) -> list[str]:
    """The audits that cost the page points, and the opportunities it has, by category, as
    'category: audit id (score)' or 'category: audit id (could save N ms)'."""
    data = json.loads(report.read_text(encoding="utf-8"))
    found = []
    for name, category in data["categories"].items():
        for ref in category["auditRefs"]:
            result = data["audits"][ref["id"]]
            saves = (result.get("details") or {}).get("overallSavingsMs")
            if saves and result["score"] is not None and result["score"] < 1:
                found.append(f"{name}: {ref['id']} (could save {saves:.0f} ms)")
            elif ref["weight"] and result["score"] is not None and result["score"] < 1:
                found.append(f"{name}: {ref['id']} ({result['score']:.2f}, {result.get('displayValue', '')})")
    return found
