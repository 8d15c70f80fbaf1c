"""The shape of the verification report (matrix/verification.json), declared once.

`make verify` writes it, the pytest items read their verdicts from the same records, and the
site shows them. The JSON Schema `matrix/schema/verification.schema.json` is generated from these
models, and every reader validates the file against them: a report that does not fit is refused
as a whole, with the reason, never read by key.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

ReportVersion = Literal[6]  # a report of another version is stale: run `make verify`
REPORT_VERSION: int = get_args(ReportVersion)[0]


class Outcome(str, Enum):
    """What running an item showed."""

    passed = "pass"  # the code and the hidden checks ran without an error
    failed = "fail"  # the code or the hidden checks raised
    setup_failed = "error"  # the hidden setup raised: nothing was learnt about the claim
    timeout = "timeout"  # still running at the runtime's timeout; killed
    crash = "crash"  # the worker process died
    unavailable = "unavailable"  # the runtime or a fixture could not be made

    @property
    def tested(self) -> bool:
        """Whether the claim was put to the test at all."""
        return self in (Outcome.passed, Outcome.failed)


class Expected(str, Enum):
    passed = "pass"
    failed = "fail"


class Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Cause(Closed):
    type: str
    message: str = ""


class RaisedException(Cause):
    """An exception as recorded: its class, and the innermost cause of a chained or wrapped error."""

    bases: tuple[str, ...] = ()
    root: Cause | None = Field(None, description="The innermost cause, when it is another exception.")
    traceback: str = Field("", description="The whole traceback, its example lines placed in the YAML files.")
    frames: tuple[str, ...] = Field((), description="'file:line: code' of each example line the error passed.")

    @property
    def cause(self) -> Cause:
        """What a writer needs to read: the innermost exception."""
        return self.root or self


Phase = Literal["install", "import", "before", "setup", "code", "checks"]  # where a run stopped; install
# and import stand for a runtime in which the requirements cannot be installed, or tensorflow_hub
# imported; before is the shown code's first lines, run before TensorFlow is imported


class Observation(Closed):
    """What a worker answered for one item; validated, since it comes from another process."""

    outcome: Outcome
    phase: Phase | None = None
    exception: RaisedException | None = None
    output: str = ""
    duration: float = Field(0.0, ge=0)


class Versions(Closed):
    python: str | None = None
    tensorflow: str | None = None
    tensorflow_hub: str | None = None
    tf_keras: str | None = None
    keras: str | None = Field(
        None,
        description="The release of the Keras that tf.keras is, e.g. '3.15.1', or '2.21.0' from tf-keras; "
        "where TensorFlow could not be imported, the runtime's declared '2' or '3'.",
    )
    keras_package: str | None = Field(None, description="The package tf.keras comes from: 'keras' or 'tf_keras'.")


class RuntimeStatus(str, Enum):
    usable = "usable"
    uninstallable = "cannot be installed"  # its requirements cannot be installed together
    unimportable = "cannot be imported"  # TensorFlow or tensorflow_hub raises at import


class RuntimeVersions(Versions):
    emulates: tuple[str, ...] = ()
    status: RuntimeStatus = RuntimeStatus.usable
    cause: RaisedException | None = Field(None, description="Why the runtime cannot be used.")


class Record(Closed):
    """One item's entry in a report: what its claim expects in its runtime, what was observed, the verdict."""

    id: str
    section: str = Field(description="Where the example is shown: '<format>/<operation>', or 'pages/<page>/<example>'.")
    mode: str
    runtime: str
    label: str
    code: str = Field("", description="The code as the page shows it: the mode's prelude, then the snippet.")
    expected: Expected
    observed: Outcome
    phase: Phase | None = None
    confirmed: bool
    reason: str = ""
    emulated: bool
    exception: RaisedException | None = None
    duration: float = Field(0.0, ge=0)
    versions: Versions = Versions()
    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    digest: str = Field(pattern=r"^[0-9a-f]{16}$")
    runs_digest: str = Field(
        pattern=r"^[0-9a-f]{16}$",
        description="The digest of what ran (not of the claim): "
        "a record whose runs_digest matches still observes the example.",
    )
    source: str = Field(description="The snippet's or counterexample's place, file:line:column.")
    claim: str = Field(description="The claim's place, file:line:column.")
    output: str = Field("", description="What the code printed; kept in the cache, left out of the report.")


class Report(Closed):
    version: ReportVersion
    date: str | None = None
    part: str | None = Field(
        None,
        description="Which part of a split run this is, e.g. 'shard 1/4'; "
        "None for a whole one. Parts are joined with `report merge`.",
    )
    runtimes: dict[str, RuntimeVersions] = {}
    records: tuple[Record, ...] = ()

    def by_id(self) -> dict[str, Record]:
        return {record.id: record for record in self.records}

    @property
    def contradictions(self) -> tuple[Record, ...]:
        return tuple(record for record in self.records if not record.confirmed)
