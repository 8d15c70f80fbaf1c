"""A worker: one Python process in one runtime and one mode, running snippets one after another.

This file runs under a runtime's own interpreter, which has TensorFlow but none of the project's
dependencies, so it uses the standard library only (and keeps to Python 3.7 syntax, for a native
TF 1.15 runtime). TensorFlow is imported once, at start; compat mode, which is process-wide and
cannot be undone, is switched on here, in a process made for it.

Protocol: one JSON object per line. The worker first writes {"ready": ...}; then, for each
request {"setup", "code", "checks", "fixtures", "scratch"} on stdin, it writes one result.
Anything TensorFlow prints at C level goes to stderr, never into the protocol.
"""

import builtins
import contextlib
import io
import json
import os
import sys
import tempfile
import time
import traceback

OUTPUT_LIMIT = 4000
GRAPH_MODES = ("tf1", "tf1_compat")  # modes whose snippets run in a graph; the scripts import this


def main():
    mode, emulated = sys.argv[1], sys.argv[2] == "emulated"
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # C-level prints to stdout must not corrupt the protocol
    started = time.perf_counter()
    import tensorflow as tf
    import tensorflow_hub as hub

    graph_mode = mode in GRAPH_MODES
    if graph_mode and tf.__version__.startswith("2."):
        tf.compat.v1.disable_v2_behavior()
    snippet_builtins = _emulating_builtins(tf.compat.v1) if emulated else builtins
    ready = {"ready": True, "startup": time.perf_counter() - started, "versions": _versions(tf, hub)}
    _send(protocol, ready)

    for line in sys.stdin:
        request = json.loads(line)
        _send(protocol, _run(request, tf, graph_mode, snippet_builtins))


def _versions(tf, hub):
    try:
        import tf_keras

        keras = tf_keras.__version__
    except ImportError:
        keras = None
    return {"python": ".".join(map(str, sys.version_info[:3])), "tensorflow": tf.__version__,
            "tensorflow_hub": hub.__version__, "tf_keras": keras}


def _emulating_builtins(v1_module):
    """Builtins in which `import tensorflow` gives tensorflow.compat.v1: TF1 code, run as written."""
    real_import = builtins.__import__

    def emulated_import(name, globals=None, locals=None, fromlist=(), level=0):
        if name == "tensorflow" and not fromlist and level == 0:
            return v1_module
        return real_import(name, globals, locals, fromlist, level)

    table = dict(vars(builtins))
    table["__import__"] = emulated_import
    return table


def _run(request, tf, graph_mode, snippet_builtins):
    fixtures = request["fixtures"]
    scratch = request["scratch"]

    def fixture(name):
        return fixtures[name]

    def fixture_output(name):
        return tempfile.mkdtemp(prefix=name + "-", dir=scratch)

    namespace = {"__name__": "__snippet__", "__builtins__": snippet_builtins,
                 "fixture": fixture, "fixture_output": fixture_output}
    output = io.StringIO()
    phase = "setup"
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            graph = tf.Graph().as_default() if graph_mode else contextlib.nullcontext()
            with graph:
                for phase in ("setup", "code", "checks"):
                    if request.get(phase):
                        exec(compile(request[phase], "<%s>" % phase, "exec", dont_inherit=True), namespace)
        result = {"observed": "pass"}
    except BaseException as error:  # a snippet may raise anything, SystemExit included
        kind = type(error)
        result = {
            "observed": "error" if phase == "setup" else "fail",
            "phase": phase,
            "exception": {
                "type": _qualified(kind),
                "bases": [_qualified(base) for base in kind.__mro__],
                "message": str(error),
            },
        }
        output.write(traceback.format_exc())
    finally:
        _reset(tf, graph_mode)
    text = output.getvalue()
    if len(text) > OUTPUT_LIMIT:
        text = text[: OUTPUT_LIMIT // 2] + "\n[... output truncated ...]\n" + text[-OUTPUT_LIMIT // 2 :]
    result.update(output=text, duration=time.perf_counter() - started)
    return result


def _qualified(kind):
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else module + "." + kind.__qualname__


def _reset(tf, graph_mode):
    """Leave nothing behind for the next snippet: Keras keeps global state between models."""
    if not graph_mode:
        with contextlib.suppress(Exception):
            tf.keras.backend.clear_session()


def _send(protocol, message):
    protocol.write(json.dumps(message) + "\n")
    protocol.flush()


if __name__ == "__main__":
    main()
