"""A throwaway PostgreSQL server for tests and benchmarks: a new cluster in a temporary
folder, on a free loopback port, with a password, run as the ``postgres`` user when we are
root (PostgreSQL refuses to run as root). Needs the Debian ``postgresql`` package.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

USER, PASSWORD = "govnews", "pg-s3cret-for-tests"


def postgres_bin() -> Path:
    """The folder of ``initdb``/``pg_ctl``: Debian's /usr/lib/postgresql/<v>/bin, else the PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL is needed: apt-get install postgresql (.ci/run installs it)")
    return Path(initdb).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """``with PostgresServer() as pg: pg.database("name")`` gives a postgresql:// URL of a new database."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="govnews-pg-"))
        self.port = free_port()
        self.bin = postgres_bin()

    def _run(self, *command: str, check: bool = True) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=check, capture_output=True, timeout=120)

    def __enter__(self) -> "PostgresServer":
        data, pwfile = self.folder / "data", self.folder / "pw"
        pwfile.write_text(PASSWORD)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
            shutil.chown(pwfile, "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", USER, "--pwfile", str(pwfile),
                  "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8")
        self.start()
        return self

    def start(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-l", str(self.folder / "log"), "-w",
                  "-t", "60", "-o", f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off",
                  "start")

    def stop(self, check: bool = True) -> None:
        """Stop at once, as a crash or a lost server would (the data stays for ``start``)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop",
                  check=check)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def database(self, name: str) -> str:
        """A new, empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}"')
            db.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def __exit__(self, *exc: Any) -> None:
        try:
            self.stop(check=False)  # stopped already by a test, perhaps
        finally:
            time.sleep(0.1)
            shutil.rmtree(self.folder, ignore_errors=True)
