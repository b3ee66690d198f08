"""A request failing because the database cannot be reached gets the Vietnamese 503 page with Retry-After; any other
failure keeps Django's own 500 or 400 (the PostgreSQL restart itself: tests/stack/test_faults_postgresql.py)."""

from django.contrib.sessions.exceptions import SessionInterrupted
from django.core.exceptions import SuspiciousOperation
from django.db import OperationalError
from django.utils import translation

from hoinghi.core import outage

OUTAGE_PAGE = "Hệ thống tạm thời gián đoạn"


def answer_to(handler, error, rf, *, cause=None):
    """The handler's answer, called as Django calls it: inside the `except` of the request's failure."""
    try:
        try:
            raise cause or error
        except type(cause or error):
            if cause is not None:
                raise error  # noqa: B904 - as Django raises it: the database's error is its context
            raise
    except Exception as raised:
        with translation.override("vi"):
            return handler(rf.get("/meetings/"), raised) if handler is outage.refused else handler(rf.get("/"))


def test_a_lost_database_connection_gets_the_outage_page(rf):
    answer = answer_to(outage.failed, OperationalError("server closed the connection unexpectedly"), rf)
    assert answer.status_code == 503 and answer["Retry-After"] == str(outage.RETRY_AFTER_SECONDS)
    assert OUTAGE_PAGE in answer.content.decode()


def test_any_other_failure_keeps_the_plain_500(rf):
    answer = answer_to(outage.failed, ValueError("a bug"), rf)
    assert answer.status_code == 500 and OUTAGE_PAGE not in answer.content.decode()


def test_a_session_save_cut_by_the_database_gets_the_outage_page_not_a_400(rf):
    interrupted = SessionInterrupted("The request's session was deleted before the request completed.")
    answer = answer_to(outage.refused, interrupted, rf, cause=OperationalError("the database system is shutting down"))
    assert answer.status_code == 503 and OUTAGE_PAGE in answer.content.decode()


def test_a_bad_request_stays_a_400(rf):
    answer = answer_to(outage.refused, SuspiciousOperation("a forged header"), rf)
    assert answer.status_code == 400 and OUTAGE_PAGE not in answer.content.decode()
