"""A streaming replica of the test's PostgreSQL cluster, made with pg_basebackup on another port of this machine.

PostgreSQL will not run as root: as root (CI), the replica's files and server belong to the `postgres` user.
"""

import os
import pwd
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict

from tests.dba import dba_url

from .processes import free_port

BIN = Path("/usr/lib/postgresql/15/bin")


def as_server_user(args: list, log: Path | None = None, **kwargs) -> str:
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    done = subprocess.run(prefix + [str(a) for a in args], capture_output=True, text=True, **kwargs)
    if done.returncode:
        told = log.read_text()[-3000:] if log and log.exists() else ""
        raise RuntimeError(f"{args[0]} failed: {done.stdout}{done.stderr}{told}")
    return done.stdout


@contextmanager
def standby():
    """(port, dba connection to it): a hot standby of the primary, replaying its WAL as it comes."""
    with cluster_copy(replica=True) as (port, dba, _data):
        yield port, dba


def restart(data: Path) -> None:
    """`pg_ctl restart -m fast`: every session cut, the server stopped and started again (its output to its log:
    the server would otherwise hold pg_ctl's output open, and the call would never end)."""
    log = data.parent / "log"
    as_server_user([BIN / "pg_ctl", "-D", data, "-l", log, "-m", "fast", "-w", "-t", "180", "restart"], log=log)


@contextmanager
def cluster_copy(replica: bool = False):
    """(port, dba connection, data folder) of a copy of the test's cluster as it is now, on a port of its own:
    a hot standby replaying the primary's WAL when `replica`, else a primary of its own."""
    primary = conninfo_to_dict(dba_url())
    folder = Path(tempfile.mkdtemp(prefix="hoinghi-standby-"))
    data = folder / "data"
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    port = free_port()
    env = os.environ | {"PGPASSWORD": primary.get("password", "")}
    try:
        as_server_user(
            [BIN / "pg_basebackup", "-h", primary.get("host", "127.0.0.1"), "-p", primary.get("port", "5432"),
             "-U", primary["user"], "-D", data, *(["-R"] if replica else []), "-X", "stream", "-c", "fast",
             "--no-sync"],
            env=env,
        )  # fmt: skip
        # Debian keeps the primary's settings in /etc: the replica has its own, on its port, for this machine only.
        (folder / "postgresql.conf").write_text(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{folder}'\n"
            f"hot_standby = on\nhba_file = '{folder}/pg_hba.conf'\nident_file = '{folder}/pg_ident.conf'\n"
            # A copy thrown away after the test: not synced to disk, so that it starts in seconds.
            "shared_buffers = 32MB\nfsync = off\n"
        )
        (folder / "pg_hba.conf").write_text("host all all 127.0.0.1/32 scram-sha-256\n")
        (folder / "pg_ident.conf").write_text("")
        if os.geteuid() == 0:
            for name in ("postgresql.conf", "pg_hba.conf", "pg_ident.conf"):
                os.chown(folder / name, owner.pw_uid, owner.pw_gid)
        as_server_user(
            [
                BIN / "pg_ctl",
                "-D",
                data,
                "-o",
                f"-c config_file={folder}/postgresql.conf",
                "-l",
                folder / "log",
                "-w",
                "-t",
                "180",
                "start",
            ],
            log=folder / "log",
        )
        try:
            with psycopg.connect(dba_url(), port=port, dbname="postgres", autocommit=True) as dba:
                yield port, dba, data
        finally:
            as_server_user([BIN / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
