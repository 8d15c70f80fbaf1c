"""The shape of the matrix, declared once.

These models are the single declaration of what a matrix file may hold. The JSON Schemas under
`matrix/schema/` are generated from them (`python -m generator schema`), so editors check a file
while it is typed, and the loader validates every file against the same models at the boundary.
Past the loader, code works with these typed, frozen objects only.
"""

from __future__ import annotations

import ast
import warnings
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

MAX_CODE_DEPTH = 100  # levels of Python syntax; real snippets use about 10


class Refusal(ValueError):
    """A value a model refuses, with what to do about it (shape.py shows both)."""

    def __init__(self, what: str, fix: str):
        super().__init__(what)
        self.fix = fix


def _not_too_deep(code: str) -> str:
    """Refuse code nested deeper than Python can parse or compile at any call depth.

    Python's parser and compiler recurse once per level of syntax and give up (RecursionError,
    MemoryError) a few thousand levels down, at a depth that depends on where they are called
    from. Every consumer of the code (the rules, the pages, the scripts, the runner) parses it, so
    it is bounded here, at the boundary, far below any of those limits. Code that does not parse
    at all is left to the snippets rule, which places the syntax error.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = ast.parse(code)
    except (RecursionError, MemoryError):
        raise Refusal(_TOO_DEEP, _SHALLOWER) from None
    except (SyntaxError, ValueError):
        return code
    level: list[ast.AST] = [tree]
    for _ in range(MAX_CODE_DEPTH):
        level = [child for node in level for child in ast.iter_child_nodes(node)]
        if not level:
            return code
    raise Refusal(_TOO_DEEP, _SHALLOWER)


_TOO_DEEP = f"not valid Python here: the code is nested more than {MAX_CODE_DEPTH} levels deep"
_SHALLOWER = "write the code with fewer nested brackets, calls or operators"

Id = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*$"),
    Field(description="An identifier: lower case letters, digits and '_', starting with a letter."),
]
LinkTarget = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*(#[a-z][a-z0-9_-]*)?$"),
    Field(description="A link id from matrix/links.yaml, a page's id, or a section of a page: 'page#section'."),
]
LocaleId = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$"),
    Field(description="A language's code, lower case: 'ru', or with a region, 'pt-br', 'zh-cn', 'es-419'."),
]
MessageId = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"),
    Field(description="The id of a message in every catalog under matrix/locales/, e.g. 'note.train_tag'."),
]
Code = Annotated[
    str,
    StringConstraints(strict=True, min_length=1),
    AfterValidator(_not_too_deep),
    Field(description="Python source code. Use a '|' block so that lines and indentation stay as written."),
]
Text = Annotated[str, StringConstraints(strict=True, min_length=1)]
Label = Annotated[
    str,
    StringConstraints(strict=True, pattern=r'^[^"\n]+$'),
    Field(description="A short label on one line, without double quotes."),
]
Version = Annotated[
    str,
    # Bounded (at most 4 parts of at most 6 digits), so comparing releases never meets a huge number.
    StringConstraints(strict=True, pattern=r"^[0-9]{1,6}(\.[0-9]{1,6}){0,3}$"),
    Field(
        description="A release number such as '0.16.0' (at most 4 parts of at most 6 digits). "
        "Quote it: 1.15 unquoted is a number."
    ),
]
OneLine = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[^\x00-\x08\x0A-\x1F\x7F-\x9F]+$"),
    Field(description="One line of text without control characters (a tab is allowed)."),
]
Message = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=2000),
    Field(
        description="A message: plain text with `code`, [words][link_id] and {placeholder}s; at most 2000 characters."
    ),
]
PythonName = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[A-Za-z_][A-Za-z0-9_.]*$"),
    Field(description="A Python name, such as 'ValueError' or 'tf.errors.NotFoundError'."),
]


class Shape(BaseModel):
    """Closed objects: an unknown key is an error, never silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(str, Enum):
    supported = "supported"
    partial = "partial"
    unsupported = "unsupported"


