"""Issued documents carry the audit log's head as their verification code, and the head is written outside the
database when they are issued: a paper copy proves the log up to that day."""

import io

from django.core.management import call_command
from django.utils import translation
from docx import Document

from hoinghi.core import audit, audit_heads, chain
from hoinghi.records import issue
from hoinghi.records.vote_count import build_count_record
from hoinghi.voting.rules import Kind
from tests.test_outputs import closed_meeting, open_docx
from tests.test_voting_records import media, read, run, sitting  # noqa: F401 (fixtures)

PREFIX = "Mã xác minh nhật ký: "


def printed_code(paragraphs: list[str]) -> str:
    assert paragraphs[-1].startswith(PREFIX), paragraphs[-3:]
    return paragraphs[-1].removeprefix(PREFIX)


def proves(code: str) -> str:
    out = io.StringIO()
    with translation.override("en"):
        call_command("audit", "verify", "--code", code, stdout=out)
    return out.getvalue()


def test_an_issued_notice_prints_the_head_and_writes_it_outside(world, django_capture_on_commit_callbacks):
    meeting = closed_meeting(world)
    before_issue = audit.head()
    with django_capture_on_commit_callbacks(execute=True):
        issued = issue.check_issue_conclusion_notice(world.users["office"], meeting)
    code = printed_code([p.text for p in open_docx(issued).paragraphs])
    assert code == chain.verification_code(before_issue.seq, before_issue.hash)
    assert f"up to event #{before_issue.seq}" in proves(code)
    (head,), _ = audit_heads.read()
    assert (head.seq, head.hash, head.reason) == (before_issue.seq, before_issue.hash, "notice")


def test_a_preview_has_no_code(world):
    content = issue.preview_conclusion_notice(closed_meeting(world))
    assert not any(p.text.startswith(PREFIX) for p in Document(io.BytesIO(content)).paragraphs)


def test_the_vote_count_record_prints_the_head(world, sitting):  # noqa: F811 (the fixture)
    meeting, _item = sitting
    ballots = {"chair": ["yes"], "member": ["yes"], "member2": ["no"]}
    poll = run(world, meeting, title="Thông qua Quy chế", kind=Kind.QUESTION, ballots=ballots)
    last = audit.head()
    paragraphs, _tables = read(build_count_record(poll))
    code = printed_code(paragraphs)
    assert code == chain.verification_code(last.seq, last.hash)
    assert "poll.publish by chair" in proves(code)
