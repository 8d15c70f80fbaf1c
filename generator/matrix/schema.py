"""Write the JSON Schemas that editors use, generated from the models so there is one declaration."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from .load import schema_path
from .model import SCHEMAS
from .verification import Report

# Every declaration with a schema file: the matrix's YAML files, and the verification report.
DECLARATIONS: dict[str, type[BaseModel]] = {**SCHEMAS, "verification": Report}


def schema_text(kind: str) -> str:
    schema = DECLARATIONS[kind].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(matrix_dir: Path, *, check_only: bool = False) -> int:
    stale = []
    for kind in sorted(DECLARATIONS):
        path = schema_path(matrix_dir, kind)
        text = schema_text(kind)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not check_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in stale:
        print(
            f"{path}: {'out of date (run python -m generator schema)' if check_only else 'written'}",
            file=sys.stderr if check_only else sys.stdout,
        )
    return 1 if (stale and check_only) else 0
