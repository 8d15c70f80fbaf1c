"""The build refuses a link to a place that no page has (website/anchors.py)."""

from __future__ import annotations

from generator.website.anchors import broken_anchors

from ..helpers import SMALL_REPORT, copy_project, run_generator


def test_a_link_to_a_missing_place_is_found(tmp_path):
    (tmp_path / "modes").mkdir()
    (tmp_path / "modes" / "index.html").write_text('<h2 id="eager">Eager</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="modes/#eager">ok</a> <a href="modes/#graph">gone</a> <a href="#top">gone</a> '
        '<a href="https://example.org/#x">elsewhere</a> <p id="here"><a href="#here">ok</a></p>',
        encoding="utf-8",
    )
    (tmp_path / "404.html").write_text('<a href="/en/#nowhere">from the root</a>', encoding="utf-8")
    assert broken_anchors(tmp_path) == [
        "index.html: modes/#graph -> no such place on that page",
        "index.html: #top -> no such place on that page",
    ]


def test_tab_links_that_miss_their_tabs_stop_the_build(tmp_path):
    """The tabs extension told to keep the labels' case: the tables' links to tabs would miss."""
    project = copy_project(tmp_path, report=SMALL_REPORT)
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    tabbed = text.index("pymdownx.tabbed:")
    assert text.count("kwds: {case: lower}") == 2
    config.write_text(
        text[:tabbed] + text[tabbed:].replace("kwds: {case: lower}", "kwds: {case: none}"), encoding="utf-8"
    )
    run = run_generator(project.root, "build", "--allow-contradicted")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "no such place" in run.stderr and "nothing was written" in run.stderr
    assert not project.site_dir.exists()
