"""A released runtime (its environment deleted, its lock kept) is made again from the distributions
its lock records, from the package cache, and TensorFlow is not imported to probe it a second time.

The copy links the project's package cache and holds a lock written from the project's made
`current` runtime, as the sweep leaves one it released; the project's own .runtimes/ is not written.
"""

from __future__ import annotations

from pathlib import Path

from ..helpers import REPO


def test_a_released_runtime_is_made_again_without_a_second_probe(environments: dict, tmp_path: Path) -> None:
    from generator.verify.runtimes import Lock, _python, _wanted, cached_environment, package_cache, prepare

    made = environments["current"]
    runtime = made.runtime.model_copy(update={"interpreter": None})
    package_cache(tmp_path).parent.mkdir()
    package_cache(tmp_path).symlink_to(package_cache(REPO), target_is_directory=True)
    folder = _python(tmp_path, runtime).parent.parent
    folder.mkdir()
    released = Lock(
        wanted=_wanted(runtime),
        python=str(_python(tmp_path, runtime)),
        status=made.status,
        versions=made.versions,
        distributions=made.distributions,
        fingerprint="",
    )
    (folder / "lock.json").write_text(released.model_dump_json(), encoding="utf-8")
    before = cached_environment(tmp_path, runtime)
    assert before is not None and before.released

    said: list[str] = []
    environment = prepare(tmp_path, runtime, said.append)

    assert environment.usable and not environment.released
    assert environment.versions == made.versions and environment.distributions == made.distributions
    assert any("creating it" in line for line in said), said
    assert not any("importing" in line for line in said), said  # the lock's probe stands
    assert cached_environment(tmp_path, runtime) == environment  # its lock written, with the new fingerprint
