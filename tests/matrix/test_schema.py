"""matrix/schema/ is generated from the models: a stale schema would mislead editors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.matrix.load import schema_path
from generator.matrix.model import SCHEMAS
from generator.matrix.schema import schema_text

MATRIX = Path(__file__).resolve().parents[2] / "matrix"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(kind):
    committed = schema_path(MATRIX, kind).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run `python -m generator schema` and commit matrix/schema/"


def test_schemas_are_closed_objects():
    """Editors must flag an unknown key as they do the loader: every object forbids extra keys."""
    schema = json.loads(schema_text("format"))
    objects = [schema, *schema["$defs"].values()]
    for obj in objects:
        if obj.get("type") == "object" and "properties" in obj:
            assert obj.get("additionalProperties") is False, obj.get("title")
