"""The committed report (matrix/verification.json) was made for the matrix as it is now.

The site shows this report; an item without a current record shows as "not verified yet". After
any change to a snippet, its setup, checks, claim or the runtimes, `make verify` runs the
examples again and rewrites the report.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.website.build import Project, check
from generator.verify.items import items
from generator.verify.report import REPORT_VERSION

ROOT = Path(__file__).resolve().parents[2]
REPORT = ROOT / "matrix" / "verification.json"
FIX = "run `make verify` to run every example again and rewrite matrix/verification.json"


def test_report_matches_matrix():
    assert REPORT.is_file(), f"matrix/verification.json is missing: {FIX}"
    report = json.loads(REPORT.read_text(encoding="utf-8"))
    assert report.get("version") == REPORT_VERSION, \
        f"matrix/verification.json has version {report.get('version')!r}, not {REPORT_VERSION}: {FIX}"
    wanted = {item.id: item.digest for item in items(check(Project(ROOT)))}
    recorded = {record["id"]: record.get("digest") for record in report.get("items", [])}
    problems = [f"  no record for {item_id}" for item_id in wanted if item_id not in recorded]
    problems += [f"  stale record for {item_id} (made for other code or another claim)" for item_id in wanted
                 if item_id in recorded and recorded[item_id] != wanted[item_id]]
    problems += [f"  record for {item_id}, which the matrix no longer has" for item_id in recorded
                 if item_id not in wanted]
    assert not problems, "matrix/verification.json does not match the matrix:\n" + "\n".join(problems) + f"\n{FIX}"
