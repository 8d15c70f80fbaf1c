"""Command line: python -m generator {check,build,serve,schema}."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .matrix.problems import MatrixError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this checkout)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate matrix/ and the catalogs; write nothing")
    commands.add_parser("build", help="validate, generate docs/ and build site/ for every language")
    serve = commands.add_parser("serve", help="live preview that re-renders when a matrix file is saved")
    serve.add_argument("--locale", default=None, help="language to preview (default: the site's default)")
    serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on")
    verify = commands.add_parser("verify", help="run every snippet in its runtimes and check the claims")
    verify.add_argument("--runtime", action="append", help="only this runtime (repeatable)")
    verify.add_argument("--report", type=Path, default=None, help="where to write the JSON report "
                        "(default: .build/verification.json)")
    verify.add_argument("--force", action="store_true", help="run every item, ignoring cached results")
    schema = commands.add_parser("schema", help="write matrix/schema/*.schema.json from the models")
    schema.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    args = parser.parse_args(argv)

    from .website.build import Project, SiteBuildError

    project = Project(args.root.resolve())
    try:
        if args.command == "check":
            return _check(project)
        if args.command == "build":
            return _build(project)
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
    except SiteBuildError as error:
        print(f"{error}\nnothing was written.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _check(project) -> int:
    from .website.build import check

    matrix = check(project)
    cells = sum(len(doc.model.cells) for doc in matrix.formats)
    snippets = sum(len(cell.snippets) for doc in matrix.formats for cell in doc.model.cells)
    print(f"matrix is valid: {len(matrix.formats)} formats, {cells} cells, {snippets} snippets, "
          f"{len(matrix.locales)} languages ({', '.join(matrix.locales)})")
    return 0


def _verify(project, args) -> int:
    from .verify.report import summary
    from .verify.run import UnknownRuntime, verify, write

    try:
        outcome = verify(project, runtimes=args.runtime, force=args.force)
    except UnknownRuntime as error:
        print(error, file=sys.stderr)
        return 1
    report = args.report or project.root / ".build" / "verification.json"
    write(outcome, report)
    print(summary(outcome.records))
    print(f"{outcome.ran} run, {outcome.cached} from cache, in {outcome.seconds:.1f}s; "
          f"report: {report}")
    return 1 if outcome.contradictions else 0


def _build(project) -> int:
    from .website.build import Timings, build

    timings = Timings()
    start = time.perf_counter()
    matrix = build(project, timings)
    stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in timings.stages.items())
    print(f"built {', '.join(matrix.locales)} into {project.site_dir} in {time.perf_counter() - start:.2f}s ({stages})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
