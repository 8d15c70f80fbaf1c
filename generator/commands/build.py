"""`build`: validate, render every language and build the site."""

from __future__ import annotations

import re
import time

import click

from ..matrix.model import SITE_URL
from ..project import Project
from ..website.build import Timings
from ..website.build import build as build_site


@click.command()
@click.option(
    "--allow-contradicted",
    is_flag=True,
    help="Build even when a report contradicts a claim (for a preview, never to publish).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to build while a translation lacks a message or has a stale one (a release gate; "
    "without it such messages are shown in English, under a notice).",
)
@click.option(
    "--site-url",
    metavar="URL",
    callback=lambda _context, _option, value: _site_url(value),
    help="The address the site is published at, ending with '/' (instead of `url` in matrix/site.yaml).",
)
@click.pass_obj
def build(project: Project, allow_contradicted: bool, strict: bool, site_url: str | None) -> None:
    """Validate, generate docs/ and build site/ for every language.

    Nothing is replaced unless every language builds."""
    timings = Timings()
    start = time.perf_counter()
    matrix = build_site(project, timings, allow_contradicted=allow_contradicted, strict=strict, site_url=site_url)
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.stages.items())
    click.echo(
        f"built {', '.join(matrix.locales)} into {project.site_dir} in {time.perf_counter() - start:.2f}s ({stages})"
    )


def _site_url(value: str | None) -> str | None:
    if value is not None and not re.match(SITE_URL, value):
        raise click.BadParameter(f"'{value}' is not an address ending with '/', such as https://example.org/docs/")
    return value
