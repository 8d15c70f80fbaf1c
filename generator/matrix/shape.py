"""Check a parsed file against its model, turning each validation error into a placed Problem."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..problems import Problem
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
    "float_type": "a number",
    "finite_number": "a finite number",
    "enum": None,
}


T = TypeVar("T")


@dataclass(frozen=True)
class Document(Generic[T]):
    """A file's (or a page's example's) source, and the model validated from it."""

    source: Source
    model: T


def validate(source: Source, model: type[BaseModel]) -> tuple[BaseModel | None, list[Problem]]:
    try:
        return model.model_validate(source.data), []
    except ValidationError as error:
        return None, [_problem(source, model, detail) for detail in error.errors()]


def _problem(source: Source, model: type[BaseModel], detail: ErrorDetails) -> Problem:
    kind = detail["type"]
    raw: DataPath = tuple(detail["loc"])
    # A missing key is not in the data: keep its name, place it at its parent.
    loc = _data_loc(source.data, raw[:-1]) + raw[-1:] if kind == "missing" and raw else _data_loc(source.data, raw)
    where = ".".join(str(part) for part in loc) or "the file"
    got = _describe(detail.get("input"))

    if kind == "extra_forbidden" and loc:
        key = str(loc[-1])
        allowed = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(allowed)}"
        return Problem(source.place(loc, key=True), f"unknown key '{key}'", fix)
    if kind == "missing" and loc:
        parent = loc[:-1]
        return Problem(
            source.place(parent, key=True),
            f"missing required key '{loc[-1]}'" + (f" in {'.'.join(map(str, parent))}" if parent else ""),
            f"add '{loc[-1]}:'",
        )
    if kind in _TYPE_WORDS and kind != "enum":
        return Problem(source.place(loc), f"{where} must be {_TYPE_WORDS[kind]}, not {got}", _type_fix(kind, detail))
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
    ctx = detail.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        side = {
            "greater_than_equal": "at least",
            "greater_than": "more than",
            "less_than_equal": "at most",
            "less_than": "less than",
        }[kind]
        return Problem(
            source.place(loc), f"{where} is {got}, which is out of range", f"it must be {side} {_number(bound)}"
        )
    if kind == "value_error" and hasattr(ctx.get("error"), "fix"):  # a model's Refusal
        return Problem(source.place(loc), f"{where}: {ctx['error']}", ctx["error"].fix)
    if kind == "string_too_long":
        return Problem(
            source.place(loc),
            f"{where} is too long ({len(detail.get('input') or '')} characters)",
            f"at most {ctx.get('max_length')} characters are allowed",
        )
    return Problem(source.place(loc), f"{where}: {detail['msg']} (got {got})", "see the schema for this key")


def _data_loc(data: Any, loc: DataPath) -> DataPath:
    """The parts of a pydantic location that lead through the data.

    pydantic adds markers such as '[key]' or 'function-after[...]' to locations; they are dropped by
    following the data itself, so a key that merely looks like a marker is never mistaken for one.
    """
    path: list[str | int] = []
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str) and part in data:
            data = data[part]
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            continue
        path.append(part)
    return tuple(path)


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _type_fix(kind: str, detail: ErrorDetails) -> str:
    if kind == "string_type" and isinstance(detail.get("input"), (int, float, bool)):
        return "put the value in quotes"
    if kind == "finite_number":
        return "write an ordinary number, not .inf or .nan"
    return "see the schema for this key"


def _pattern_fix(model: type[BaseModel], loc: DataPath, detail: ErrorDetails) -> str:
    """The description of the value's own type (say, Version), else of its field, else the pattern."""
    descriptions = _descriptions(model, loc)
    return descriptions[-1] if descriptions else f"it must match {detail['ctx']['pattern']}"


def _descriptions(model: type[BaseModel], loc: DataPath) -> list[str]:
    """Every description met on the way to a location, outermost first; empty when the way is lost."""
    found: list[str] = []
    current: Any = model
    for part in loc:
        current = _described(current, found)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) if isinstance(part, str) else None
            if field is None:
                return []
            found += [meta.description for meta in [field, *field.metadata] if getattr(meta, "description", None)]
            current = field.annotation
        elif origin in (tuple, list) and isinstance(part, int):
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            return []
    _described(current, found)
    return found


def _described(annotation: Any, found: list[str]) -> Any:
    """The annotation without Optional and Annotated wrappers, noting the descriptions they carry."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *metadata = typing.get_args(annotation)
            found += [meta.description for meta in metadata if getattr(meta, "description", None)]
        elif origin in (typing.Union, types.UnionType):
            options = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


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
