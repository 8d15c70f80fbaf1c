"""Check a parsed file against its model, turning each validation error into a placed Problem."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yaml_source import DataPath, Source

_TYPE_WORDS = {
    "string_type": "a string",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "enum": None,
}


def validate(source: Source, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(source.data), []
    except ValidationError as error:
        return None, [_problem(source, model, detail) for detail in error.errors()]


def _problem(source: Source, model: type[BaseModel], detail: dict[str, Any]) -> Problem:
    loc: DataPath = tuple(part for part in detail["loc"] if not _is_internal(part))
    kind = detail["type"]
    where = ".".join(str(part) for part in loc) or "the file"
    got = _describe(detail.get("input"))

    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return Problem(source.place(loc, key=True), f"unknown key '{key}'", fix)
    if kind == "missing":
        parent = loc[:-1]
        return Problem(
            source.place(parent, key=True),
            f"missing required key '{loc[-1]}'" + (f" in {'.'.join(map(str, parent))}" if parent else ""),
            f"add '{loc[-1]}:'",
        )
    if kind in _TYPE_WORDS and kind != "enum":
        return Problem(
            source.place(loc), f"{where} must be {_TYPE_WORDS[kind]}, not {got}", _type_fix(kind, detail)
        )
    if kind == "enum":
        return Problem(
            source.place(loc),
            f"{where} is {got}, which is not allowed",
            f"use one of: {detail['ctx']['expected']}",
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            source.place(loc), f"{where} is {got}, which is not valid here", _pattern_fix(model, loc, detail)
        )
    return Problem(source.place(loc), f"{where}: {detail['msg']} (got {got})", "see the schema for this key")


def _is_internal(part: str | int) -> bool:
    # pydantic adds markers such as '[key]' or 'function-after[...]' to locations.
    return isinstance(part, str) and ("[" in part or part.startswith("function-"))


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_fix(kind: str, detail: dict[str, Any]) -> str:
    if kind == "string_type" and isinstance(detail.get("input"), (int, float, bool)):
        return "put the value in quotes"
    return "see the schema for this key"


def _pattern_fix(model: type[BaseModel], loc: DataPath, detail: dict[str, Any]) -> str:
    field = _field_info(model, loc)
    if field is not None:
        for meta in [field, *field.metadata]:
            description = getattr(meta, "description", None)
            if description:
                return description
    return f"it must match {detail['ctx']['pattern']}"


def _unwrap(annotation: Any) -> list[Any]:
    """The classes an annotation can stand for: Optional[X], tuple[X, ...] and dict[K, X] give X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list, dict):
        args = typing.get_args(annotation)
        if origin is dict:
            args = args[1:]
        return [cls for arg in args if arg is not Ellipsis for cls in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], path: DataPath) -> type[BaseModel] | None:
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        models = [cls for cls in _unwrap(field.annotation) if isinstance(cls, type) and issubclass(cls, BaseModel)]
        current = models[0] if models else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _fields_at(model: type[BaseModel], path: DataPath) -> list[str]:
    found = _model_at(model, path)
    return list(found.model_fields) if found else []


def _field_info(model: type[BaseModel], loc: DataPath):
    names = [part for part in loc if isinstance(part, str)]
    if not names:
        return None
    parent = _model_at(model, loc[: max(i for i, part in enumerate(loc) if isinstance(part, str))])
    return parent.model_fields.get(names[-1]) if parent else None
