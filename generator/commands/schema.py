"""`schema`: write the JSON Schemas editors use, from the declarations."""

from __future__ import annotations

import click

from ..matrix.schema import write_schemas
from ..project import Project


@click.command()
@click.option("--check", "check_only", is_flag=True, help="Write nothing; exit with 1 if a file is out of date.")
@click.pass_obj
def schema(project: Project, check_only: bool) -> None:
    """Write matrix/schema/*.schema.json from the declarations.

    The declarations are generator/matrix/model.py and the report's, generator/matrix/verification.py."""
    for path in write_schemas(project.matrix_dir, project.root, check_only=check_only):
        click.echo(f"{path}: written")
