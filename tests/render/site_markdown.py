"""Markdown to HTML with the site's own extensions (from mkdocs.yml), to see what a reader would see."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[2]


@cache
def _extensions() -> tuple[list[str], dict]:
    from mkdocs.utils.yaml import yaml_load

    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as handle:
        entries = yaml_load(handle)["markdown_extensions"]
    names, configs = [], {}
    for entry in entries:
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if config:
            configs[name] = config
    return names, configs


def to_html(text: str) -> str:
    names, configs = _extensions()
    return markdown.markdown(text, extensions=names, extension_configs=configs)
