"""A build that fails leaves docs/ and site/ exactly as they were, and no staging folder behind."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import ProjectCopy, assert_failed_cleanly, typo


def _syntax_error(project: ProjectCopy) -> None:
    file = project.format_file
    with project.edit(file) as fmt:
        fmt["cells"][0]["snippets"] = [{"label": "hub.load", "code": "m = hub.load(handle)\n"}]
    project.put_raw(file, {("cells", 0, "snippets", 0, "label"): '"hub.load" x'})


def _unknown_key(project: ProjectCopy) -> None:
    with project.edit(project.format_file) as fmt:
        fmt["cells"][0]["snipets"] = fmt["cells"][0].pop("snippets", [])


def _not_utf8(project: ProjectCopy) -> None:
    file = project.catalog()
    with project.edit(file) as catalog:
        catalog["messages"]["nav.extra"] = "caf-not-utf8"
    project.write_bytes(file, project.path(file).read_bytes().replace(b"caf-not-utf8", b"caf\xe9"))


def _tag(project: ProjectCopy) -> None:
    marker = project.root.parent / "pwned"
    file = project.format_file
    with project.edit(file) as fmt:
        fmt["cells"][0]["snippets"] = [{"label": "hub.load", "code": "m = hub.load(handle)\n"}]
    project.put_raw(file, {("cells", 0, "snippets", 0, "code"): f'!!python/object/apply:os.system ["touch {marker}"]'})


def _unknown_mode(project: ProjectCopy) -> None:
    with project.edit(project.format_file) as fmt:
        fmt["columns"][-1]["modes"][0] = typo(fmt["columns"][-1]["modes"][0])


MUTATIONS: dict[str, Callable[[ProjectCopy], None]] = {
    "syntax_error": _syntax_error,
    "unknown_key": _unknown_key,
    "not_utf8": _not_utf8,
    "tag": _tag,
    "unknown_mode": _unknown_mode,
}


def _with_sentinels(project: ProjectCopy) -> dict[str, dict[str, bytes]]:
    """A previous build's docs/ and site/, stood in for by sentinel files."""
    locale = project.default_locale
    sentinels = {
        f"docs/{locale}/index.md": "# sentinel docs page: a failed build must not touch this\n",
        "docs/README.md": "sentinel readme\n",
        f"site/{locale}/index.html": "<p>sentinel site page: a failed build must not touch this</p>\n",
        "site/index.html": "<p>sentinel root</p>\n",
    }
    for file, text in sentinels.items():
        project.path(file).parent.mkdir(parents=True, exist_ok=True)
        project.path(file).write_text(text, encoding="utf-8")
    return {"docs": project.tree("docs"), "site": project.tree("site")}


def _assert_untouched(project: ProjectCopy, before: dict[str, dict[str, bytes]]) -> None:
    assert project.tree("docs") == before["docs"], "docs/ changed"
    assert project.tree("site") == before["site"], "site/ changed"
    staging = project.root / ".build"
    leftovers = sorted(p.name for p in staging.glob("staging-*")) if staging.exists() else []
    assert leftovers == [], f"staging folders left behind: {leftovers}"
    old = sorted(p.name for p in project.root.glob(".*.old-*"))
    assert old == [], f"swapped-out folders left behind: {old}"


def test_the_fixture_builds(project: ProjectCopy) -> None:
    """The cases below fail because of what they spoil, not because the copy cannot be built."""
    result = project.build()
    assert result.code == 0, result.output
    assert all(project.path(f"site/{locale}/index.html").is_file() for locale in project.locales)


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_failed_build_does_no_damage(project: ProjectCopy, mutation: str) -> None:
    MUTATIONS[mutation](project)
    before = _with_sentinels(project)
    result = project.build()
    assert_failed_cleanly(result)
    assert result.problem_lines(), result.stderr
    _assert_untouched(project, before)
    assert not (project.root.parent / "pwned").exists()


# mkdocs.yml is the project's own (the fixture has none); each breakage is independent of its text.


def _unknown_extension(project: ProjectCopy) -> None:
    # A later key wins in YAML as MkDocs reads it: the site's extensions become this one alone.
    project.append("mkdocs.yml", "markdown_extensions:\n  - no_such_markdown_extension\n")


def _mkdocs_yml_syntax_error(project: ProjectCopy) -> None:
    project.append("mkdocs.yml", "[unclosed\n")


def _mkdocs_yml_missing(project: ProjectCopy) -> None:
    project.path("mkdocs.yml").unlink()


SITE_BREAKAGES: dict[str, Callable[[ProjectCopy], None]] = {
    "unknown_markdown_extension": _unknown_extension,
    "mkdocs_yml_syntax_error": _mkdocs_yml_syntax_error,
    "mkdocs_yml_missing": _mkdocs_yml_missing,
}


@pytest.mark.parametrize("breakage", list(SITE_BREAKAGES))
def test_build_that_fails_after_validation_does_no_damage(project: ProjectCopy, breakage: str) -> None:
    """The matrix is valid but the site cannot be built from mkdocs.yml: a clean error, nothing written."""
    SITE_BREAKAGES[breakage](project)
    before = _with_sentinels(project)
    result = project.build()
    _assert_untouched(project, before)
    if "Traceback" in result.output:
        pytest.fail(f"the build ended in a traceback (exit code {result.code}):\n{result.output}")
    assert result.code == 1, result.output
    assert "nothing was written." in result.stderr, result.stderr
