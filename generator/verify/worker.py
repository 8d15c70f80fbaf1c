"""A worker: one Python process in one runtime, running snippets one after another.

This file runs under a runtime's own interpreter, which has TensorFlow but none of the project's
dependencies, so it uses the standard library only (and keeps to Python 3.7 syntax, for a native
TF 1.15 runtime). TensorFlow and tensorflow_hub are imported once, at start. Where the system can
fork, each snippet then runs in a child forked for it, which switches to the snippet's mode (compat
mode is process-wide and cannot be undone): no graph, variable or module state passes from one
snippet to the next, and a crash or a hang ends the child alone. Elsewhere a worker serves one
mode, switched on at start, and runs its snippets in turn in a fresh graph.

Protocol: one JSON object per line. The worker first writes {"ready": ...}; then, for each
request {"mode", "emulated", "phases", "fixtures", "scratch", "timeout"} on stdin, it writes one
result. Each phase (the hidden setup, the shown code, the hidden checks) comes with the place of
each of its lines in the YAML files, so a traceback names `matrix/formats/x.yaml:88` rather than a
line of the snippet. Anything TensorFlow prints at C level goes to stderr, never into the protocol.
"""

import builtins
import contextlib
import importlib
import io
import json
import linecache
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback

OUTPUT_LIMIT = 4000
TRACEBACK_FRAMES = 40
GRAPH_MODES = ("tf1", "tf1_compat")  # modes whose snippets run in a graph; the scripts import this
FORK = "fork"  # the worker's argument for a worker that forks a child per snippet
ONCE = "once"  # ... for a process that runs one request from nothing imported, and ends


def main():
    serves = sys.argv[1]  # FORK, ONCE, or the one mode this worker runs
    _end_with_parent()
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # C-level prints to stdout must not corrupt the protocol
    if serves == ONCE:
        _send(protocol, _run(json.loads(sys.stdin.readline()), None))
        return
    started = time.perf_counter()
    import tensorflow as tf
    import tensorflow_hub as hub

    if serves != FORK:
        _switch_mode(tf, serves)
    ready = {"ready": True, "startup": time.perf_counter() - started, "versions": _versions(tf, hub)}
    _send(protocol, ready)

    for line in sys.stdin:
        request = json.loads(line)
        if request.get("fresh"):
            result = _run_once(request)
        elif serves == FORK:
            result = _run_in_child(request, tf)
        else:
            result = _run(request, tf)
            _reset(tf, request["mode"])
        _send(protocol, result)


def _switch_mode(tf, mode):
    if mode in GRAPH_MODES and tf.__version__.startswith("2."):
        tf.compat.v1.disable_v2_behavior()


