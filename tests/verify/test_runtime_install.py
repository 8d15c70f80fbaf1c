"""Making a runtime's environment when the registry fails once: the install is asked once more with
the registry's pages read afresh; a second failure makes the runtime unavailable, with the reason.
uv is stood in for here (what it answers is the point, not what it installs): the real installs run in
test_faults.py and in every verification."""

from __future__ import annotations

import subprocess

import pytest

from generator.matrix.model import Runtime
from generator.verify import runtimes
from generator.verify.runtimes import RuntimeUnavailable, _make

RUNTIME = Runtime(id="current", requirements=("tensorflow==2.21.0",), modes=("tf2",), keras="3")


def answering(monkeypatch: pytest.MonkeyPatch, failures: int) -> list[list[str]]:
    """uv, failing its first `failures` installs as a registry that lists no such version would."""
    commands: list[list[str]] = []

    def attempt(command: list[str], *args, **kwargs) -> subprocess.CompletedProcess:
        commands.append(command)
        installs = sum(1 for done in commands if "sync" in done)
        failed = "sync" in command and installs <= failures
        return subprocess.CompletedProcess(command, 1 if failed else 0, "", "error: No solution found")

    monkeypatch.setattr(runtimes, "_attempt", attempt)
    monkeypatch.setattr(runtimes, "_uv", lambda: "uv")
    return commands


def test_an_install_that_fails_once_is_asked_again_afresh(tmp_path, monkeypatch):
    commands = answering(monkeypatch, failures=1)
    said: list[str] = []
    _make(tmp_path, tmp_path / "current", RUNTIME, ["tensorflow==2.21.0"], said.append)
    installs = [command for command in commands if "sync" in command]
    assert len(installs) == 2 and "--refresh" not in installs[0] and "--refresh" in installs[1], installs
    assert any("trying once more" in line for line in said), said


def test_an_install_that_fails_twice_makes_the_runtime_unavailable(tmp_path, monkeypatch):
    commands = answering(monkeypatch, failures=2)
    with pytest.raises(RuntimeUnavailable, match="could not install its requirements"):
        _make(tmp_path, tmp_path / "current", RUNTIME, ["tensorflow==2.21.0"], lambda line: None)
    assert sum(1 for command in commands if "sync" in command) == 2


def test_an_install_that_works_is_run_once(tmp_path, monkeypatch):
    commands = answering(monkeypatch, failures=0)
    _make(tmp_path, tmp_path / "current", RUNTIME, ["tensorflow==2.21.0"], lambda line: None)
    assert sum(1 for command in commands if "sync" in command) == 1
