"""Build benchmark: the generator's time and memory at 1x, 10x and 100x the matrix, and its share of a build.

    python -m tests.benchmarks.build        (make bench-build)

It prints figures and asserts nothing about time, but exits 1, saying which, when a target is
missed: the generator's work at 100x must cost at most 110x its work at 1x (it grows linearly),
and on the real matrix the generator (validate + render) must take under 10% of a full build.

Each size is measured in a fresh interpreter, so that import time and peak memory belong to that
size alone. Module level uses the standard library only, so a child's import time is the
generator's own.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from tests.helpers import REPO, copy_project, write_yaml

# Size of the synthetic matrix -> (copies of every format, copies of every operation, pages).
# The real matrix has 2 formats x 3 operations x 2 columns = 12 cells; 100x has 20 x 30 x 2 = 1200.
# Each size also gets as many Markdown pages as its factor, each of SAMPLE_SECTIONS sections.
SIZES = {1: (1, 1, 1), 10: (2, 5, 10), 100: (10, 10, 100)}
SAMPLE_SECTIONS = 10
RUNS = 3
MAX_RATIO = 110.0  # time(100x) / time(1x)
MAX_SHARE = 0.10  # (validate + render) / full build


# --- the synthetic matrix ------------------------------------------------------------------------


def scaled_matrix(source: Path, target: Path, format_copies: int, operation_copies: int) -> None:
    """Rewrite `target`, a copy of the matrix `source`, with every format and every operation
    repeated, valid as the real one is.

    Copy k of a format or an operation gets ids and message ids suffixed with a tag (f<k>, o<k>,
    a cell both); each suffixed message repeats the original's text in every catalog, and each
    guide link gets its own suffixed id. Copy 0 keeps the real ids, so (1, 1) is the real matrix.
    """
    import yaml  # not at module level: see the module docstring

    if (format_copies, operation_copies) == (1, 1):
        return

    def read(path: Path) -> dict:
        return yaml.safe_load(path.read_text(encoding="utf-8"))

    renamed: dict[str, str] = {}  # new message id -> the real one it copies
    links = {link["id"]: link["url"] for link in read(source / "links.yaml")["links"]}
    new_links: dict[str, str] = {}

    def message(message_id: str, tag: str) -> str:
        if not tag:
            return message_id
        renamed[f"{message_id}.{tag}"] = message_id
        return f"{message_id}.{tag}"

    def link(link_id: str, tag: str) -> str:
        new_id = f"{link_id}_{tag}" if tag else link_id
        new_links[new_id] = links[link_id]
        return new_id

    def suffixed(name: str, tag: str) -> str:
        return f"{name}_{tag}" if tag else name

    def copy_cell(cell: dict, format_tag: str, operation_tag: str) -> dict:
        tag = format_tag + operation_tag
        cell = dict(cell, operation=suffixed(cell["operation"], operation_tag))
        if "text" in cell:
            cell["text"] = message(cell["text"], tag)
        if "guide" in cell:
            cell["guide"] = {"link": link(cell["guide"]["link"], tag), "text": message(cell["guide"]["text"], tag)}
        if "notes" in cell:
            cell["notes"] = [message(note, tag) for note in cell["notes"]]
        return cell

    def copy_format(fmt: dict, format_tag: str) -> dict:
        copy = dict(fmt, id=suffixed(fmt["id"], format_tag))
        for key in ("name", "summary", "table_title", "table_note"):
            if key in fmt:
                copy[key] = message(fmt[key], format_tag)
        copy["columns"] = [
            {
                key: message(value, format_tag) if key in ("heading", "footnote") else value
                for key, value in column.items()
            }
            for column in fmt["columns"]
        ]
        copy["cells"] = [
            copy_cell(cell, format_tag, operation_tag)
            for operation_tag in tags("o", operation_copies)
            for cell in fmt["cells"]
        ]
        return copy

    operations = read(source / "operations.yaml")["operations"]
    operations = [
        {"id": suffixed(op["id"], tag), "name": message(op["name"], tag)}
        for tag in tags("o", operation_copies)
        for op in operations
    ]
    write_yaml(target / "operations.yaml", {"operations": operations}, modeline(source / "operations.yaml"))

    format_files = sorted((source / "formats").glob("*.yaml"))
    formats = [copy_format(read(path), tag) for tag in tags("f", format_copies) for path in format_files]
    for fmt in formats:
        write_yaml(target / "formats" / f"{fmt['id']}.yaml", fmt, modeline(format_files[0]))
    site = read(source / "site.yaml")
    site["formats"] = [suffixed(format_id, tag) for tag in tags("f", format_copies) for format_id in site["formats"]]
    write_yaml(target / "site.yaml", site, modeline(source / "site.yaml"))
    write_yaml(
        target / "links.yaml",
        {"links": [{"id": link_id, "url": url} for link_id, url in {**links, **new_links}.items()]},
        modeline(source / "links.yaml"),
    )

    for path in sorted((source / "locales").glob("*.yaml")):
        catalog = read(path)
        catalog["messages"].update({new: catalog["messages"][old] for new, old in renamed.items()})
        write_yaml(target / "locales" / path.name, catalog, modeline(path))


def tags(letter: str, copies: int) -> list[str]:
    return [f"{letter}{k}" if k else "" for k in range(copies)]


def modeline(path: Path) -> str:
    """A matrix file's first line (its schema, which the loader requires)."""
    return path.read_text(encoding="utf-8").splitlines()[0]


