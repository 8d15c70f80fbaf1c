"""`bounds`: the version bounds the sweep's results support, against those declared."""

from __future__ import annotations

import click

from ..problems import Failure, failure
from ..project import Project
from ..verify.bound_edits import write_bounds
from ..verify.bounds import disagreements


@click.command()
@click.option(
    "--write", is_flag=True, help="Edit the matrix files in place so that they agree (comments and layout kept)."
)
@click.pass_obj
def bounds(project: Project, write: bool) -> None:
    """Compare the declared version bounds with the sweep's results.

    Reads the TensorFlow and tensorflow_hub bounds each claim and snippet's results support off
    matrix/sweep.json.gz, and reports each that disagrees with the matrix. Exits with 1 while any
    disagrees (after --write, any left for a person)."""
    matrix = project.load()
    report = project.read_sweep_report()
    if report is None:
        raise failure(f"{project.show(project.sweep_report)} does not exist yet", "run make sweep")
    found = disagreements(matrix, report)
    if not found:
        click.echo(
            f"every declared bound agrees with {project.show(project.sweep_report)} "
            f"({len(report.runtimes)} runtimes, {report.date})"
        )
        return
    if not write:
        raise Failure(
            [disagreement.problem for disagreement in found],
            outcome="nothing was written: `python -m generator bounds --write` makes the matrix agree.",
        )
    click.echo(f"wrote {', '.join(write_bounds(project, found))}")
    left = disagreements(project.load(), report)
    if left:
        raise Failure([disagreement.problem for disagreement in left], outcome="these are left for a person.")
