"""packed and unpacked: a file whose name ends in .gz holds its text gzip-compressed, the same text
always as the same bytes; any other file holds it as UTF-8. Damage is a ValueError, never a wrong text."""

from __future__ import annotations

import gzip
import time

import pytest

from generator.files import packed, unpacked

TEXT = '{"records": ["ü", "日本"]}\n' * 50


def test_the_same_text_gives_the_same_bytes_and_reads_back(tmp_path):
    compressed, plain = tmp_path / "sweep.json.gz", tmp_path / "sweep.json"
    first = packed(compressed, TEXT)
    time.sleep(1.1)  # gzip puts the time in its header unless told not to
    assert packed(compressed, TEXT) == first
    assert gzip.decompress(first).decode("utf-8") == TEXT and len(first) < len(TEXT.encode("utf-8"))
    assert packed(plain, TEXT) == TEXT.encode("utf-8")
    for path in (compressed, plain):
        path.write_bytes(packed(path, TEXT))
        assert unpacked(path) == TEXT


@pytest.mark.parametrize(
    "damage",
    [TEXT.encode("utf-8"), gzip.compress(TEXT.encode("utf-8"))[:-9], gzip.compress(b"\xff\xfe"), b"\x1f\x8b\x08junk"],
)
def test_damage_is_a_value_error(tmp_path, damage):
    path = tmp_path / "sweep.json.gz"
    path.write_bytes(damage)
    with pytest.raises(ValueError):
        unpacked(path)