class Bound(Shape):
    """A package's version range, in the spirit of MDN's version_added / version_removed."""

    added: Version | None = Field(None, description="The first release where the claim holds.")
    removed: Version | None = Field(None, description="The first release where it no longer holds.")


KERAS_BOUND = Field(
    None,
    description="The Keras that tf.keras is, by its release: {removed: '3'} holds with Keras 2 only "
    "(built into TensorFlow up to 2.15, or tf-keras with TF_USE_LEGACY_KERAS=1), {added: '3'} with Keras 3 only.",
)


class Claim(Shape):
    status: Status
    tensorflow: Bound | None = None
    tensorflow_hub: Bound | None = None
    keras: Bound | None = KERAS_BOUND


BEFORE = Field(
    None,
    description="Shown code that comes before the mode's first lines, before TensorFlow is imported: what a reader "
    "must do first, such as setting an environment variable. The example then runs in a process of its own.",
)


Distribution = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*$"),
    Field(description="A distribution's name as pip installs it, lower case: 'tf-keras'."),
]
REQUIRES = Field(
    (),
    description="Distributions a reader installs for this code (say so in the shown code). A runtime without "
    "one of them does not run it: it is reported as not applicable there.",
)


class Snippet(Shape):
    """One way of doing an operation. Only `code` is shown; setup and checks stay hidden."""

    label: Label = Field(description="Shown above the code and in the table, e.g. 'hub.load'.")
    code: Code
    setup: Code | None = Field(None, description="Hidden code run before `code` (defines handle, inputs, ...).")
    checks: Code | None = Field(None, description="Hidden code run after `code`; it raises if the result is wrong.")
    tensorflow: Bound | None = Field(None, description="Narrows the cell's claim for this snippet alone.")
    tensorflow_hub: Bound | None = Field(None, description="Narrows the cell's claim for this snippet alone.")
    keras: Bound | None = KERAS_BOUND
    before: Code | None = BEFORE
    requires: tuple[Distribution, ...] = REQUIRES


class Raises(Shape):
    type: PythonName
    match: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=1000)] = Field(
        description="A regular expression the exception's message must match (searched, as re.search does)."
    )


class Counterexample(Shape):
    """What a reader would try in a mode that does not support the operation, and how it fails."""

    code: Code
    setup: Code | None = None
    raises: Raises


class ExampleTab(Shape):
    """One tab of an example on a page: its code in one mode, or one named variant of it."""

    mode: Id = Field(description="The mode the code runs in; the shown code starts with its prelude.")
    label: Label | None = Field(
        None, description="The tab's name for a variant, e.g. 'Keras 3'; the mode's label when not given."
    )
    code: Code
    setup: Code | None = Field(None, description="Hidden code run before the shown code; replaces the example's.")
    checks: Code | None = Field(None, description="Hidden code run after it; replaces the example's.")
    raises: Raises | None = Field(None, description="This tab's code fails with this error; replaces the example's.")
    tensorflow: Bound | None = Field(None, description="Narrows the example's bound for this tab alone.")
    tensorflow_hub: Bound | None = Field(None, description="Narrows the example's bound for this tab alone.")
    keras: Bound | None = KERAS_BOUND
    before: Code | None = BEFORE
    requires: tuple[Distribution, ...] = REQUIRES


class PageExample(Shape):
    """An example on a page (```{example} id): code in tabs, run and verified like a cell's snippets.

    It works, or, with `raises`, fails with that error, inside its version bounds; outside them the
    opposite is expected. What a tab gives replaces the example's; the bounds of both apply."""

    tabs: tuple[ExampleTab, ...] = Field(min_length=1, description="One tab per mode or named variant.")
    setup: Code | None = Field(None, description="Hidden code run before each tab's code.")
    checks: Code | None = Field(None, description="Hidden code run after each tab's code; it raises if wrong.")
    raises: Raises | None = Field(None, description="The code fails with this error (a counterexample).")
    tensorflow: Bound | None = None
    tensorflow_hub: Bound | None = None
    keras: Bound | None = KERAS_BOUND


