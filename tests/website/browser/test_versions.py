"""The home page's "Your versions", in a browser, on the real site and its sweep report: a pasted
`pip freeze` or `pip list` is answered for exactly those releases, as the report observed them (read
here from the report's records, not from the page's data); a pair that cannot be imported says so
and what would work; bad and huge pastes are said plainly; the choice is kept; the answer comes fast.
Every page fails its test on a console error (conftest.watched_context)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from generator.matrix.documents import Matrix
from generator.matrix.examples import COUNTEREXAMPLE, examples
from generator.matrix.sweep import KERAS_3_FROM, SweepRuntime, sweep_runtimes
from generator.matrix.verification import Outcome, RaisedException, Report, RuntimeStatus
from generator.project import Project
from generator.render.messages import Messages
from generator.render.pages import messages
from generator.render.views import tab_anchor
from generator.render.your_versions import ERROR_LENGTH, LIMIT
from generator.verify.items import items_of
from generator.verify.judge import RUNTIME_PHASES, not_applicable

from .conftest import address, watched_context

ANSWER = ".versions-answer"
FAST = 50  # milliseconds from the input event to the answer
UNRELATED = ["numpy==1.26.4", "requests==2.32.3", "protobuf==4.25.3"]


@dataclass(frozen=True)
class Sweep:
    matrix: Matrix
    report: Report
    runtimes: tuple[SweepRuntime, ...]

    def runtime(self, tensorflow: str, hub: str, keras: str = "2") -> SweepRuntime:
        return next(
            swept
            for swept in self.runtimes
            if (swept.tensorflow, swept.hub.version, swept.keras) == (tensorflow, hub, keras)
        )


@pytest.fixture(scope="module")
def sweep(real_served) -> Sweep:
    report = Project(real_served.root).read_sweep_report()
    assert report is not None
    return Sweep(real_served.matrix, report, sweep_runtimes(real_served.matrix.runtimes.model.sweep))


def freeze(*lines: str) -> str:
    return "\n".join([*UNRELATED[:2], *lines, UNRELATED[2]]) + "\n"


def paste(page, text: str) -> None:
    page.fill("#versions-paste", text)


def joined(page, items: list[str]) -> str:
    """Items joined as the page's language joins a list, by the browser's own Intl.ListFormat."""
    return page.evaluate(
        "items => new Intl.ListFormat(document.documentElement.lang, {type: 'conjunction'}).format(items)", items
    )


def notes(page) -> list[str]:
    return [text.strip() for text in page.locator(f"{ANSWER} .versions-note").all_inner_texts()]


def first_line(exception: RaisedException) -> str:
    cause = exception.cause
    lines = cause.message.strip().splitlines()
    text = f"{cause.type}: {lines[0].strip()}" if lines else cause.type
    return text if len(text) <= ERROR_LENGTH else text[: ERROR_LENGTH - 1].rstrip() + "…"


def expected_cells(sweep: Sweep, runtime: SweepRuntime, t: Messages) -> dict[str, tuple[str, list[str], list[str]]]:
    """By tab anchor: the status word, the labels of the code that ran without an error, and each
    failure's line, as the report's records (made for the examples' code as it is now) observed."""
    records = sweep.report.by_id()
    found = [example for example in examples(sweep.matrix) if not example.section.page]
    items = {item.example.id: item for item in items_of(tuple(found), (runtime.runtime,))}
    blocked = (known := sweep.report.runtimes.get(runtime.runtime.id)) is not None and known.status in (
        RuntimeStatus.unimportable,
        RuntimeStatus.uninstallable,
    )
    cells = {}
    for fmt in sweep.matrix.ordered_formats():
        for operation in sweep.matrix.operations.model.operations:
            for mode in sweep.matrix.modes.model.modes:
                works, fails, unusable = [], [], False
                for example in found:
                    if (example.section.owner, example.section.name, example.mode) != (fmt.id, operation.id, mode.id):
                        continue
                    item = items[example.id]
                    seen = records.get(item.id)
                    if (
                        seen is None
                        or seen.runs_digest != item.runs_digest
                        or not_applicable(seen.phase, seen.exception)
                    ):
                        continue
                    label = t.plain("versions.counterexample") if example.label == COUNTEREXAMPLE else example.label
                    if seen.phase in RUNTIME_PHASES:
                        unusable = True
                    elif seen.observed is Outcome.passed:
                        works.append(label)
                    elif seen.observed is Outcome.failed:
                        error = first_line(seen.exception) if seen.exception else "?"
                        fails.append(t.plain("versions.fails", label=label, error=error))
                status = (
                    "unimportable" if blocked or unusable else "works" if works else "fails" if fails else "unverified"
                )
                cells[tab_anchor(fmt, operation.id, mode)] = (t.plain(f"versions.status.{status}"), works, fails)
    return cells


@pytest.mark.parametrize("locale", ["en", "ru"])
def test_a_pair_that_cannot_be_imported_says_so_and_what_would_work(page, real_served, sweep, locale):
    t = messages(sweep.matrix, locale)
    runtime = sweep.runtime("2.17.1", "0.15.0")
    known = sweep.report.runtimes[runtime.runtime.id]
    assert known.status is RuntimeStatus.unimportable and known.cause is not None, "the sweep says otherwise now"
    page.goto(address(real_served, locale))
    paste(page, freeze("tensorflow==2.17.1", "tensorflow-hub==0.15.0"))
    answer = page.locator(ANSWER)
    assert answer.get_attribute("aria-live") == "polite"
    assert answer.get_attribute("data-runtime") == runtime.runtime.id
    said = answer.locator(".versions-pair").inner_text().strip()
    assert said == t.plain("versions.unimportable", hub="0.15.0", tensorflow="2.17.1", error=first_line(known.cause))
    releases = list(dict.fromkeys(swept.hub.version for swept in sweep.runtimes))
    usable = [
        releases.index(swept.hub.version)
        for swept in sweep.runtimes
        if swept.tensorflow == "2.17.1"
        and (status := sweep.report.runtimes.get(swept.runtime.id)) is not None
        and status.status is RuntimeStatus.usable
    ]
    hubs = [releases[index] for index in sorted(set(usable))]  # every release that imports there, as said
    newest = [
        swept.tensorflow
        for swept in sweep.runtimes
        if swept.hub.version == "0.15.0"
        and (status := sweep.report.runtimes.get(swept.runtime.id)) is not None
        and status.status is RuntimeStatus.usable
    ][-1]
    instead = [text.strip() for text in answer.locator(".versions-instead").all_inner_texts()]
    assert t.plain("versions.tensorflow_instead", hub="0.15.0", tensorflow=newest) in instead
    assert t.plain("versions.hub_instead", tensorflow="2.17.1", releases=joined(page, hubs)) in instead
    assert t.plain("versions.ignored", count=str(len(UNRELATED))) in notes(page)


def test_the_answer_is_what_the_sweep_observed_for_every_format_operation_and_mode(page, real_served, sweep):
    t = messages(sweep.matrix, "en")
    runtime = sweep.runtime("2.15.1", "0.15.0")
    page.goto(address(real_served, "en"))
    paste(page, freeze("tensorflow==2.15.1", "tensorflow-hub==0.15.0"))
    answer = page.locator(ANSWER)
    assert answer.get_attribute("data-runtime") == runtime.runtime.id
    assert answer.locator(".versions-answered").inner_text().strip() == t.plain(
        "versions.answered", tensorflow="2.15.1", hub="0.15.0", keras="2"
    )
    expected = expected_cells(sweep, runtime, t)
    shown = answer.locator(".versions-cell")
    assert shown.count() == len(expected)
    for number in range(shown.count()):
        cell = shown.nth(number)
        anchor = cell.get_attribute("data-cell")
        word, works, fails = expected[anchor]
        assert cell.locator(".versions-status").inner_text().strip() == word, anchor
        lines = [text.strip() for text in cell.locator("p").all_inner_texts()]
        if works:
            assert t.plain("versions.works", labels=joined(page, works)) in lines, anchor
            links = cell.locator(".versions-works a").evaluate_all("links => links.map(a => a.href)")
            assert links and all(link.endswith(f"/en/compatibility/#{anchor}") for link in links), anchor
        else:
            assert not cell.locator(".versions-works").count(), anchor
        assert [line for line in lines if line in fails] == fails, anchor
        assert cell.locator(".versions-fails").count() == len(fails), anchor


def test_a_pip_list_and_releases_outside_the_sweep(page, real_served, sweep):
    t = messages(sweep.matrix, "en")
    page.goto(address(real_served, "en"))
    paste(
        page,
        "Package            Version\n------------------ -------\nnumpy              1.26.4\n"
        "tensorflow         2.15.1\ntensorflow-hub     0.15.0\n",
    )
    assert page.locator(ANSWER).get_attribute("data-runtime") == sweep.runtime("2.15.1", "0.15.0").runtime.id
    assert t.plain("versions.ignored", count="1") in notes(page)

    newest = sweep.runtimes[-1].tensorflow
    paste(page, "Tensorflow_CPU==2.17.0\ntensorflow.hub==0.16.1\ntf_keras==2.17.0\n")
    assert page.locator(ANSWER).get_attribute("data-runtime") == sweep.runtime("2.17.1", "0.16.1", "2").runtime.id
    said = notes(page)
    assert t.plain("versions.nearest", package="TensorFlow", version="2.17.0", swept="2.17.1") in said
    assert t.plain("versions.keras_legacy") in said
    assert page.locator("#versions-keras").input_value() == "2"

    paste(page, "tensorflow==2.17.1\ntensorflow-hub==0.16.1\nkeras==3.6.0\n")
    assert page.locator(ANSWER).get_attribute("data-runtime") == sweep.runtime("2.17.1", "0.16.1", "3").runtime.id
    assert t.plain("versions.keras_3", version=KERAS_3_FROM) in notes(page)
    assert page.locator("#versions-keras").input_value() == "3"

    paste(page, "tensorflow==2.99.0\ntensorflow-hub==0.11.0\n")
    said = notes(page)
    assert t.plain("versions.nearest", package="TensorFlow", version="2.99.0", swept=newest) in said
    oldest = sweep.runtimes[0].hub.version
    assert t.plain("versions.nearest", package="tensorflow_hub", version="0.11.0", swept=oldest) in said
    assert page.locator("#versions-tensorflow").input_value() == newest


def test_bad_lines_and_a_huge_paste_are_said_plainly(page, real_served, sweep):
    t = messages(sweep.matrix, "en")
    page.goto(address(real_served, "en"))
    paste(page, "tensorflow==latest\n!!! not a package\nnumpy==1.26.4\n")
    said = notes(page)
    assert t.plain("versions.malformed", count="2", line="tensorflow==latest") in said
    assert t.plain("versions.ignored", count="1") in said
    assert t.plain("versions.missing_tensorflow") in said
    assert t.plain("versions.missing_hub") in said
    assert page.locator(f"{ANSWER} .versions-cell").count() == 0

    huge = freeze("tensorflow==2.15.1", "tensorflow-hub==0.15.0") + "numpy==1.26.4\n" * (1_000_000 // 14)
    page.locator("#versions-paste").evaluate(
        "(box, text) => { box.value = text; box.dispatchEvent(new Event('input', {bubbles: true})); }", huge
    )
    said = notes(page)
    assert t.plain("versions.truncated", limit=f"{LIMIT:,}") in said
    assert page.locator(ANSWER).get_attribute("data-runtime") == sweep.runtime("2.15.1", "0.15.0").runtime.id


def test_the_choice_is_kept_across_pages_and_visits(page, real_served, sweep):
    page.goto(address(real_served, "en"))
    page.select_option("#versions-tensorflow", "2.13.1")
    page.select_option("#versions-hub", "0.14.0")
    page.select_option("#versions-keras", "3")
    expected = sweep.runtime("2.13.1", "0.14.0").runtime.id
    assert page.locator(ANSWER).get_attribute("data-runtime") == expected
    t = messages(sweep.matrix, "en")
    assert t.plain("versions.keras_builtin", version="2.13.1") in notes(page)
    for locale in ("en", "ru"):
        page.goto(address(real_served, locale))
        assert page.locator("#versions-tensorflow").input_value() == "2.13.1", locale
        assert page.locator("#versions-hub").input_value() == "0.14.0", locale
        assert page.locator("#versions-keras").input_value() == "3", locale
        assert page.locator(ANSWER).get_attribute("data-runtime") == expected, locale


def test_the_answer_comes_within_50_ms(page, real_served):
    """The input event's handling, timed in the page: the first answer on a fresh page, a second
    one, and a paste of 1 MB (the text put in the box beforehand, as the browser does on a paste)."""
    page.goto(address(real_served, "en"))
    listing = "\n".join(
        [f"package-{number}=={number}.0.{number % 7}" for number in range(150)]
        + ["tensorflow==2.17.1", "tensorflow-hub==0.16.1", "tf-keras==2.17.0"]
    )
    other = listing.replace("2.17.1", "2.15.1").replace("0.16.1", "0.15.0")
    huge = (listing + "\n") * (1_000_000 // (len(listing) + 1))
    box = page.locator("#versions-paste")
    times = []
    for text in (listing, other, huge):
        box.evaluate("(box, text) => { box.value = text; }", text)
        times.append(
            box.evaluate(
                """box => {
                    const start = performance.now();
                    box.dispatchEvent(new Event('input', {bubbles: true}));
                    return performance.now() - start;
                }"""
            )
        )
        assert page.locator(f"{ANSWER} .versions-cell").count(), text[:40]
    print(f"versions: answered in {', '.join(f'{time:.1f}' for time in times)} ms (a pip freeze, another, 1 MB)")
    assert max(times) < FAST, times


def test_it_works_by_keyboard_on_a_phone_and_says_what_to_do_without_javascript(browser, real_served):
    with watched_context(browser) as context:
        page = context.new_page()
        page.set_viewport_size({"width": 390, "height": 800})
        page.goto(address(real_served, "en"))
        assert page.locator(".versions-static").is_hidden()
        for name in ("tensorflow", "hub", "keras", "paste"):
            assert page.get_by_label(page.locator(f'label[for="versions-{name}"]').inner_text()).count() >= 1
        tensorflow = page.locator("#versions-tensorflow")
        tensorflow.focus()
        before = page.locator(ANSWER).get_attribute("data-runtime")
        page.keyboard.press("Home")
        assert page.locator(ANSWER).get_attribute("data-runtime") != before
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "versions-hub"
        width = page.evaluate("document.documentElement.clientWidth")
        widest = page.locator(".versions, .versions *").evaluate_all(
            "nodes => Math.max(...nodes.map(node => node.getBoundingClientRect().right))"
        )
        assert widest <= width, (widest, width)
    with watched_context(browser, java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(address(real_served, "en"))
        assert page.locator(".versions-static").is_visible()
        assert page.locator("form.versions").is_hidden()
        assert page.locator(".versions-static a").evaluate("a => a.href").endswith("/en/compatibility/")
