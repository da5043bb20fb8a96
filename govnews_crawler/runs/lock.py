"""One run at a time per state directory: an exclusive ``flock`` on ``<state>/run.lock``.

The kernel drops the lock when the process dies (SIGKILL included), so a stale lock
file never blocks the next run; the file names the holder (pid, start) for the message.
"""

import fcntl
import json
import os
from pathlib import Path
from typing import IO

from govnews_crawler.common.clock import utc_now_iso
from govnews_crawler.runs.plan import RunError


class RunLock:
    def __init__(self, state_dir: Path):
        self.path = state_dir / "run.lock"
        self.file: IO[str] | None = None

    def acquire(self, run_id: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        file = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            file.seek(0)
            holder = file.read().strip() or "{}"
            file.close()
            info = json.loads(holder)
            raise RunError(f"another run holds {self.path}: run {info.get('run_id')} (pid {info.get('pid')}, "
                           f"started {info.get('started')}); wait for it or stop it") from None
        file.truncate(0)
        file.write(json.dumps({"run_id": run_id, "pid": os.getpid(), "started": utc_now_iso()}))
        file.flush()
        self.file = file

    def release(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
