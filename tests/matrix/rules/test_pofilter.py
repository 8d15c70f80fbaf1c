"""What translate-toolkit's `pofilter` finds in a translation, `check` refuses: every current
translation of the real site, in every language, is given one defect of a kind at a time, and each
defect that one of pofilter's applicable checks reports (and did not report before the change) must
be refused by the rules, at that message. Each kind of defect is one pofilter reports, as a sample
shows.

pofilter's other checks (`sentencecount`, `startcaps`, `unchanged`, …) do not apply to translation
between these languages; what its applicable ones report in correct translations, which `check`
accepts, is in CONTRIBUTING.md (Translate).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache

import pytest
from translate.filters import checks
from translate.storage import pypo

from generator.matrix import markup
from generator.matrix.documents import Matrix
from generator.matrix.message_texts import MessageText, translations
from generator.matrix.rules import run_rules
from generator.project import Project
from generator.render.pages import message_use

from ...helpers import REPO

# The checks `check` answers for: a rule of generator/matrix/rules/ names each in its problems.
APPLICABLE = (
    "brackets",
    "doublequoting",
    "doublespacing",
    "endwhitespace",
    "escapes",
    "newlines",
    "numbers",
    "puncspacing",
    "pythonbraceformat",
    "startwhitespace",
    "tabs",
    "urls",
)

_CODE_OR_PLACEHOLDER = re.compile(r"`[^`]+`|\{[^{}]*\}")
_VERSION = re.compile(r"(?<![\w.])(\d+)\.(\d+)")


def _outside_code(pattern: str, text: str) -> re.Match[str] | None:
    """The first match of `pattern` in the text that is not in a code span or a placeholder."""
    inside = {place for span in _CODE_OR_PLACEHOLDER.finditer(text) for place in range(*span.span())}
    return next((found for found in re.finditer(pattern, text) if found.start() not in inside), None)


def _at(pattern: str, replacement: str) -> Callable[[str], str | None]:
    """A defect: the first match outside code, replaced (a template of its groups)."""

    def defect(text: str) -> str | None:
        found = _outside_code(pattern, text)
        return None if found is None else text[: found.start()] + found.expand(replacement) + text[found.end() :]

    return defect


def _renamed_placeholder(text: str) -> str | None:
    found = re.search(r"\{(\w+)\}", text)
    return None if found is None else text[: found.start()] + "{" + found[1] + "_x}" + text[found.end() :]


def _next_version(text: str) -> str | None:
    found = _outside_code(_VERSION.pattern, text)
    if found is None:
        return None
    return text[: found.start()] + f"{found[1]}.{int(found[2]) + 1}" + text[found.end() :]


# Each: a defect a translator may make, as a change of a translation (None where it cannot be made).
DEFECTS: dict[str, Callable[[str], str | None]] = {
    "a closing bracket lost": _at(r"[)\]}）」»”](?!.*[)\]}）」»”])", ""),
    "an opening bracket lost": _at(r"[(\[{（「«“]", ""),
    "a placeholder renamed": _renamed_placeholder,
    "a space before a comma": _at(r"(\S),", r"\1 ,"),
    "no space after a comma": _at(r", (\w)", r",\1"),
    "no space after a colon": _at(r": (\w)", r":\1"),
    "no space after a full stop": _at(r"(\w)\. (\w)", r"\1.\2"),
    "a space inside parentheses": _at(r"\((\w)", r"( \1"),
    "a space after a full-width mark": _at(r"([。、，])(\w)", r"\1 \2"),
    "whitespace at the start": lambda text: " " + text,
    "whitespace at the end": lambda text: text + " ",
    "a double space": _at(r"(\w) (\w)", r"\1  \2"),
    "a line break": _at(r"(\w) (\w)", "\\1\n\\2"),
    "a tab": _at(r"(\w) (\w)", "\\1\t\\2"),
    "a version changed": _next_version,
}


@cache
def real_matrix() -> Matrix:
    return Project(REPO).load(message_use())


@cache
def checker(locale: str) -> checks.TeeChecker:
    """The checks `pofilter --language=LOCALE` runs, limited to the applicable ones."""
    language = locale.split("-")[0]
    return checks.TeeChecker(
        checkerconfig=checks.CheckerConfig(targetlanguage=language),
        checkerclasses=[checks.StandardChecker, checks.StandardUnitChecker],
        languagecode=language,
        limitfilters=list(APPLICABLE),
    )


@cache  # each translation as it is, is asked about once for every kind of defect
def reported(locale: str, english: str, translation: str, brace_format: bool) -> frozenset[str]:
    """The applicable checks pofilter reports for this translation of the English."""
    unit = pypo.pounit(english)
    unit.target = translation
    if brace_format:
        unit.settypecomment("python-brace-format")
    return frozenset(checker(locale).run_filters(unit))


def mutated(matrix: Matrix, changes: dict[MessageText, str]) -> Matrix:
    """The matrix with these translations changed."""
    catalogs = dict(matrix.catalogs)
    for locale in {message.locale for message in changes}:
        doc = catalogs[locale]
        messages = dict(doc.model.messages)
        messages.update({message.message_id: text for message, text in changes.items() if message.locale == locale})
        catalogs[locale] = replace(doc, model=doc.model.model_copy(update={"messages": messages}))
    return replace(matrix, catalogs=catalogs)


def found_by_pofilter(defect: Callable[[str], str | None]) -> Iterator[tuple[MessageText, str, frozenset[str]]]:
    """Each translation the defect changes in a way pofilter's applicable checks report: the
    message, its changed text and the checks that report it."""
    for message, english in translations(real_matrix()):
        changed = defect(message.text)
        if changed is None or changed == message.text:
            continue
        brace_format = bool(markup.slots(english))
        before = reported(message.locale, english, message.text, brace_format)
        new = reported(message.locale, english, changed, brace_format) - before
        if new:
            yield message, changed, new


@pytest.mark.parametrize("kind", DEFECTS)
def test_check_refuses_each_defect_pofilter_reports(kind: str) -> None:
    found = list(found_by_pofilter(DEFECTS[kind]))
    changes = {message: changed for message, changed, _ in found}
    refused = {problem.place for problem in run_rules(mutated(real_matrix(), changes), message_use())}
    accepted = [
        f"{message.locale} {message.message_id}: {sorted(names)} for {changed!r}"
        for message, changed, names in found
        if message.place not in refused
    ]
    assert not accepted, f"{kind}: pofilter reports, check accepts:\n" + "\n".join(accepted)


# Translations with a place for each kind of defect: (language, English, translation).
SAMPLES = (
    (
        "ru",
        "Load it with {hub}: see [the guide][guide] (TF 2.16), then call it. It runs.",
        "Загрузите её с {hub}: смотрите [руководство][guide] (TF 2.16), затем вызовите. Она работает.",
    ),
    ("ja", "Load it, then call it.", "読み込み、呼び出します。"),
)


@pytest.mark.parametrize("kind", DEFECTS)
def test_pofilter_reports_the_kind_of_defect(kind: str) -> None:
    """Each kind of defect, made in a sample, is one pofilter reports: the test above is about
    what pofilter finds wherever the site's translations have a place for the defect."""
    found: set[str] = set()
    for locale, english, translation in SAMPLES:
        changed = DEFECTS[kind](translation)
        brace_format = bool(markup.slots(english))
        if changed is not None:
            found |= reported(locale, english, changed, brace_format) - reported(
                locale, english, translation, brace_format
            )
    assert found, f"{kind}: made in no sample, or not reported by pofilter"
