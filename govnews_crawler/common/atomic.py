"""The one way the project replaces a file: write beside it, flush, fsync, rename."""

import json
import os
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    try:
        with temporary.open("wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)  # a full disk keeps no half file
        raise


def write_json_atomic(path: Path, data: object) -> None:
    """``data`` as indented UTF-8 JSON, replaced atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    write_atomic(path, text.encode("utf-8"))
