"""matrix/schema/ is generated from the models: a stale schema would mislead editors."""

from __future__ import annotations

import json

import pytest

from generator.matrix.load import schema_path
from generator.matrix.model import SCHEMAS
from generator.matrix.schema import schema_text

from ..helpers import REPO


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_matches_the_models(kind):
    committed = schema_path(REPO / "matrix", kind).read_text(encoding="utf-8")
    assert committed == schema_text(kind), "run `make schema` and commit matrix/schema/"


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schemas_are_closed_objects(kind):
    """Editors must flag an unknown key as the loader does: every object forbids extra keys."""
    schema = json.loads(schema_text(kind))
    objects = [schema, *schema.get("$defs", {}).values()]
    for obj in objects:
        if obj.get("type") == "object" and "properties" in obj:
            assert obj.get("additionalProperties") is False, obj.get("title")
