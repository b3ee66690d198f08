"""`hoinghi demo`: it loads the demo and prints working logins, in demo mode only. Apart from test_demo.py, whose
tests share one loaded demo: these start from an empty database."""

import io

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


@override_settings(DEMO_MODE=False)
def test_command_refused_outside_demo_mode(db):
    with pytest.raises(CommandError):
        call_command("demo", "--no-serve")
    assert not Organization.objects.filter(name=data.MARKER).exists()
