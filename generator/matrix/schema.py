"""Write the JSON Schemas that editors use, generated from the models so there is one declaration."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from ..files import write_atomically
from ..problems import CONTENT, Failure, Place, Problem, display_path
from .load import schema_path
from .model import SCHEMAS
from .verification import Report

# Every declaration with a schema file: the matrix's YAML files, and the verification report.
DECLARATIONS: dict[str, type[BaseModel]] = {**SCHEMAS, "verification": Report}


def schema_text(kind: str) -> str:
    schema = DECLARATIONS[kind].model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(matrix_dir: Path, root: Path, *, check_only: bool = False) -> list[str]:
    """Write every schema file that is not up to date; returns the files written. With check_only
    nothing is written, and a stale file raises Failure."""
    stale = []
    for kind in sorted(DECLARATIONS):
        path = schema_path(matrix_dir, kind)
        text = schema_text(kind)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(display_path(path, root))
        if not check_only:
            write_atomically(path, text)
    if stale and check_only:
        raise Failure(
            [Problem(Place.whole(path), "out of date", "run python -m generator schema") for path in stale],
            CONTENT,
        )
    return stale