class Guide(Shape):
    link: LinkTarget = Field(description="A link id from matrix/links.yaml, a page, or a section of one: page#section.")
    text: MessageId


class Cell(Shape):
    """One table cell: an operation of a format in one column's modes."""

    operation: Id
    column: Id
    claim: Claim
    text: MessageId | None = Field(None, description="Short words shown next to the status.")
    guide: Guide | None = None
    snippets: tuple[Snippet, ...] = ()
    notes: tuple[MessageId, ...] = ()
    counterexample: Counterexample | None = Field(None, description="Required when the claim is 'unsupported'.")


class Column(Shape):
    id: Id
    modes: tuple[Id, ...] = Field(min_length=1)
    heading: MessageId
    footnote: MessageId | None = None


class Format(Shape):
    id: Id
    name: MessageId
    summary: MessageId
    table_title: MessageId
    table_note: MessageId | None = None
    columns: tuple[Column, ...] = Field(min_length=1)
    cells: tuple[Cell, ...] = Field(min_length=1)


class Mode(Shape):
    id: Id
    label: Label = Field(description="The tab label. Identical in every language, so tabs link.")
    name: MessageId
    summary: MessageId
    when: MessageId = Field(description="Who is in this mode, for the home page's guide to choosing one.")
    prelude: Code = Field(description="The lines every snippet of this mode starts with.")
    emphasis: tuple[Annotated[int, Field(strict=True, ge=1)], ...] = Field(
        (), description="Lines of the prelude to highlight, e.g. those that turn the mode on."
    )


class Operation(Shape):
    id: Id
    name: MessageId


class Link(Shape):
    id: Id
    url: Annotated[str, StringConstraints(strict=True, pattern=r"^https://[^\s<>\"]+$")]


EnvironmentName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*$")]
KerasMajor = Annotated[
    str,
    StringConstraints(strict=True, pattern=r"^[23]$"),
    Field(
        description="Which Keras tf.keras is: '2' (built into TensorFlow up to 2.15, or tf-keras with "
        "TF_USE_LEGACY_KERAS=1) or '3' (TensorFlow's own from 2.16). Quote it."
    ),
]


class Runtime(Shape):
    """A Python environment with TensorFlow in which snippets run: made from pinned requirements,
    or an existing interpreter (for example a Python 3.7 with TensorFlow 1.15, to run TF1 natively)."""

    id: Id
    requirements: tuple[OneLine, ...] = Field((), description="Pinned pip requirements, e.g. 'tensorflow-cpu==2.15.1'.")
    interpreter: OneLine | None = Field(None, description="Path of an existing Python with TensorFlow installed.")
    modes: tuple[Id, ...] = Field(min_length=1, description="Modes this runtime runs as they are.")
    emulates: tuple[Id, ...] = Field((), description="Modes run emulated here, e.g. tf1 in compat.v1 graph mode.")
    keras: KerasMajor
    environment: dict[EnvironmentName, OneLine] = Field(
        {}, description="Environment variables set for this runtime's workers."
    )
    imports: bool = Field(
        True,
        description="Whether TensorFlow and tensorflow_hub are expected to install and "
        "import together here. False for releases that do not support each "
        "other: every item is then expected to fail to install or import.",
    )


class HubRelease(Shape):
    version: Version
    tensorflow: Bound | None = Field(
        None,
        description="The TensorFlow releases it installs and imports with. "
        "Outside them a sweep runtime is expected not to import.",
    )


class KerasRule(Shape):
    """Where tf-keras of TensorFlow's own minor release is installed beside it."""

    tensorflow: Bound = Field(description="The TensorFlow releases that get tf-keras, e.g. {added: '2.16'}.")
    environment: dict[EnvironmentName, OneLine] = Field({}, description="Set where tf-keras is installed.")
    keras_3: bool = Field(
        False,
        description="Also sweep each of these TensorFlow releases without the environment, where tf.keras is "
        "Keras 3: a second runtime (id ending in _keras3) for each tensorflow_hub release that imports there.",
    )


