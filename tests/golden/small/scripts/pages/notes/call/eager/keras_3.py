#!/usr/bin/env python3
# pages/notes/call/eager/Keras 3: Notes on the tiny format, mode TF2
#
# The claim: in this mode the operation is not supported; this code raises ValueError, with a
# message matching 'Only instances of keras.Layer'.
# Versions: since Keras 3. With these the code raises ValueError; with other versions it runs
# without an error.
# Verified:
#   2026-11-25, TensorFlow 2.15.1, tensorflow_hub 0.15.0, Keras 2.15.0, Python 3.11.7: Works
#   2026-11-25, TensorFlow 2.21.0, tensorflow_hub 0.16.1, Keras 3.12.0, tf-keras 2.21.0, Python 3.11.7: Fails, as stated (ValueError: Only instances of keras.Layer can be added to a Sequential model. Received: <tensorflow_hub.keras_layer.KerasLayer object>)
# Source: matrix/pages/notes.md:46:5; the claim: matrix/pages/notes.md:46:5.
#
# Generated from the site's matrix. Run it as it is:
#     python keras_3.py
# It prints "OK" and exits with 0 when the outcome is the one claimed, and exits with an error
# otherwise. Each model it needs is built first, into a temporary folder.

import os
import sys

# Nothing is imported from this file's folder: a file there, this one included (say tf_keras.py),
# must not stand in for a package that TensorFlow or the code imports.
sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != os.path.dirname(os.path.abspath(__file__))]

import atexit
import re
import shutil
import subprocess
import tempfile

EXAMPLE = "pages/notes/call/eager/Keras 3 (mode TF2)"


FIXTURES = {}

if __name__ == "__main__" and sys.argv[1:2] == ["--build-fixture"]:
    # Each fixture is built by a fresh process running this file, as verification builds it: a
    # TF2 SavedModel needs TF2 behaviour, which a TF1 mode turns off for good in this process.
    FIXTURES[sys.argv[2]](sys.argv[3])
    sys.exit(0)

SCRATCH = tempfile.mkdtemp(prefix="tfhub-example-")
atexit.register(shutil.rmtree, SCRATCH, True)
MODELS = {}


def fixture(name):
    """The path of the fixture `name` (a small model), built once into a temporary folder."""
    if name not in MODELS:
        if name not in FIXTURES:
            sys.exit("no fixture %r in this script" % name)
        path = os.path.join(SCRATCH, name)
        subprocess.check_call([sys.executable, os.path.abspath(__file__), "--build-fixture", name, path])
        MODELS[name] = path
    return MODELS[name]


def fixture_output(name):
    """A fresh, empty folder for the code to write into."""
    return tempfile.mkdtemp(prefix=name + "-", dir=SCRATCH)


def first_line(text):
    lines = [line.strip() for line in str(text).strip().splitlines() if line.strip()]
    return lines[0] if lines else ""


def expect_no_error(raised):
    """The claim: the code ran without an error (and the hidden checks passed)."""
    if raised is not None:
        print("CONTRADICTED: %s: the claim is that it works, but it raised:" % EXAMPLE, file=sys.stderr)
        raise raised
    print("OK: %s: ran without an error, as claimed" % EXAMPLE)


def expect_error(raised, declared=None, pattern=None):
    """The claim: the code raised an error (of the declared type, its message matching `pattern`)."""
    if raised is None:
        sys.exit("CONTRADICTED: %s: the claim is that it fails, but it ran without an error" % EXAMPLE)
    error = "%s: %s" % (type(raised).__name__, first_line(raised))
    if declared and not any(base.__name__ == declared.split(".")[-1] for base in type(raised).__mro__):
        sys.exit("CONTRADICTED: %s: raised %s, not the declared %s" % (EXAMPLE, error, declared))
    if pattern and not re.search(pattern, str(raised), re.DOTALL):
        sys.exit("CONTRADICTED: %s: raised %s, whose message does not match %r" % (EXAMPLE, error, pattern))
    print("OK: %s: raised %s, as claimed" % (EXAMPLE, error))


def release(version):
    """'2.15.1' -> (2, 15, 1), as verification compares versions; pre-release suffixes are ignored."""
    return tuple(int(part) for part in re.findall(r"\d+", version.split("rc")[0].split("+")[0])[:3])


def within(version, added, removed):
    have = release(version)
    return (added is None or have >= release(added)) and (removed is None or have < release(removed))


def keras_release():
    """The release of the Keras that tf.keras is: Keras 3, or Keras 2 (built in, or from tf-keras)."""
    try:
        return sys.modules[tensorflow.keras.__name__.split(".")[0]].__version__
    except Exception:  # tf.keras cannot be imported: no Keras bound holds
        return "0"


import tensorflow
import tensorflow_hub

# Does the claim hold for the versions installed? (Its bounds are in the opening comment.)
CLAIM_HOLDS = within(keras_release(), "3", None)


# --- Hidden setup (not on the page): the model's path, the inputs ---
handle = "hidden setup never shown"


# --- The code, exactly as the page shows it ---
import tensorflow as tf

try:
    model = tf.keras.Sequential([hub.KerasLayer(handle)])
except Exception as error:
    raised = error
else:
    raised = None

if CLAIM_HOLDS:
    expect_error(raised, "ValueError", "Only instances of keras.Layer")
else:
    expect_no_error(raised)
