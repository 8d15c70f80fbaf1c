"""`report merge`: join partial verification reports."""

from __future__ import annotations

from pathlib import Path

import click

from ..project import Project
from ..verify.merge import merge_parts


@click.group()
def report() -> None:
    """Work on verification reports."""


@report.command()
@click.argument("parts", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="Where to write the merged report."
)
@click.pass_obj
def merge(project: Project, parts: tuple[Path, ...], output: Path) -> None:
    """Merge partial reports into one, in page order.

    The parts are made on several machines, one per runtime or shard. Exits with 2, writing nothing,
    when a part cannot be read or two disagree; with 1, after writing, when the merged report
    contradicts a claim."""
    merged, unknown = merge_parts(project, list(parts), output)
    count = len(parts)
    click.echo(
        f"merged {count} part{'s' if count != 1 else ''} into {output}: {len(merged.records)} records, "
        f"runtimes {', '.join(merged.runtimes) or 'none'}"
    )
    if unknown:
        click.echo(
            f"{unknown} of them {'is not an item' if unknown == 1 else 'are not items'} of the matrix as it "
            "is now (removed since the parts were made?)"
        )
