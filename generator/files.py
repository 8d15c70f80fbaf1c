"""Writing files so that a reader sees the old content or the new, never half of either; and the
text of a file whose name ends in .gz, which holds it gzip-compressed."""

from __future__ import annotations

import gzip
import os
import tempfile
import zlib
from pathlib import Path

COMPRESSED = ".gz"


def _mode(path: Path) -> int:
    """The replaced file's permissions, or those a new file gets (the temporary file's are 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without setting it (os.umask would change it for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    return 0o022


def write_atomically(path: Path, data: str | bytes) -> Path:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it over `path`,
    whose permissions it keeps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    mode = _mode(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def packed(path: Path, text: str) -> bytes:
    """`text` as the file at `path` holds it: UTF-8, gzip-compressed when the name ends in .gz, with
    no time in the header, so the same text always gives the same bytes."""
    raw = text.encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0) if path.suffix == COMPRESSED else raw


def unpacked(path: Path) -> str:
    """The text of the file at `path`, uncompressed when its name ends in .gz. Raises OSError when it
    cannot be read, ValueError when its bytes are not what the name says (UnicodeDecodeError included)."""
    raw = path.read_bytes()
    if path.suffix == COMPRESSED:
        try:
            raw = gzip.decompress(raw)
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:
            raise ValueError(f"not gzip-compressed as its name says: {error or 'cut short'}") from None
    return raw.decode("utf-8")
