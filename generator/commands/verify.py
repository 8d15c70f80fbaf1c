"""`verify` and `sweep`: run the examples in runtimes, whole or in part, and check the claims."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..matrix.model import Runtime
from ..matrix.sweep import sweep_runtimes
from ..problems import Failure, failure
from ..project import Project
from ..verify.contradictions import contradiction
from ..verify.report import RUN_ONLY, SWEEP_ONLY, write_report
from ..verify.run import select_runtimes
from ..verify.run import verify as run_items
from ..verify.summary import summary

ITEM_ID = "tf1_hub/load/tf2/hub.load[current]"


def _shard(context: click.Context, parameter: click.Parameter, text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise click.BadParameter(f"'{text}' is not I/N with 1 <= I <= N, e.g. 2/4")
    return int(index), int(count)


def run_options(default_report: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The options `verify` and `sweep` share."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(
            [
                click.option("--runtime", "runtimes", multiple=True, help="Only this runtime (repeatable)."),
                click.option(
                    "--shard",
                    callback=_shard,
                    metavar="I/N",
                    help="Only every N-th runtime from the I-th, e.g. 2/4, to split a run over machines; "
                    "join the partial reports with `report merge`.",
                ),
                click.option(
                    "--only",
                    multiple=True,
                    metavar="PATTERN",
                    help="Only the items whose id contains PATTERN or matches it as a shell pattern, e.g. "
                    "'tf1_hub/load/*' (repeatable); the report is not written.",
                ),
                click.option(
                    "--verbose", is_flag=True, help="Print whole tracebacks and what each failing run printed."
                ),
                click.option(
                    "--report",
                    type=click.Path(path_type=Path, dir_okay=False),
                    default=None,
                    help=f"Where to write the JSON report (default: {default_report}; a partial run, with "
                    "--runtime or --shard, needs one).",
                ),
                click.option("--force", is_flag=True, help="Run every item, ignoring cached results."),
            ]
        ):
            command = option(command)
        return command

    return decorate


@click.command()
@run_options(".build/verification.json")
@click.pass_obj
def verify(project: Project, **options: Any) -> None:
    """Run every snippet in the everyday runtimes and check the claims.

    Exits with 1 when a claim is contradicted, naming its file and line."""
    matrix = project.load()
    _run(project, matrix.runtimes.model.runtimes, project.work_dir / "verification.json", **options)


@click.command()
@run_options("matrix/sweep.json.gz")
@click.option(
    "--keep",
    is_flag=True,
    help="Keep each runtime once its items are done (default: release it, and its TensorFlow in the "
    "package cache, to free the disk).",
)
@click.pass_obj
def sweep(project: Project, keep: bool, **options: Any) -> None:
    """Run every snippet in every release pair's runtime and check the claims.

    One runtime per TensorFlow and tensorflow_hub release pair under `sweep:` in matrix/runtimes.yaml;
    the report is matrix/sweep.json.gz. Resumable: Ctrl+C keeps what finished."""
    declared = tuple(found.runtime for found in sweep_runtimes(project.load().runtimes.model.sweep))
    if not declared:
        raise failure("matrix/runtimes.yaml declares no sweep", "add a `sweep:` section", code=1)
    _run(project, declared, project.sweep_report, sweeping=True, release=not keep, **options)


def _run(
    project: Project,
    declared: tuple[Runtime, ...],
    default_report: Path,
    *,
    runtimes: tuple[str, ...],
    shard: tuple[int, int] | None,
    only: tuple[str, ...],
    verbose: bool,
    report: Path | None,
    force: bool,
    sweeping: bool = False,
    release: bool = False,
) -> None:
    partial = bool(runtimes or shard)
    if partial and not only and report is None:
        raise failure("a partial run (--runtime or --shard) writes a partial report", "give it --report FILE")
    part = " ".join(
        ([f"shard {shard[0]}/{shard[1]}"] if shard else []) + ([f"runtime {','.join(runtimes)}"] if runtimes else [])
    )
    chosen = select_runtimes(declared, list(runtimes), shard)
    run = run_items(project, project.load(), chosen, only=only, force=force, release=release, part=part or None)
    if not run.items:
        raise failure(f"no item matches {', '.join(only) or 'the runtimes chosen'}", f"item ids look like {ITEM_ID}")
    click.echo(summary(run.records))
    where = "not written (--only runs a part)"
    if not only:
        path = report or default_report
        write_report(path, run.report(), SWEEP_ONLY if sweeping else RUN_ONLY)
        where = project.show(path)
    click.echo(f"{run.ran} run, {run.cached} from cache, in {run.seconds:.1f}s; report: {where}")
    if sweeping and run.ran:
        click.echo(f"{len(chosen)} runtimes; {run.stats.describe()}")
    if run.contradictions:
        examples = {item.id: item.example for item in run.items}
        hint = "" if verbose else "; add --verbose for whole tracebacks, and --only PATTERN to run some items alone"
        raise Failure(
            [contradiction(record, examples[record.id], verbose=verbose) for record in run.contradictions],
            outcome=f"either the code or the claim is wrong: fix the one that is{hint}.",
        )
