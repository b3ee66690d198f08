"""`hoinghi demo`: it loads the demo and prints working logins, in demo mode only. Apart from test_demo.py, whose
tests share one loaded demo: these start from an empty database."""

import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from hoinghi.demo import seed_meetings as data
from hoinghi.directory.models import Organization, User


@override_settings(DEMO_MODE=True)
def test_command_loads_and_prints_working_logins(db):
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    printed = out.getvalue()
    assert "http://127.0.0.1:8000" in printed
    rows = [line.split() for line in printed.splitlines()]
    for _role, username, *_ in data.ACCOUNTS:
        password = next(words[-1] for words in rows if username in words)
        assert User.objects.get(username=username).check_password(password)
    # Enough members to try the upcoming secret vote, its counting board marked.
    members = [line for line in printed.splitlines() if line.startswith("Thành viên")]
    # The successor's Standing Committee: the chair, a member too, has the chair's login.
    assert len(members) == len(data.members("btv_tp")) - 1
    assert sum("Trưởng Ban kiểm phiếu" in line for line in members) == 1
    assert sum("Ban kiểm phiếu" in line for line in members) == len(data.COUNTING_BOARD)


@override_settings(DEMO_MODE=False)
def test_command_refused_outside_demo_mode(db):
    with pytest.raises(CommandError):
        call_command("demo", "--no-serve")
    assert not Organization.objects.filter(name=data.MARKER).exists()


def test_stopping_the_demo_with_sigterm_stops_its_worker_too(tmp_path):
    """A real `hoinghi demo` on a port of its own, stopped as a service manager stops it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"HOINGHI_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    for name in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"):  # the embedded demo, in its own folder
        env.pop(name, None)
    demo = subprocess.Popen(
        [str(Path(sys.executable).with_name("hoinghi")), "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline, printed = time.monotonic() + 180, []
        while time.monotonic() < deadline:
            line = demo.stdout.readline()
            printed.append(line)
            if "Uvicorn running" in line or not line:
                break
        # The logins come first: the thousand audit events the loading writes are not on the screen.
        assert printed[0].startswith("Đã nạp dữ liệu dùng thử"), printed[:3]
        assert not any("audit head" in line for line in printed)
        workers = subprocess.run(["pgrep", "-f", "-P", str(demo.pid), "db_worker"], capture_output=True, text=True)
        (worker,) = [int(pid) for pid in workers.stdout.split()]
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=30)
        # The demo stops its worker and waits for it before it ends: by then the worker is gone.
        alive = os.path.exists(f"/proc/{worker}") and open(f"/proc/{worker}/stat").read().split()[2] != "Z"
        if alive:
            os.kill(worker, signal.SIGKILL)
        assert not alive, "the task worker outlived the demo"
    finally:
        if demo.poll() is None:
            demo.kill()
