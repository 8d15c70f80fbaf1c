"""A build that fails leaves docs/ and site/ exactly as they were, and no staging folder behind."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import ProjectCopy, assert_failed_cleanly

TF1_HUB = "matrix/formats/tf1_hub.yaml"
EN = "matrix/locales/en.yaml"

SENTINELS = {
    "docs/en/index.md": "# sentinel docs page: a failed build must not touch this\n",
    "docs/README.md": "sentinel readme\n",
    "site/en/index.html": "<p>sentinel site page: a failed build must not touch this</p>\n",
    "site/index.html": "<p>sentinel root</p>\n",
}


def _syntax_error(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "      - label: hub.Module\n", '      - label: "hub.Module" x\n')


def _unknown_key(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "    snippets:\n", "    snipets:\n")


def _not_utf8(project: ProjectCopy) -> None:
    data = project.path(EN).read_bytes()
    project.write_bytes(EN, data.replace(b"  nav.home: Home\n", b"  nav.home: H\xe9me\n"))


def _tag(project: ProjectCopy) -> None:
    marker = project.root.parent / "pwned"
    project.replace(
        TF1_HUB,
        "        code: |\n          m = hub.Module(handle)\n          outputs = m(inputs)\n",
        f'        code: !!python/object/apply:os.system ["touch {marker}"]\n',
    )


def _unknown_mode(project: ProjectCopy) -> None:
    project.replace(TF1_HUB, "    modes: [tf2]\n", "    modes: [tf3]\n")


MUTATIONS: dict[str, Callable[[ProjectCopy], None]] = {
    "syntax_error": _syntax_error,
    "unknown_key": _unknown_key,
    "not_utf8": _not_utf8,
    "tag": _tag,
    "unknown_mode": _unknown_mode,
}


def _with_sentinels(project: ProjectCopy) -> dict[str, dict[str, bytes]]:
    for file, text in SENTINELS.items():
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


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_failed_build_does_no_damage(project: ProjectCopy, mutation: str) -> None:
    MUTATIONS[mutation](project)
    before = _with_sentinels(project)
    result = project.build()
    assert_failed_cleanly(result)
    assert result.problem_lines(), result.stderr
    _assert_untouched(project, before)
    assert not (project.root.parent / "pwned").exists()


def _unknown_extension(project: ProjectCopy) -> None:
    project.replace("mkdocs.yml", "  - abbr\n", "  - abbr\n  - no_such_markdown_extension\n")


def _mkdocs_yml_syntax_error(project: ProjectCopy) -> None:
    project.replace("mkdocs.yml", "site_name: TF Hub model compatibility\n", 'site_name: "TF Hub model compatibility\n')


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
