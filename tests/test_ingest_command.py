"""`hoinghi import-articles`: files become drafts; a bad or missing file is reported, the others still go in."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from hoinghi.ingest.models import ArticleImport

ARTICLES = Path("/work/shared/corpus/dev/articles")
HOINGHI = Path(sys.executable).with_name("hoinghi")


def _run(*args, user="office"):
    out, err = io.StringIO(), io.StringIO()
    options = {"user": user} if user else {}
    call_command("import_articles", *map(str, args), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_each_file_becomes_a_draft(world):
    out, _err = _run(ARTICLES / "seed000.txt", ARTICLES / "seed001.txt")
    assert ArticleImport.objects.filter(status="draft").count() == 2
    assert "seed000.txt: imported as draft" in out and "seed001.txt: imported as draft" in out
    assert set(ArticleImport.objects.values_list("imported_by__username", flat=True)) == {"office"}


def test_a_second_import_says_duplicate(world):
    _run(ARTICLES / "seed002.txt")
    out, _err = _run(ARTICLES / "seed002.txt")
    assert "already imported as" in out and ArticleImport.objects.count() == 1


def test_a_missing_or_empty_file_fails_the_command_and_the_others_go_in(world, tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 of 3"):
        call_command(
            "import_articles", str(tmp_path / "missing.txt"), str(empty), str(ARTICLES / "seed000.txt"),
            user="office", stderr=err, stdout=io.StringIO(),
        )  # fmt: skip
    assert "missing.txt: cannot read the file" in err.getvalue() and "rong.txt" in err.getvalue()
    assert list(ArticleImport.objects.values_list("source_name", flat=True)) == ["seed000.txt"]


def test_the_url_goes_with_one_file(world):
    _run(ARTICLES / "seed000.txt", "--url", "https://example.org/tin/1")
    assert ArticleImport.objects.get().source_url == "https://example.org/tin/1"
    with pytest.raises(CommandError, match="one file"):
        _run(ARTICLES / "seed001.txt", ARTICLES / "seed002.txt", "--url", "https://example.org/tin/2")


@pytest.mark.parametrize("user", ["member", "nobody"])
def test_only_an_office_account_imports(world, user):
    with pytest.raises(CommandError):
        _run(ARTICLES / "seed000.txt", user=user)
    assert not ArticleImport.objects.exists()


def test_without_user_the_only_office_account_is_taken(world):
    with pytest.raises(CommandError, match="--user"):  # the world has an office and an admin account
        _run(ARTICLES / "seed000.txt", user=None)
    world.users["admin"].delete()
    _run(ARTICLES / "seed000.txt", user=None)
    assert ArticleImport.objects.get().imported_by == world.users["office"]


def test_the_installed_command(tmp_path):
    """The real entry point, on a database of its own: exit code non-zero for the missing file only."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="hoinghi.settings", HOINGHI_DATA_DIR=str(tmp_path))

    def hoinghi(*args):
        return subprocess.run([str(HOINGHI), *args], env=env, capture_output=True, text=True, timeout=300)

    assert hoinghi("migrate", "--no-input").returncode == 0
    make_office = "from hoinghi.directory.models import User; User.objects.create_user('vanphong', role='office')"
    assert hoinghi("shell", "-v", "0", "-c", make_office).returncode == 0
    done = hoinghi(
        "import-articles", str(ARTICLES / "seed000.txt"), str(tmp_path / "missing.txt"), "--user", "vanphong"
    )
    assert done.returncode != 0
    assert "seed000.txt: imported as draft" in done.stdout and "missing.txt: cannot read the file" in done.stderr
    count = hoinghi(
        "shell",
        "-v",
        "0",
        "-c",
        "from hoinghi.ingest.models import ArticleImport; print(ArticleImport.objects.count())",
    )
    assert count.stdout.strip() == "1"
