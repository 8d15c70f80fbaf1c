"""The search index of a built language (generator/website/search.py), read back from the bundle
Pagefind writes: what a page's text becomes, and what is left out of it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from generator.website.search import index_languages, indexed_languages

SIGNATURE = b"pagefind_dcd"  # what Pagefind 1.x puts before each page's JSON in a fragment

PAGE = """<!doctype html>
<html lang="en"><head><title>Tables</title></head><body><article data-pagefind-body>
<h1 id="title">Tables<a class="headerlink" href="#title">¶</a></h1>
<p>A paragraph about loading.</p>
<table><thead><tr><th>Name</th><th>What it is</th></tr></thead>
<tbody><tr><td>handle</td><td>the model's folder</td></tr></tbody></table>
<div class="tabulated"><table><thead><tr><th>Example</th><th>Verdict</th></tr></thead>
<tbody><tr><td>tiny/load[only]</td><td>Works</td></tr></tbody></table></div>
<details class="abstract releases"><summary>Releases</summary><table><thead><tr><th>TensorFlow</th></tr></thead>
<tbody><tr><td>2.16 · Keras 3</td></tr></tbody></table></details>
<p>Calling it raises <code>TypeError: not callable</code>.</p>
<div class="highlight"><span class="filename">hub.Module</span><pre><span></span><code>import tensorflow_hub
</code></pre></div>
</article></body></html>
"""


def indexed_text(folder: Path) -> list[str]:
    """The text of each page in the folder's index, as Pagefind stored it."""
    texts = []
    for fragment in sorted((folder / "pagefind" / "fragment").iterdir()):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(SIGNATURE), fragment
        texts.append(json.loads(data[len(SIGNATURE) :])["content"])
    return texts


def test_tables_leave_the_index_and_a_writers_rows_stay(tmp_path):
    site = tmp_path / "en"
    (site / "tables").mkdir(parents=True)
    (site / "tables" / "index.html").write_text(PAGE, encoding="utf-8")
    index_languages([site])
    assert indexed_languages(site) == {"en": 1}
    [text] = indexed_text(site)
    assert "A paragraph about loading." in text
    assert "TypeError: not callable" in text  # an exception message in prose stays findable
    assert "handle" in text and "the model's folder" in text  # a writer's own table keeps its rows
    assert "import tensorflow_hub" in text and "hub.Module" not in text  # the code, not its block's title
    for left_out in ("¶", "Name", "What it is", "Example", "Verdict", "tiny/load", "Works", "Keras 3", "Releases"):
        assert left_out not in text, left_out
