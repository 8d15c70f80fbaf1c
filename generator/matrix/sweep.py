"""The sweep's runtimes, generated from its axes in matrix/runtimes.yaml: one per TensorFlow and
tensorflow_hub pair, in a stable order (TensorFlow, then tensorflow_hub, oldest first).

Each pins exactly `tensorflow==X.Y.Z` (which tf-keras depends on too, so one TensorFlow
distribution lands) and `tensorflow-hub==V`; where the tf_keras rule holds, tf-keras of
TensorFlow's minor release and the rule's environment; then the sweep's own requirements. A pair
outside the TensorFlow releases a tensorflow_hub release declares it works with is generated too,
expected not to import: the sweep checks that declaration like any claim.

Keras is the third axis. Up to TensorFlow 2.15, tf.keras is the Keras 2 TensorFlow ships with;
from 2.16 it is Keras 3, or Keras 2 where the tf_keras rule installs tf-keras and sets
TF_USE_LEGACY_KERAS. With the rule's `keras_3`, each pair that imports there is swept a second
time with the same packages but without the rule's environment: as Keras 3.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import HubRelease, Runtime, Sweep
from .packages import BOUNDED
from .releases import release, within

KERAS_3_FROM = "2.16"  # the first TensorFlow whose tf.keras is Keras 3 unless told otherwise


@dataclass(frozen=True)
class SweepRuntime:
    runtime: Runtime
    tensorflow: str
    hub: HubRelease
    hub_index: int  # the release's index under sweep.tensorflow_hub, for its place in the file

    @property
    def keras(self) -> str:
        """The Keras that tf.keras is here, declared: '2' or '3'."""
        return self.runtime.keras

    @property
    def point(self) -> tuple[str, ...]:
        """Its place in the sweep: its release of each bounded package, in BOUNDED's order."""
        releases = {"tensorflow": self.tensorflow, "tensorflow_hub": self.hub.version, "keras": self.keras}
        return tuple(releases[package] for package in BOUNDED)


def minor(version: str) -> str:
    """'2.16.2' -> '2.16'."""
    return ".".join(version.split(".")[:2])


def runtime_id(tensorflow: str, hub: str, keras_3: bool = False) -> str:
    return f"tf{minor(tensorflow).replace('.', '_')}_hub{hub.replace('.', '_')}{'_keras3' if keras_3 else ''}"


def sweep_runtimes(sweep: Sweep | None) -> tuple[SweepRuntime, ...]:
    if sweep is None:
        return ()
    found = []
    for tensorflow in sorted(sweep.tensorflow, key=release):
        rule = sweep.tf_keras if sweep.tf_keras is not None and within(sweep.tf_keras.tensorflow, tensorflow) else None
        builtin = "3" if release(tensorflow) >= release(KERAS_3_FROM) else "2"
        for index, hub in sorted(enumerate(sweep.tensorflow_hub), key=lambda pair: release(pair[1].version)):
            requirements = (
                f"tensorflow=={tensorflow}",
                f"tensorflow-hub=={hub.version}",
                *((f"tf-keras=={minor(tensorflow)}.*",) if rule else ()),
                *sweep.requirements,
            )
            imports = hub.tensorflow is None or within(hub.tensorflow, tensorflow)
            runtime = Runtime(
                id=runtime_id(tensorflow, hub.version),
                requirements=requirements,
                modes=sweep.modes,
                emulates=sweep.emulates,
                keras="2" if rule else builtin,
                environment={**sweep.environment, **(rule.environment if rule else {})},
                imports=imports,
            )
            found.append(SweepRuntime(runtime, tensorflow, hub, index))
            if rule and rule.keras_3 and imports:
                twin = runtime.model_copy(
                    update={
                        "id": runtime_id(tensorflow, hub.version, keras_3=True),
                        "keras": "3",
                        "environment": sweep.environment,
                    }
                )
                found.append(SweepRuntime(twin, tensorflow, hub, index))
    return tuple(found)


def grid_rows(swept: tuple[SweepRuntime, ...]) -> list[tuple[str, str]]:
    """The rows of a release grid: each TensorFlow release with each Keras swept there, in order."""
    return list(dict.fromkeys((runtime.tensorflow, runtime.keras) for runtime in swept))


def grid_cells(swept: tuple[SweepRuntime, ...]) -> dict[tuple[str, str, str], SweepRuntime]:
    """The runtime that answers for each (TensorFlow, Keras, tensorflow_hub) of a grid. A pair that
    does not import is swept once, whatever the Keras: it answers in every row of its TensorFlow."""
    found = {(runtime.tensorflow, runtime.keras, runtime.hub.version): runtime for runtime in swept}
    for tensorflow, keras in grid_rows(swept):
        for runtime in swept:
            if runtime.tensorflow == tensorflow and not runtime.runtime.imports:
                found.setdefault((tensorflow, keras, runtime.hub.version), runtime)
    return found


def row_label(tensorflow: str, keras: str) -> str:
    """'2.16 · Keras 3'."""
    return f"{minor(tensorflow)} · Keras {keras}"
