"""What the benchmarks share: percentiles and a scratch PostgreSQL database."""

import os
import secrets


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def scratch_database():
    """On PostgreSQL, a new database for this run (dropped at the end): never the one in DATABASE_URL."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return None
    import psycopg
    from django.db import connections

    name = f"hoinghi_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name

    def drop():
        connections.close_all()
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')

    return drop
