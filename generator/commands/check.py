"""`check`: validate the matrix and the catalogs, and say what the committed reports cover."""

from __future__ import annotations

import click

from ..problems import Failure
from ..project import Project
from ..render.evidence import evidence
from ..verify.contradictions import contradiction
from ..website.check import check as check_matrix


@click.command()
@click.pass_obj
def check(project: Project) -> None:
    """Validate matrix/ and the catalogs; write nothing.

    Also says how many examples the committed reports do not cover yet. Exits with 1 when the matrix has
    problems or a committed report contradicts a claim."""
    matrix = check_matrix(project)
    cells = sum(len(doc.model.cells) for doc in matrix.formats)
    snippets = sum(len(cell.snippets) for doc in matrix.formats for cell in doc.model.cells)
    pages, examples = matrix.page_files, matrix.page_examples()
    click.echo(
        f"matrix is valid: {len(matrix.formats)} formats, {cells} cells, {snippets} snippets, "
        f"{len(pages)} pages holding {len(examples)} example(s), "
        f"{len(matrix.locales)} languages ({', '.join(matrix.locales)})"
    )
    found = evidence(matrix, project.read_report(), project.read_sweep_report())
    contradicted = []
    for shown, path, command in (
        (found, project.report, "make verify"),
        (found.sweep, project.sweep_report, "make sweep"),
    ):
        if shown is None:
            continue
        where = project.show(path)
        if shown.report is None:
            click.echo(f"{where} does not exist yet: run {command}")
        elif shown.uncovered:
            click.echo(
                f"{where} does not cover {len(shown.uncovered)} of {len(shown.every)} items as they are now "
                f"(new or changed since it was made): run {command}"
            )
        else:
            click.echo(f"{where} covers all {len(shown.every)} items")
        contradicted += [contradiction(record, item.example) for item, record in shown.contradicted]
    if contradicted:
        raise Failure(contradicted, outcome="fix the claims or the code, then make verify (the site will not build).")
