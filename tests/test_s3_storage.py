"""Uploaded files on S3-compatible storage (django-storages), for several machines sharing them: moto's S3 server
on loopback, spoken to over HTTP by boto3 as a real bucket would be. Every file goes to the bucket and comes back
from it (papers' text, their drawn pages, downloads, the portal's photos); nothing is written to the data folder's
`files/`; and a backup, which copies the data folder, refuses rather than leave the bucket's files out."""

import io

import boto3
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image

from hoinghi.meetings.models import DocumentVersion
from hoinghi.portal import services_library
from tests.test_documents import add, blank_pdf, png, setting, text_pdf, upload

__all__ = ["setting"]  # the papers' meeting, scheduled, as tests/test_documents.py has it

BUCKET = "hoinghi-files"
KEYS = {"access_key": "hoinghi-test", "secret_key": "hoinghi-test-secret", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_server():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_server, settings, tmp_path):
    """A new empty bucket, and the site's STORAGES pointing at it as the production settings do."""
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        aws_access_key_id=KEYS["access_key"],
        aws_secret_access_key=KEYS["secret_key"],
        region_name=KEYS["region_name"],
    )
    for found in client.list_objects_v2(Bucket=BUCKET).get("Contents", []) if _exists(client) else []:
        client.delete_object(Bucket=BUCKET, Key=found["Key"])
    if not _exists(client):
        client.create_bucket(Bucket=BUCKET)
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PAGES_DIR = tmp_path / "pages"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": BUCKET, "endpoint_url": s3_server, "default_acl": "private", **KEYS},
        },
    }
    return client


def _exists(client) -> bool:
    return any(found["Name"] == BUCKET for found in client.list_buckets()["Buckets"])


def objects(client) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {found["Key"]: client.get_object(Bucket=BUCKET, Key=found["Key"])["Body"].read() for found in listed}


def test_a_paper_is_kept_in_the_bucket_read_from_it_and_downloaded_from_it(world, setting, bucket, settings, client):
    _, item, _, _ = setting
    data = text_pdf("Budget 2026 from the bucket")
    document = add(world, item, data, name="Báo cáo.pdf")
    stored = objects(bucket)
    assert list(stored.values()) == [data]
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*"))
    document.refresh_from_db()
    version = document.current
    assert version.extraction == DocumentVersion.Extraction.DONE
    assert "Budget 2026 from the bucket" in version.extracted_text  # the worker read it out of the bucket
    client.force_login(world.users["member"])
    download = client.get(reverse("meetings:document_download", args=[document.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == data


def test_a_confidential_papers_pages_are_drawn_from_the_bucket(world, setting, bucket, client):
    _, _, secret_item, _ = setting
    document = add(world, secret_item, blank_pdf(2), confidentiality="secret")
    document.refresh_from_db()
    assert document.current.pages_drawn == 2
    client.force_login(world.users["member"])
    page = client.get(reverse("meetings:document_page", args=[document.pk, document.current.number, 2]))
    assert page.status_code == 200 and page.content.startswith(b"\x89PNG")


def test_a_portal_photo_and_its_original_are_in_the_bucket_and_served_from_it(world, bucket, client):
    sent = io.BytesIO()
    Image.new("RGB", (2400, 1600), "navy").save(sent, "PNG")
    photo = services_library.check_add_photo(
        world.users["office"], upload("hoi-nghi.png", sent.getvalue()), caption="Quang cảnh hội nghị"
    )
    stored = objects(bucket)
    assert sent.getvalue() in stored.values() and len(stored) == 2
    shown = client.get(reverse("portal:photo_file", args=[photo.pk, "anh"]))
    assert shown.status_code == 200
    content = b"".join(shown.streaming_content) if shown.streaming else shown.content
    assert content in stored.values() and Image.open(io.BytesIO(content)).width < 2400


def test_a_backup_refuses_rather_than_leave_the_buckets_files_out(world, setting, bucket, tmp_path):
    add(world, setting[1], png())
    with pytest.raises(CommandError) as refused:
        call_command("backup", str(tmp_path / "backup.tar.gz"))
    assert BUCKET in str(refused.value)
    assert not (tmp_path / "backup.tar.gz").exists()