class Sweep(Shape):
    """Axes of releases; one sweep runtime is made for each TensorFlow and tensorflow_hub pair."""

    tensorflow: tuple[Version, ...] = Field(
        min_length=1, description="One release of each TensorFlow minor, its latest patch, e.g. '2.16.2'."
    )
    tensorflow_hub: tuple[HubRelease, ...] = Field(min_length=1)
    tf_keras: KerasRule | None = None
    requirements: tuple[OneLine, ...] = Field((), description="Pinned requirements added to every sweep runtime.")
    modes: tuple[Id, ...] = Field(min_length=1, description="Modes the sweep runtimes run as they are.")
    emulates: tuple[Id, ...] = Field((), description="Modes they run emulated.")
    environment: dict[EnvironmentName, OneLine] = Field({}, description="Environment variables of every sweep runtime.")


class RuntimesFile(Shape):
    runtimes: tuple[Runtime, ...] = Field(
        min_length=1, description="The everyday runtimes: `make verify` and the tests."
    )
    sweep: Sweep | None = Field(None, description="The release sweep (`make sweep`), which the bounds are read from.")
    timeout: Annotated[float, Field(strict=True, ge=1, le=3600, allow_inf_nan=False)] = Field(
        120.0, description="Seconds a snippet may run before it is killed: from 1 to 3600."
    )


class ModesFile(Shape):
    modes: tuple[Mode, ...] = Field(min_length=1)


class OperationsFile(Shape):
    operations: tuple[Operation, ...] = Field(min_length=1)


class LinksFile(Shape):
    links: tuple[Link, ...] = ()


SITE_URL = r"^https?://[^\s<>\"?#]+/$"  # an address ending with '/', without a query or a fragment


class SiteFile(Shape):
    formats: tuple[Id, ...] = Field(
        min_length=1, description="The formats in the order the site shows them; each has matrix/formats/<id>.yaml."
    )
    default_locale: LocaleId
    locales: tuple[LocaleId, ...] = Field(
        min_length=1, description="Every language the site is built in; each has matrix/locales/<id>.yaml."
    )
    pages: tuple[Id, ...] = Field(
        (),
        description="The pages, in the order of the navigation; each is written in matrix/pages/<id>.md, and "
        "'index' is the page each language opens with.",
    )
    url: Annotated[str, StringConstraints(strict=True, pattern=SITE_URL)] | None = Field(
        None,
        description="The address the site is published at, ending with '/' (each language is a folder under it). "
        "With it, every page names its address in each language for search engines; `build --site-url` "
        "overrides it, as the publishing workflow does.",
    )


SourceHash = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{12}( [0-9a-f]{12})?$")]


class Catalog(Shape):
    locale: LocaleId
    messages: dict[MessageId, Message]
    sources: dict[MessageId, SourceHash] = Field(
        {},
        description="For each translated message, a hash of the English text it translates and one of the "
        "translation as it was marked; written by `python -m generator i18n mark` and `i18n import`. A "
        "message whose English changed since is stale, and shown in English until it is translated again.",
    )


class Term(Shape):
    """A name that stays as it is in every language."""

    term: Text
    code: bool = Field(False, description="An API name: it must be marked as `code` wherever it appears.")


class WrongRendering(Shape):
    pattern: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=200)] = Field(
        description="A regular expression matching the wrong words. Repeat single characters only "
        "(\\w*, [ау]?), with a fixed character between two repeats; no backreferences."
    )
    locales: tuple[LocaleId, ...] = Field((), description="Where the rule applies; empty means every language.")
    instead: Text = Field(description="What to write instead.")


class GlossaryFile(Shape):
    terms: tuple[Term, ...] = ()
    wrong: tuple[WrongRendering, ...] = ()


# Which model each kind of file is validated against, and the schema file it names.
SCHEMAS: dict[str, type[Shape]] = {
    "site": SiteFile,
    "modes": ModesFile,
    "operations": OperationsFile,
    "links": LinksFile,
    "runtimes": RuntimesFile,
    "format": Format,
    "catalog": Catalog,
    "glossary": GlossaryFile,
}
