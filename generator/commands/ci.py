"""`ci`: write the GitHub Actions workflow from the runtimes."""

from __future__ import annotations

import click

from ..project import Project
from ..website.workflow import write_workflow


@click.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit with 1 if the workflow is out of date.")
@click.pass_obj
def ci(project: Project, check_only: bool) -> None:
    """Write .github/workflows/site.yml from matrix/runtimes.yaml."""
    click.echo(write_workflow(project, check_only=check_only))
