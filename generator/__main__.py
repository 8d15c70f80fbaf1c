"""Command line: python -m generator {check,build,serve,verify,schema}."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .matrix.problems import MatrixError
from .project import Project, ReportUnreadable

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate matrix/ and the catalogs, and say what the report does not cover; "
                        "write nothing")
    build = commands.add_parser("build", help="validate, generate docs/ and build site/ for every language")
    build.add_argument("--allow-contradicted", action="store_true",
                       help="build even when the report contradicts a claim (for a preview, never to publish)")
    serve = commands.add_parser("serve", help="live preview of every language, re-rendered when a file is saved")
    serve.add_argument("--locale", default=None, help="the language to open first (default: the site's default)")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    verify = commands.add_parser("verify", help="run every snippet in its runtimes and check the claims")
    verify.add_argument("--runtime", action="append", help="only this runtime (repeatable)")
    verify.add_argument("--only", action="append", default=[], metavar="PATTERN",
                        help="only the items whose id contains PATTERN or matches it as a shell pattern, "
                        "e.g. 'tf1_hub/load/*' (repeatable); the report is not written")
    verify.add_argument("--verbose", action="store_true", help="print whole tracebacks and what each failing run printed")
    verify.add_argument("--report", type=Path, default=None, help="where to write the JSON report "
                        "(default: .build/verification.json)")
    verify.add_argument("--force", action="store_true", help="run every item, ignoring cached results")
    schema = commands.add_parser("schema", help="write matrix/schema/*.schema.json from the declarations")
    schema.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    args = parser.parse_args(argv)

    project = Project(args.root.resolve())
    try:
        if args.command == "check":
            return _check(project)
        if args.command == "build":
            return _build(project, args)
        if args.command == "verify":
            return _verify(project, args)
        if args.command == "serve":
            from .website.serve import serve

            return serve(project, args.locale, args.address)
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
    print(f"matrix is valid: {len(matrix.formats)} formats, {cells} cells, {snippets} snippets, "
          f"{len(matrix.locales)} languages ({', '.join(matrix.locales)})")
    shown = project.show(project.report)
    try:
        report = project.read_report()
    except ReportUnreadable as error:
        print(error)
        return 0
    found = evidence(matrix, report)
    if report is None:
        print(f"{shown} does not exist yet: run make verify")
    elif found.uncovered:
        print(f"{shown} does not cover {len(found.uncovered)} of {len(found.every)} examples as they are now "
              f"(new or changed since it was made): run make verify")
    else:
        print(f"{shown} covers all {len(found.every)} examples")
    for item, record in found.contradicted:
        print(f"{item.example.claim_place}: the report contradicts this claim ({item.id}): {record.reason}")
    return 0


def _verify(project: Project, args) -> int:
    from .verify.report import write_report
    from .verify.run import Interrupted, UnknownRuntime, verify
    from .verify.summary import summary

    matrix = project.load()
    only = tuple(args.only)
    try:
        run = verify(project, matrix, runtimes=args.runtime, only=only, force=args.force)
    except UnknownRuntime as error:
        print(error, file=sys.stderr)
        return 1
    except Interrupted as error:
        print(error, file=sys.stderr)
        return 130
    if not run.items:
        print(f"no item matches {', '.join(only)}; item ids look like tf1_hub/load/tf2/hub.load[current]",
              file=sys.stderr)
        return 1
    print(summary(run.records, verbose=args.verbose))
    where = "not written (--only runs a part)"
    if not only:
        report = args.report or project.work_dir / "verification.json"
        write_report(report, run.report())
        where = project.show(report)
    print(f"{run.ran} run, {run.cached} from cache, in {run.seconds:.1f}s; report: {where}")
    return 1 if run.contradictions else 0


def _build(project: Project, args) -> int:
    from .website.build import SiteBuildError, Timings, build

    timings = Timings()
    start = time.perf_counter()
    try:
        matrix = build(project, timings, allow_contradicted=args.allow_contradicted)
    except SiteBuildError as error:
        print(f"{error}\nnothing was written.", file=sys.stderr)
        return 1
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.stages.items())
    print(f"built {', '.join(matrix.locales)} into {project.site_dir} in {time.perf_counter() - start:.2f}s ({stages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
