"""WCAG 2.1 AA, as axe-core checks it, on every page of the small project (in its nine languages)
and of the real site (in its seven), in the light and the dark palette: no violation, each one named
by page, element and rule when there is one."""

from __future__ import annotations

import re

import pytest

from ..audits import AXE, AXE_TAGS, built_pages, required

# The root page sends the reader on at once; it is audited as it stands, without leaving.
REFRESH = re.compile(r'<meta http-equiv="refresh"[^>]*>')
# What the page's scripts do as it is first laid out (assets/reachable.js measures the wide tables) is
# done after two frames.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
RUN = """async (tags) => (await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]}))
  .violations.flatMap(rule => rule.nodes.map(node => `${rule.id}: ${node.target.join(" ")}: ${rule.help}`))"""


def staying(body: str):
    return lambda route: route.fulfill(body=body, content_type="text/html")


def violations(page, served, scheme: str) -> list[str]:
    axe = required(AXE).read_text(encoding="utf-8")
    page.emulate_media(color_scheme=scheme)
    site = served.root / "site"
    found = []
    for path in built_pages(site):
        text = (site / path).read_text(encoding="utf-8")
        url = served.url + path
        if REFRESH.search(text):
            page.route(url, staying(REFRESH.sub("", text)))
        page.goto(url)
        page.evaluate(SETTLED)
        page.evaluate(axe)
        found += [f"{path} ({scheme}): {violation}" for violation in page.evaluate(RUN, list(AXE_TAGS))]
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("project", ["small_served", "real_served"])
def test_no_page_violates_wcag_21_aa(page, project, scheme, request):
    found = violations(page, request.getfixturevalue(project), scheme)
    assert not found, f"{len(found)} violations found by axe-core:\n" + "\n".join(found)