def _run_in_child(request, tf):
    """Run the request in a child forked for it, killed at the timeout; the worker itself runs nothing."""
    started = time.perf_counter()
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the child: switch mode, run, answer through the pipe, and end
        code = 1
        try:
            os.close(reading)
            _end_with_parent()
            _switch_mode(tf, request["mode"])
            with os.fdopen(writing, "w") as answer:
                answer.write(json.dumps(_run(request, tf)))
            code = 0
        finally:
            os._exit(code)
    os.close(writing)
    chunks, deadline = [], started + request["timeout"]
    with os.fdopen(reading, "rb") as answer:
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or not select.select([answer], [], [], left)[0]:
                os.kill(child, signal.SIGKILL)
                os.waitpid(child, 0)
                return _untested("timeout", "still running after %g s; killed" % request["timeout"], started)
            chunk = os.read(answer.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(child, 0)
    try:
        return json.loads(b"".join(chunks).decode("utf-8"))
    except ValueError:
        how = (
            ("signal %d" % os.WTERMSIG(status)) if os.WIFSIGNALED(status) else ("exit code %d" % os.WEXITSTATUS(status))
        )
        return _untested("crash", "the snippet's process died (%s)" % how, started)


def _run_once(request):
    """Run a request in a new process of this runtime, in which nothing is imported before the
    example's first lines (they set what must be set before TensorFlow is imported); killed at the timeout."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), ONCE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        answer, _ = process.communicate(json.dumps(request).encode() + b"\n", timeout=request["timeout"])
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        return _untested("timeout", "still running after %g s; killed" % request["timeout"], started)
    try:
        return json.loads(answer.decode("utf-8").splitlines()[-1])
    except (ValueError, IndexError):
        return _untested("crash", "the example's process died (exit code %d)" % process.returncode, started)


def _untested(outcome, message, started):
    return {
        "outcome": outcome,
        "exception": {"type": outcome, "message": message},
        "duration": time.perf_counter() - started,
    }


def _end_with_parent():
    """Exit when the process that started this one is gone, even in the middle of a snippet."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _versions(tf, hub):
    try:
        import tf_keras

        keras = tf_keras.__version__
    except ImportError:
        keras = None
    package = tf.keras.__name__.split(".")[0]  # keras (2 built in, or 3) or tf_keras
    return {
        "python": ".".join(map(str, sys.version_info[:3])),
        "tensorflow": tf.__version__,
        "tensorflow_hub": hub.__version__,
        "tf_keras": keras,
        "keras": str(sys.modules[package].__version__),
        "keras_package": package,
    }


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


def _run(request, tf):
    """Run a request's phases in turn. Without `tf` (a process of its own), TensorFlow is imported and
    the mode switched on after the shown code's first lines ran, as a reader's program would."""
    fixtures = request["fixtures"]
    graph_mode = request["mode"] in GRAPH_MODES
    scratch = request["scratch"]

    def fixture(name):
        return fixtures[name]

    def fixture_output(name):
        return tempfile.mkdtemp(prefix=name + "-", dir=scratch)

    namespace = {
        "__name__": "__snippet__",
        "__builtins__": builtins,
        "fixture": fixture,
        "fixture_output": fixture_output,
    }
    phases = request["phases"]
    places = {}
    for phase in phases:
        filename = "<example %s>" % phase["name"]
        text = phase["text"] + "\n"
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        places[filename] = phase["lines"]
    output = io.StringIO()
    name = "setup"
    entered = False  # whether TensorFlow is set up for the phases after the first lines
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), contextlib.ExitStack() as graph:
            for phase in phases:
                name = phase["name"]
                if name != "before" and not entered:
                    entered = True
                    if tf is None:
                        tf = importlib.import_module("tensorflow")
                        _switch_mode(tf, request["mode"])
                    if request["emulated"]:
                        namespace["__builtins__"] = _emulating_builtins(tf.compat.v1)
                    if graph_mode:
                        graph.enter_context(tf.Graph().as_default())
                code = compile(phase["text"] + "\n", "<example %s>" % name, "exec", dont_inherit=True)
                exec(code, namespace)
        result = {"outcome": "pass"}  # type: dict[str, object]
    except BaseException as error:  # a snippet may raise anything, SystemExit included
        result = {
            "outcome": "error" if name == "setup" else "fail",
            "phase": name,
            "exception": _exception(error, places),
        }
    finally:
        for filename in places:
            linecache.cache.pop(filename, None)
    text = output.getvalue()
    if len(text) > OUTPUT_LIMIT:
        text = text[: OUTPUT_LIMIT // 2] + "\n[... output truncated ...]\n" + text[-OUTPUT_LIMIT // 2 :]
    result.update(output=text, duration=time.perf_counter() - started)
    return result


def _exception(error, places):
    """The error, its innermost cause, and its traceback with the example's lines placed in YAML."""
    kind = type(error)
    found = {
        "type": _qualified(kind),
        "bases": [_qualified(base) for base in kind.__mro__],
        "message": _text(error),
    }
    root = _innermost(error)
    if root is not error:
        found["root"] = {"type": _qualified(type(root)), "message": _text(root)}
    formatted = traceback.TracebackException(type(error), error, error.__traceback__)
    frames = []
    for exception in _chain(formatted):
        placed = []
        for frame in exception.stack:
            where = _placed(frame, places)
            if where is not None:
                frames.append("%s: %s" % (where, (frame.line or "").strip()))
                frame = traceback.FrameSummary(
                    where.rsplit(":", 1)[0],
                    int(where.rsplit(":", 1)[1]),
                    frame.name,
                    lookup_line=False,
                    line=frame.line,
                )
            placed.append(frame)
        exception.stack = traceback.StackSummary.from_list(placed)
    found["frames"] = frames[-TRACEBACK_FRAMES:]
    found["traceback"] = _clip("".join(formatted.format()))
    return found


def _innermost(error):
    """The innermost cause: follow `raise ... from cause`, and the error a wrapper hid with
    `from None` (as Keras does); an error merely raised while another was handled is not its cause."""
    seen = set()
    while id(error) not in seen:
        seen.add(id(error))
        inner = error.__cause__ or (error.__context__ if error.__suppress_context__ else None)
        if inner is None:
            break
        error = inner
    return error


def _chain(formatted):
    seen = set()
    while formatted is not None and id(formatted) not in seen:
        seen.add(id(formatted))
        yield formatted
        formatted = formatted.__cause__ or formatted.__context__


def _placed(frame, places):
    lines = places.get(frame.filename)
    if lines is None or not frame.lineno or frame.lineno > len(lines):
        return None
    return lines[frame.lineno - 1]


def _text(error):
    try:
        return _clip(str(error))
    except Exception:  # an exception whose __str__ fails
        return "<the message could not be read>"


def _clip(text):
    return text if len(text) <= OUTPUT_LIMIT else text[: OUTPUT_LIMIT // 2] + "\n[...]\n" + text[-OUTPUT_LIMIT // 2 :]


def _qualified(kind):
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else module + "." + kind.__qualname__


def _reset(tf, mode):
    """Leave nothing behind for the next snippet in the same process: Keras keeps global state."""
    if mode not in GRAPH_MODES:
        with contextlib.suppress(Exception):
            tf.keras.backend.clear_session()


def _send(protocol, message):
    protocol.write(json.dumps(message) + "\n")
    protocol.flush()


if __name__ == "__main__":
    main()
