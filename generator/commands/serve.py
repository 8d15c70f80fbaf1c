"""`serve`: a live preview of every language."""

from __future__ import annotations

import click

from ..project import Project
from ..website.serve import serve as serve_preview


@click.command()
@click.option("--locale", default=None, help="The language to open first (default: the site's default).")
@click.option("--address", default="127.0.0.1:8000", show_default=True, help="host:port to serve on.")
@click.pass_obj
def serve(project: Project, locale: str | None, address: str) -> None:
    """Preview every language live, until Ctrl+C.

    The pages are rendered again when a file is saved; a broken matrix shows as a page of its problems
    until the files are fixed."""
    serve_preview(project, locale, address)
