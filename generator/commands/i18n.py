"""`i18n`: the translators' commands: status, mark, export and import (gettext PO)."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from ..files import write_atomically
from ..matrix.documents import Matrix
from ..problems import failure
from ..project import Project
from ..website import i18n as catalogs


@click.group()
def i18n() -> None:
    """Translations: status, mark, export and import (gettext PO)."""


def _translated(project: Project, locale: str) -> Matrix:
    """The matrix, with `locale` checked to be one of its translated languages."""
    matrix = project.load()
    if locale not in matrix.locales or locale == matrix.default_locale:
        others = ", ".join(found for found in matrix.locales if found != matrix.default_locale)
        raise failure(f"'{locale}' is not a translated language of the site", f"matrix/site.yaml lists {others}")
    return matrix


@i18n.command()
@click.pass_obj
def status(project: Project) -> None:
    """Per language: the messages translated, stale and missing.

    A message is stale when the English changed since it was translated. Lists which need work, and
    exits with 1 while any language needs work."""
    lines, complete = catalogs.status(project.load())
    click.echo("\n".join(lines))
    if not complete:
        click.get_current_context().exit(1)


@i18n.command()
@click.argument("locale")
@click.argument("ids", nargs=-1, metavar="[ID]...")
@click.pass_obj
def mark(project: Project, locale: str, ids: tuple[str, ...]) -> None:
    """Mark messages of LOCALE as translating the English as it is now.

    Without IDs, every message the catalog has."""
    click.echo(catalogs.mark(project, _translated(project, locale), locale, list(ids)))


@i18n.command()
@click.argument("locale")
@click.option(
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The PO file (default: standard output).",
)
@click.option(
    "--layout",
    type=click.Choice(sorted(catalogs.LAYOUTS)),
    default="gnu",
    show_default=True,
    help="Lay the file out as GNU gettext's tools save it (msgcat, Poedit, translate-toolkit) or as polib does.",
)
@click.pass_obj
def export(project: Project, locale: str, output: Path | None, layout: str) -> None:
    """Write LOCALE's catalog as a gettext PO file.

    The message id is the msgctxt, the English the msgid; stale translations are fuzzy. The file is
    laid out as the translator's tool saves it, so saving it changes no byte."""
    data = catalogs.export_po(_translated(project, locale), locale, datetime.now(UTC), layout)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomically(output, data)
        click.echo(f"wrote {output}", err=True)


@i18n.command(name="import")
@click.argument("locale")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.pass_obj
def import_(project: Project, locale: str, file: Path) -> None:
    """Read a gettext PO file into LOCALE's catalog.

    Comments and layout are kept; a translated entry that is not fuzzy records the English it
    translates."""
    for line in catalogs.import_po(project, _translated(project, locale), locale, file):
        click.echo(line)
