"""The packages the matrix speaks of, declared once.

Each is known by its import name, which is also the key of its version in a report (`Versions`)
and, for TensorFlow and tensorflow_hub, of its version bound on a claim or a snippet; it is
installed by its distribution's name, and named on the pages and in the scripts by its name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Package:
    module: str  # the import name: `tensorflow_hub`
    distribution: str | None  # the name it is installed by: `tensorflow-hub`; None: the version is probed
    name: str  # how the pages and the scripts name it
    code: bool = False  # whether the name is code, shown in backticks on the pages
    bounded: bool = False  # whether a claim or a snippet may bound its releases

    @property
    def markdown(self) -> str:
        return f"`{self.name}`" if self.code else self.name


PACKAGES: dict[str, Package] = {
    package.module: package
    for package in (
        Package("tensorflow", "tensorflow", "TensorFlow", bounded=True),
        Package("tensorflow_hub", "tensorflow-hub", "tensorflow_hub", code=True, bounded=True),
        # The Keras that tf.keras is: Keras 3, or Keras 2 built in or from tf-keras. Not one
        # distribution's version (Keras 3 is installed where tf.keras is tf-keras): each runtime
        # declares it and the probe reads it off tf.keras.
        Package("keras", None, "Keras", bounded=True),
        Package("tf_keras", "tf-keras", "tf-keras"),
    )
}
# Distributions that each install the `tensorflow` package, the usual one first: a runtime must hold
# exactly one, and a reader's `pip freeze` may name TensorFlow by any of them.
TENSORFLOW_DISTRIBUTIONS = (
    "tensorflow",
    "tensorflow-cpu",
    "tensorflow-gpu",
    "tensorflow-intel",
    "tensorflow-macos",
    "tensorflow-aarch64",
    "tf-nightly",
    "tf-nightly-cpu",
    "intel-tensorflow",
)
BOUNDED = tuple(module for module, package in PACKAGES.items() if package.bounded)  # in the order bounds are read
