#!/usr/bin/env python3
# tiny/create/eager/counterexample: Creation, Tiny format, mode TF2
#
# The claim: in this mode the operation is not supported; this code raises RuntimeError, with a
# message matching 'hidden counterexample'.
# Verified:
#   2026-11-25, TensorFlow 2.15.1, tensorflow_hub 0.15.0, Keras 2.15.0, Python 3.11.7: Fails, as stated (RuntimeError: hidden counterexample: eager execution is not supported)
#   2026-11-25, TensorFlow 2.21.0, tensorflow_hub 0.16.1, Keras 3.12.0, tf-keras 2.21.0, Python 3.11.7: Contradicts the page: timeout: still running after 120 s; killed
# Source: matrix/formats/tiny.yaml:58:5; the claim: matrix/formats/tiny.yaml:56:5.
#
# Generated from the site's matrix. Run it as it is:
#     python counterexample.py
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

EXAMPLE = "tiny/create/eager/counterexample (mode TF2)"


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


# --- The code, exactly as the page shows it ---
import tensorflow as tf

try:
    hub.create_module_spec(module_fn)
except Exception as error:
    raised = error
else:
    raised = None

expect_error(raised, "RuntimeError", "hidden counterexample")