def sample_page(title: str) -> str:
    """A page as a writer writes one: a title, then sections of a heading, paragraphs with code and
    links by id, a list, a table and a note."""
    lines = [f"# {title} {{#title}}", ""]
    for n in range(SAMPLE_SECTIONS):
        lines += [
            f"## Section {n} {{#section_{n}}}",
            "",
            f"{{#intro_{n}}}",
            f"Load the model with `hub.load` and read the [guide][api_load]; section {n} says how.",
            "",
            f"{{#steps_{n}}}",
            "- Install `tensorflow_hub`.",
            "- Load the model.",
            "",
            f"{{#table_{n}}}",
            "| Name | Meaning |",
            "| --- | --- |",
            "| `handle` | the model's folder |",
            "",
            f"{{#note_{n}}}",
            "```{note} Careful",
            "",
            f"{{#note_{n}_body}}",
            "Models can be large.",
            "```",
            "",
        ]
    return "\n".join(lines)


def add_pages(matrix_dir: Path, count: int) -> None:
    """`count` Markdown pages, listed in matrix/site.yaml."""
    import yaml  # not at module level: see the module docstring

    site_path = matrix_dir / "site.yaml"
    site = yaml.safe_load(site_path.read_text(encoding="utf-8"))
    site["pages"] = [*site.get("pages", []), *(f"sample_{k}" for k in range(count))]
    write_yaml(site_path, site, modeline(site_path))
    (matrix_dir / "pages").mkdir(exist_ok=True)
    for k in range(count):
        (matrix_dir / "pages" / f"sample_{k}.md").write_text(sample_page(f"Sample page {k}"), encoding="utf-8")


def project_copy(root: Path, format_copies: int = 1, operation_copies: int = 1, pages: int = 0) -> Path:
    """A project folder outside the checkout, so the real docs/ and site/ are never touched."""
    copy_project(root, REPO / "matrix")
    scaled_matrix(REPO / "matrix", root / "matrix", format_copies, operation_copies)
    add_pages(root / "matrix", pages)
    return root


# --- measuring -----------------------------------------------------------------------------------


def measure_generator(root: Path) -> dict:
    """In a fresh interpreter: import the generator, then check + report + write_docs RUNS times and once traced.

    The median drops the first run's one-off costs (templates compiled, rule modules imported).
    Peak RSS is read before tracemalloc starts, since its bookkeeping would inflate it.
    """
    start = time.perf_counter()
    from generator.project import Project
    from generator.render.evidence import evidence
    from generator.website.build import check, read_fixtures, read_reports, write_docs

    imported = time.perf_counter() - start
    project = Project(root)

    def generate():
        out = Path(tempfile.mkdtemp(dir=root))
        start = time.perf_counter()
        matrix = check(project)
        write_docs(matrix, out / "docs", evidence(matrix, *read_reports(project)), read_fixtures())
        elapsed = time.perf_counter() - start
        shutil.rmtree(out)
        return matrix, elapsed

    times = [generate()[1] for _ in range(RUNS)]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    tracemalloc.start()
    matrix, _ = generate()
    traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "import": imported,
        "first": times[0],
        "median": statistics.median(times),
        "rss": rss,
        "traced": traced,
        "formats": len(matrix.formats),
        "cells": sum(len(doc.model.cells) for doc in matrix.formats),
        "pages": len(matrix.pages),
        "messages": len(matrix.messages(matrix.default_locale)),
    }


