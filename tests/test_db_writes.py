"""SQLite writers queue in hoinghi.core.db.serialized_writes: threads on a lock, the server's processes on a lock
file beside the database, so that none sleeps in SQLite's retry steps while another writes."""

import subprocess
import sys
import threading
import time

import pytest
from django.db import connection

from hoinghi.core.db import serialized_writes

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="other databases queue writers themselves")

TRY_LOCK = """
import fcntl, sys
with open(sys.argv[1], "a") as lock:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print("busy")
    else:
        print("free")
"""


def other_process_finds(lock_file) -> str:
    return subprocess.run([sys.executable, "-c", TRY_LOCK, str(lock_file)], capture_output=True, text=True).stdout


@pytest.mark.django_db
def test_another_process_waits_while_one_writes():
    lock_file = f"{connection.settings_dict['NAME']}.writer"
    with serialized_writes():
        assert other_process_finds(lock_file).strip() == "busy"
    assert other_process_finds(lock_file).strip() == "free"


@pytest.mark.django_db
def test_threads_write_one_at_a_time():
    inside, most = 0, 0
    guard = threading.Lock()

    def write():
        nonlocal inside, most
        with serialized_writes():
            with guard:
                inside += 1
                most = max(most, inside)
            time.sleep(0.01)
            with guard:
                inside -= 1

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1
