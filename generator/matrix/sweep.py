"""The sweep's runtimes, generated from its axes in matrix/runtimes.yaml: one per TensorFlow and
tensorflow_hub pair, in a stable order (TensorFlow, then tensorflow_hub, oldest first).

Each pins exactly `tensorflow==X.Y.Z` (which tf-keras depends on too, so one TensorFlow
distribution lands) and `tensorflow-hub==V`; where the tf_keras rule holds, tf-keras of
TensorFlow's minor release and the rule's environment; then the sweep's own requirements. A pair
outside the TensorFlow releases a tensorflow_hub release declares it works with is generated too,
expected not to import: the sweep checks that declaration like any claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from .examples import release, within
from .model import HubRelease, Runtime, Sweep


@dataclass(frozen=True)
class SweepRuntime:
    runtime: Runtime
    tensorflow: str
    hub: HubRelease
    hub_index: int  # the release's index under sweep.tensorflow_hub, for its place in the file


def minor(version: str) -> str:
    """'2.16.2' -> '2.16'."""
    return ".".join(version.split(".")[:2])


def runtime_id(tensorflow: str, hub: str) -> str:
    return f"tf{minor(tensorflow).replace('.', '_')}_hub{hub.replace('.', '_')}"


def sweep_runtimes(sweep: Sweep | None) -> tuple[SweepRuntime, ...]:
    if sweep is None:
        return ()
    found = []
    for tensorflow in sorted(sweep.tensorflow, key=release):
        keras = sweep.tf_keras if sweep.tf_keras is not None and within(sweep.tf_keras.tensorflow, tensorflow) else None
        for index, hub in sorted(enumerate(sweep.tensorflow_hub), key=lambda pair: release(pair[1].version)):
            requirements = (
                f"tensorflow=={tensorflow}",
                f"tensorflow-hub=={hub.version}",
                *((f"tf-keras=={minor(tensorflow)}.*",) if keras else ()),
                *sweep.requirements,
            )
            environment = {**sweep.environment, **(keras.environment if keras else {})}
            runtime = Runtime(
                id=runtime_id(tensorflow, hub.version),
                requirements=requirements,
                modes=sweep.modes,
                emulates=sweep.emulates,
                environment=environment,
                imports=hub.tensorflow is None or within(hub.tensorflow, tensorflow),
            )
            found.append(SweepRuntime(runtime, tensorflow, hub, index))
    return tuple(found)
