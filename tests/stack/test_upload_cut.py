"""An upload cut off mid-body, as a phone losing its signal in the middle of sending a paper: through nginx and
straight to an application server. Nothing is kept of it (no row, no audit event, no file in the data folder or in
nginx's buffer), the servers go on serving, and the same upload sent whole is recorded: the check can fail."""

import socket
import ssl
import time

import pytest
import requests

from hoinghi.core.models import AuditEvent
from hoinghi.meetings.models import Document
from tests.test_documents import text_pdf

from .conftest import csrf_token, signed_in_session

pytestmark = pytest.mark.django_db(transaction=True)  # the servers read what the test writes: it must commit
PAPER = text_pdf("To trinh") + b"%" + b"x" * 1_500_000 + b"\n"  # under the stack's limit of 2 MB


def files_in(folder) -> set:
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def prepared_upload(stack, session, item, title: str) -> requests.PreparedRequest:
    page = session.get(f"{stack.url}/meetings/items/{item.pk}/")
    assert page.status_code == 200
    fields = {
        "csrfmiddlewaretoken": csrf_token(page.text),
        "title": title,
        "kind": "report",
        "confidentiality": "normal",
    }
    request = requests.Request(
        "POST",
        f"{stack.url}/meetings/items/{item.pk}/documents/new/",
        data=fields,
        files={"file": ("to-trinh.pdf", PAPER, "application/pdf")},
        headers={"Origin": stack.url, "Referer": f"{stack.url}/meetings/items/{item.pk}/"},
    )
    return session.prepare_request(request)


def send(connection: socket.socket, prepared: requests.PreparedRequest, path: str, extra: dict, *, cut: bool) -> str:
    """The request's headers and its body, or only half of it (`cut`) and then the connection closed: the client
    is gone. The first line of the answer to a whole one."""
    headers = dict(prepared.headers) | extra | {"Connection": "close"}
    head = f"POST {path} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    connection.sendall(head.encode("latin-1") + prepared.body[: len(prepared.body) // 2 if cut else None])
    answer = b"" if cut else connection.recv(200)
    time.sleep(0.5 if cut else 0)
    connection.close()
    return answer.decode("latin-1").split("\r\n")[0]


def test_an_upload_cut_off_mid_body_leaves_nothing_and_the_whole_one_is_recorded(stack, world):
    item = world.item(world.meeting())
    session = signed_in_session(stack, world.users["office"])
    files, buffered = stack.folder / "data" / "files", stack.folder / "nginx" / "body"
    before, events = files_in(files), AuditEvent.objects.count()
    path = f"/meetings/items/{item.pk}/documents/new/"

    # Through nginx, over TLS.
    through_nginx = prepared_upload(stack, session, item, "Tờ trình cắt giữa chừng qua nginx")
    context = ssl.create_default_context(cafile=str(stack.certificate))
    raw = socket.create_connection(("127.0.0.1", stack.https_port))
    send(context.wrap_socket(raw, server_hostname="127.0.0.1"), through_nginx, path, {}, cut=True)
    # Straight to a server, as nginx would forward it (nginx buffers a body whole before it forwards it; a server
    # reached another way, or nginx with buffering off, reads it itself).
    direct = prepared_upload(stack, session, item, "Tờ trình cắt giữa chừng tới máy chủ")
    server = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
    send(socket.create_connection(("127.0.0.1", stack.servers["A"])), direct, path, server, cut=True)
    time.sleep(2)  # what a server would do with the half it got, it has done by now

    assert not Document.objects.filter(item=item).exists()
    assert AuditEvent.objects.count() == events
    assert files_in(files) == before and files_in(buffered) == set()
    for port in stack.servers.values():  # both servers go on serving
        answer = requests.get(f"http://127.0.0.1:{port}/login/", headers={"X-Forwarded-Proto": "https"})
        assert answer.status_code == 200

    # The same uploads sent whole, the same two ways: recorded, each with its file and its audit event.
    whole = session.send(prepared_upload(stack, session, item, "Tờ trình gửi trọn vẹn qua nginx"))
    assert whole.status_code == 200 and whole.url.endswith(f"/meetings/items/{item.pk}/")
    assert "Tờ trình gửi trọn vẹn qua nginx" in whole.text  # in the item's list of papers
    direct = prepared_upload(stack, session, item, "Tờ trình gửi trọn vẹn tới máy chủ")
    answer = send(socket.create_connection(("127.0.0.1", stack.servers["A"])), direct, path, server, cut=False)
    assert answer == "HTTP/1.1 302 Found"  # back to the item's page
    titles = set(Document.objects.filter(item=item).values_list("title", flat=True))
    assert titles == {"Tờ trình gửi trọn vẹn qua nginx", "Tờ trình gửi trọn vẹn tới máy chủ"}
    assert AuditEvent.objects.count() > events and len(files_in(files) - before) == 2
