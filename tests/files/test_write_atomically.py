"""write_atomically: the old content or the new, never half; the file's permissions kept."""

from __future__ import annotations

import os
import stat

from generator.files import write_atomically


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_usual(tmp_path):
    existing = tmp_path / "matrix.yaml"
    existing.write_text("old\n", encoding="utf-8")
    os.chmod(existing, 0o640)
    write_atomically(existing, "new\n")
    assert existing.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640

    umask = os.umask(0o022)
    try:
        created = write_atomically(tmp_path / "new.json", b"{}")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(created.stat().st_mode) == 0o644
    assert sorted(path.name for path in tmp_path.iterdir()) == ["matrix.yaml", "new.json"], "no temporary left"
