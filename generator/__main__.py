"""Command line: python -m generator {check,build,serve,verify,sweep,schema,report,ci}."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .files import write_atomically
from .matrix.problems import MatrixError
from .project import Project, ReportUnreadable

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "check", help="validate matrix/ and the catalogs, and say what the report does not cover; write nothing"
    )
    build = commands.add_parser("build", help="validate, generate docs/ and build site/ for every language")
    build.add_argument(
        "--allow-contradicted",
        action="store_true",
        help="build even when the report contradicts a claim (for a preview, never to publish)",
    )
    build.add_argument(
        "--strict", action="store_true", help="refuse to build while a translation lacks a message or has a stale one"
    )
    serve = commands.add_parser("serve", help="live preview of every language, re-rendered when a file is saved")
    serve.add_argument("--locale", default=None, help="the language to open first (default: the site's default)")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    verify = commands.add_parser("verify", help="run every snippet in the everyday runtimes and check the claims")
    sweep = commands.add_parser(
        "sweep",
        help="run every snippet in every sweep runtime (a TensorFlow and "
        "tensorflow_hub pair each) and check the claims",
    )
    for command, report in ((verify, ".build/verification.json"), (sweep, "matrix/sweep.json")):
        command.add_argument("--runtime", action="append", help="only this runtime (repeatable)")
        command.add_argument(
            "--shard",
            type=_shard,
            default=None,
            metavar="I/N",
            help="only every N-th runtime from the I-th, e.g. 2/4, to split a run over machines; "
            "join the partial reports with `report merge`",
        )
        command.add_argument(
            "--only",
            action="append",
            default=[],
            metavar="PATTERN",
            help="only the items whose id contains PATTERN or matches it as a shell pattern, "
            "e.g. 'tf1_hub/load/*' (repeatable); the report is not written",
        )
        command.add_argument(
            "--verbose", action="store_true", help="print whole tracebacks and what each failing run printed"
        )
        command.add_argument(
            "--report",
            type=Path,
            default=None,
            help=f"where to write the JSON report (default: "
            f"{report}; a partial run, with --runtime or --shard, needs one)",
        )
        command.add_argument("--force", action="store_true", help="run every item, ignoring cached results")
    sweep.add_argument(
        "--keep",
        action="store_true",
        help="keep each runtime once its items are done (default: release it, and its TensorFlow "
        "in the package cache, to free the disk)",
    )
    bounds = commands.add_parser(
        "bounds",
        help="read the TensorFlow and tensorflow_hub bounds off the sweep report "
        "and print each that disagrees with the matrix",
    )
    bounds.add_argument(
        "--write",
        action="store_true",
        help="edit the matrix files in place so that they agree (comments and formatting kept)",
    )
    i18n = commands.add_parser("i18n", help="translations: status, mark, export and import (gettext PO)")
    i18n_commands = i18n.add_subparsers(dest="i18n_command", required=True)
    i18n_commands.add_parser("status", help="per language: translated, stale and missing messages, and which")
    mark = i18n_commands.add_parser("mark", help="record that messages translate the English as it is now")
    mark.add_argument("locale")
    mark.add_argument("ids", nargs="*", metavar="ID", help="the messages (default: every one the catalog has)")
    export = i18n_commands.add_parser("export", help="write a language's catalog as a gettext PO file")
    export.add_argument("locale")
    export.add_argument("--output", type=Path, default=None, help="the PO file (default: standard output)")
    po_import = i18n_commands.add_parser("import", help="read a gettext PO file into a language's catalog")
    po_import.add_argument("locale")
    po_import.add_argument("file", type=Path)
    schema = commands.add_parser("schema", help="write matrix/schema/*.schema.json from the declarations")
    schema.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    merge = (
        commands.add_parser("report", help="work on verification reports")
        .add_subparsers(dest="report_command", required=True)
        .add_parser("merge", help="merge partial reports (say, one per runtime, made on several machines) into one")
    )
    merge.add_argument("parts", nargs="+", type=Path, metavar="PART", help="a partial report")
    merge.add_argument("--output", type=Path, required=True, help="where to write the merged report")
    ci = commands.add_parser("ci", help="write .github/workflows/site.yml from matrix/runtimes.yaml")
    ci.add_argument("--check", action="store_true", help="only report whether the workflow is up to date")
    args = parser.parse_args(argv)

    project = Project(args.root.resolve())
    try:
        if args.command == "check":
            return _check(project)
        if args.command == "build":
            return _build(project, args)
        if args.command in ("verify", "sweep"):
            return _verify(project, args)
        if args.command == "i18n":
            return _i18n(project, args)
        if args.command == "bounds":
            return _bounds(project, args)
        if args.command == "serve":
            from .website.serve import serve

            return serve(project, args.locale, args.address)
        if args.command == "report":
            from .verify.merge import merge_command

            return merge_command(project, args.parts, args.output)
        if args.command == "ci":
            from .website.workflow import workflow_command

            return workflow_command(project, check_only=args.check)
        from .matrix.schema import write_schemas

        return write_schemas(project.matrix_dir, check_only=args.check)
    except MatrixError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output went away (`| head`): nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _check(project: Project) -> int:
    from .render.evidence import evidence
    from .website.check import check

    matrix = check(project)
    cells = sum(len(doc.model.cells) for doc in matrix.formats)
    snippets = sum(len(cell.snippets) for doc in matrix.formats for cell in doc.model.cells)
    print(
        f"matrix is valid: {len(matrix.formats)} formats, {cells} cells, {snippets} snippets, "
        f"{len(matrix.locales)} languages ({', '.join(matrix.locales)})"
    )
    try:
        found = evidence(matrix, project.read_report(), project.read_sweep_report())
    except ReportUnreadable as error:
        print(error)
        return 0
    for shown, path, command in (
        (found, project.report, "make verify"),
        (found.sweep, project.sweep_report, "make sweep"),
    ):
        if shown is None:
            continue
        where = project.show(path)
        if shown.report is None:
            print(f"{where} does not exist yet: run {command}")
        elif shown.uncovered:
            print(
                f"{where} does not cover {len(shown.uncovered)} of {len(shown.every)} items as they are now "
                f"(new or changed since it was made): run {command}"
            )
        else:
            print(f"{where} covers all {len(shown.every)} items")
        for item, record in shown.contradicted:
            print(f"{item.example.claim_place}: {where} contradicts this claim ({item.id}): {record.reason}")
    return 0


def _shard(text: str) -> tuple[int, int]:
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(f"'{text}' is not I/N with 1 <= I <= N, e.g. 2/4")
    return int(index), int(count)


def _verify(project: Project, args) -> int:
    """`verify` (the everyday runtimes) and `sweep` (every sweep runtime), whole or in part."""
    from .matrix.sweep import sweep_runtimes
    from .verify.report import RUN_ONLY, SWEEP_ONLY, write_report
    from .verify.run import Interrupted, UnknownRuntime, select_runtimes, verify
    from .verify.summary import summary

    matrix = project.load()
    sweeping = args.command == "sweep"
    declared = (
        tuple(found.runtime for found in sweep_runtimes(matrix.runtimes.model.sweep))
        if sweeping
        else matrix.runtimes.model.runtimes
    )
    if not declared:
        print("matrix/runtimes.yaml declares no sweep", file=sys.stderr)
        return 1
    only = tuple(args.only)
    partial = bool(args.runtime or args.shard)
    if partial and not only and args.report is None:
        print("a partial run (--runtime or --shard) writes a partial report: give it --report FILE", file=sys.stderr)
        return 2
    part = (
        " ".join(
            filter(
                None,
                [
                    args.shard and "shard {}/{}".format(*args.shard),
                    args.runtime and "runtime " + ",".join(args.runtime),
                ],
            )
        )
        or None
    )
    try:
        runtimes = select_runtimes(declared, args.runtime, args.shard)
        run = verify(
            project, matrix, runtimes, only=only, force=args.force, release=sweeping and not args.keep, part=part
        )
    except UnknownRuntime as error:
        print(error, file=sys.stderr)
        return 1
    except Interrupted as error:
        print(error, file=sys.stderr)
        return 130
    if not run.items:
        print(
            f"no item matches {', '.join(only) or 'the runtimes chosen'}; item ids look like "
            "tf1_hub/load/tf2/hub.load[current]",
            file=sys.stderr,
        )
        return 1
    print(summary(run.records, verbose=args.verbose))
    where = "not written (--only runs a part)"
    if not only:
        default = project.matrix_dir / "sweep.json" if sweeping else project.work_dir / "verification.json"
        report = args.report or default
        write_report(report, run.report(), SWEEP_ONLY if sweeping else RUN_ONLY)
        where = project.show(report)
    print(f"{run.ran} run, {run.cached} from cache, in {run.seconds:.1f}s; report: {where}")
    if sweeping and run.ran:
        print(f"{len(runtimes)} runtimes; {run.stats.describe()}")
    return 1 if run.contradictions else 0


def _bounds(project: Project, args) -> int:
    from .matrix.edit import EditImpossible
    from .verify.bound_edits import write_bounds
    from .verify.bounds import disagreements

    matrix = project.load()
    try:
        report = project.read_sweep_report()
    except ReportUnreadable as error:
        print(error, file=sys.stderr)
        return 1
    if report is None:
        print(f"{project.show(project.sweep_report)} does not exist yet: run make sweep", file=sys.stderr)
        return 1
    found = disagreements(matrix, report)
    for disagreement in found:
        print(disagreement)
    if not found:
        print(
            f"every declared bound agrees with {project.show(project.sweep_report)} "
            f"({len(report.runtimes)} runtimes, {report.date})"
        )
        return 0
    if not args.write:
        print(
            f"{len(found)} disagreement{'s' if len(found) != 1 else ''}; "
            "`python -m generator bounds --write` makes the matrix agree",
            file=sys.stderr,
        )
        return 1
    try:
        written = write_bounds(project, found)
    except EditImpossible as error:
        print(f"{error}\nnothing was written.", file=sys.stderr)
        return 1
    print(f"wrote {', '.join(written)}")
    left = disagreements(project.load(), report)
    for disagreement in left:
        print(f"left for a person: {disagreement}", file=sys.stderr)
    return 1 if left else 0


def _i18n(project: Project, args) -> int:
    from .website import i18n

    matrix = project.load()
    if args.i18n_command == "status":
        return i18n.status(matrix)
    if args.locale not in matrix.locales or args.locale == matrix.default_locale:
        others = ", ".join(locale for locale in matrix.locales if locale != matrix.default_locale)
        print(
            f"'{args.locale}' is not a translated language of the site (matrix/site.yaml lists {others})",
            file=sys.stderr,
        )
        return 2
    try:
        if args.i18n_command == "mark":
            return i18n.mark(project, matrix, args.locale, args.ids)
        if args.i18n_command == "import":
            return i18n.import_po(project, matrix, args.locale, args.file)
    except i18n.CatalogEditError as error:
        print(error, file=sys.stderr)
        return 2
    data = i18n.export_po(matrix, args.locale)
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomically(args.output, data)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _build(project: Project, args) -> int:
    from .website.build import SiteBuildError, Timings, build

    timings = Timings()
    start = time.perf_counter()
    try:
        matrix = build(project, timings, allow_contradicted=args.allow_contradicted, strict=args.strict)
    except SiteBuildError as error:
        print(f"{error}\nnothing was written.", file=sys.stderr)
        return 1
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.stages.items())
    print(f"built {', '.join(matrix.locales)} into {project.site_dir} in {time.perf_counter() - start:.2f}s ({stages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
