"""Every text the product shows has its Vietnamese: Django's own `makemessages` is run over a copy of the code
with the project's catalogue, and gettext's `msgattrib` must find no message untranslated or left as a fuzzy guess."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "hoinghi"


def test_every_message_has_its_vietnamese(tmp_path):
    copy = tmp_path / "hoinghi"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    command = [sys.executable, "-m", "django", "makemessages", "-l", "vi", "--no-wrap", "--no-obsolete"]
    subprocess.run(command, cwd=copy, check=True, capture_output=True)
    catalogue = copy / "locale/vi/LC_MESSAGES/django.po"
    for kind in ("--untranslated", "--only-fuzzy"):
        found = subprocess.run(["msgattrib", kind, "--no-obsolete", str(catalogue)], capture_output=True, text=True)
        assert found.returncode == 0, found.stderr
        assert not found.stdout.strip(), found.stdout