def measure_build(root: Path) -> dict:
    """In a fresh interpreter, as `python -m generator build` runs: one full build and its stage times."""
    from generator.project import Project
    from generator.website.build import Timings, build

    timings = Timings()
    start = time.perf_counter()
    build(Project(root), timings)
    return {"total": time.perf_counter() - start, "stages": timings.stages}


def run_python(*args: str) -> str:
    """Run the checkout's Python in a child process and return its stdout; stop here if it fails."""
    done = subprocess.run([sys.executable, *args], cwd=REPO, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"failed: python {' '.join(args)}\n{done.stdout}{done.stderr}")
    return done.stdout


def in_child(measure: str, root: Path) -> dict:
    return json.loads(run_python("-m", __spec__.name, f"--{measure}", str(root)).splitlines()[-1])


def measure_size(size: int, base: Path) -> dict:
    root = project_copy(base / f"x{size}", *SIZES[size])
    print(f"{size:>4}x  {run_python('-m', 'generator', '--root', str(root), 'check').splitlines()[0]}", flush=True)
    return in_child("generator", root)


def measure_full_build(base: Path) -> dict:
    """The build with the median share of RUNS full builds of the real matrix (one build swings with load)."""
    root = project_copy(base / "full")
    builds = [in_child("build", root) for _ in range(RUNS)]
    for result in builds:
        result["generator"] = result["stages"]["validate"] + result["stages"]["render"]
    return sorted(builds, key=lambda result: result["generator"] / result["total"])[RUNS // 2]


# --- report --------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generator", type=Path, help=argparse.SUPPRESS)  # the child processes
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generator or args.build:
        print(json.dumps(measure_generator(args.generator) if args.generator else measure_build(args.build)))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        results = {size: measure_size(size, Path(tmp)) for size in SIZES}
        full = measure_full_build(Path(tmp))
    return report(results, full)


def report(results: dict[int, dict], full: dict) -> int:
    mib = 1024 * 1024
    base = results[1]["median"]
    print(
        f"\n{'size':>4}  {'formats':>7}  {'cells':>5}  {'pages':>5}  {'messages':>8}  {'import (s)':>10}  "
        f"{'first (s)':>9}  {'gen time (s)':>12}  {'ratio':>6}  {'peak RSS (MiB)':>14}  {'tracemalloc peak (MiB)':>22}"
    )
    for size, r in results.items():
        print(
            f"{size:>3}x  {r['formats']:>7}  {r['cells']:>5}  {r['pages']:>5}  {r['messages']:>8}  "
            f"{r['import']:>10.3f}  {r['first']:>9.3f}  {r['median']:>12.3f}  {r['median'] / base:>6.1f}  "
            f"{r['rss'] / mib:>14.1f}  {r['traced'] / mib:>22.1f}"
        )
    print(
        f"gen time: median of {RUNS} runs of check + report + write_docs in one process, imports excluded; "
        "first: the first of them"
    )
    stages = ", ".join(f"{name} {seconds:.3f}s" for name, seconds in full["stages"].items())
    print(f"full build of the real matrix (median share of {RUNS}): {full['total']:.3f}s ({stages})\n")

    ratio = results[100]["median"] / base
    share = full["generator"] / full["total"]
    linear, small = ratio <= MAX_RATIO, share < MAX_SHARE
    print(f"time(10x)/time(1x) = {results[10]['median'] / base:.1f}")
    print(
        f"{'PASS' if linear else 'FAIL'} linearity: time(100x)/time(1x) = {ratio:.1f} (target: at most {MAX_RATIO:.0f})"
    )
    print(
        f"{'PASS' if small else 'FAIL'} share of a full build: validate + render = {full['generator']:.3f}s "
        f"of {full['total']:.3f}s = {share:.1%} (target: under {MAX_SHARE:.0%})"
    )
    if linear and small:
        return 0
    print("a target was missed", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
