"""Backup and restore of the demo data: `hoinghi backup` of a site loaded by `hoinghi demo`, and `hoinghi restore` of
its archive into an empty machine, each timed as an operator runs it (the command's whole run), beside the same
command's start-up alone (`hoinghi check`) as the baseline; the sizes of the archive and of what it holds.

On SQLite by default; with DATABASE_URL on PostgreSQL, in scratch databases made for the run (and the
administrator's URL, HOINGHI_DBA_URL, to hand the audit table to its own role as docs/deployment.md says).

    .venv/bin/python bench/backup.py [--runs 3] [--json]
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from common import percentile

ROOT = Path(__file__).resolve().parent.parent
HOINGHI = Path(sys.executable).parent / "hoinghi"
AUDIT_OWNER_SQL = ROOT / "hoinghi" / "core" / "sql" / "audit_owner.sql"


class Machine:
    """A data folder and, on PostgreSQL, a database of its own."""

    def __init__(self, folder: Path, url: str | None, dba: str | None):
        self.env = {**os.environ, "HOINGHI_DATA_DIR": str(folder)}
        self.url, self.dba, self.database = url, dba, None
        if url:
            import psycopg

            self.database = f"hoinghi_bench_{secrets.token_hex(4)}"
            with psycopg.connect(url, autocommit=True) as admin:
                admin.execute(f'CREATE DATABASE "{self.database}"')
            self.env["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + self.database

    def run(self, *args) -> float:
        started = time.perf_counter()
        subprocess.run([str(HOINGHI), *args], env=self.env, cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - started

    def hand_audit_log_to_its_owner(self) -> None:
        if self.database:
            import psycopg

            with psycopg.connect(self.dba, dbname=self.database, autocommit=True) as admin:
                admin.execute(AUDIT_OWNER_SQL.read_text())

    def drop(self) -> None:
        if self.database:
            import psycopg

            # As the administrator: the restore's own session as him may linger a moment, and FORCE ends it.
            with psycopg.connect(self.dba, dbname="postgres", autocommit=True) as admin:
                admin.execute(f'DROP DATABASE "{self.database}" WITH (FORCE)')


def timings(values: list[float]) -> dict:
    return {"p50_s": round(statistics.median(values), 2), "p95_s": round(percentile(values, 0.95), 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    url = os.environ.pop("DATABASE_URL", None)
    dba = os.environ.get("HOINGHI_DBA_URL", "postgresql://hoinghi_dba:hoinghi_dba@127.0.0.1:5432/")
    work = Path(tempfile.mkdtemp(prefix="hoinghi-bench-backup-", dir=os.environ.get("HOINGHI_BENCH_DIR")))
    machines = []

    def machine(name: str) -> Machine:
        machines.append(Machine(work / name, url, dba))
        return machines[-1]

    try:
        source = machine("source")
        source.run("migrate", "-v0")
        source.hand_audit_log_to_its_owner()
        source.run("demo", "--no-serve")
        baseline = [source.run("help", "backup") for _ in range(args.runs)]
        backups, restores = [], []
        for n in range(args.runs):
            archive = work / f"backup-{n}.tar.gz"
            backups.append(source.run("backup", str(archive)))
            target = machine(f"target-{n}")
            restores.append(target.run("restore", str(archive), *([f"--dba-url={dba}"] if url else [])))
        with tarfile.open(archive) as tar:
            members = {member.name: member.size for member in tar}
        database = next(size for name, size in members.items() if name.startswith("database."))
        files = [size for name, size in members.items() if "/" in name]
        result = {
            "database": "postgresql" if url else "sqlite",
            "runs": args.runs,
            "baseline_start_up": timings(baseline),
            "backup": timings(backups),
            "restore": timings(restores),
            "backup_over_baseline": round(statistics.median(backups) / statistics.median(baseline), 1),
            "restore_over_baseline": round(statistics.median(restores) / statistics.median(baseline), 1),
            "archive_mb": round(archive.stat().st_size / 1e6, 2),
            "database_copy_mb": round(database / 1e6, 2),
            "files": len(files),
            "files_mb": round(sum(files) / 1e6, 2),
        }
    finally:
        for each in machines:
            each.drop()
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
        return
    print(f"backup and restore of the demo data on {result['database']}, {args.runs} runs")
    for name in ("baseline_start_up", "backup", "restore"):
        print(f"  {name:<18} p50 {result[name]['p50_s']:>6} s   p95 {result[name]['p95_s']:>6} s")
    over = (result["backup_over_baseline"], result["restore_over_baseline"])
    print(f"  backup = {over[0]} × the command's start-up; restore = {over[1]} ×")
    print(
        f"  archive {result['archive_mb']} MB: the database's copy {result['database_copy_mb']} MB, "
        f"{result['files']} files of {result['files_mb']} MB"
    )


if __name__ == "__main__":
    main()
