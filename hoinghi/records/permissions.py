"""Who may preview, issue and read the office's outputs: conclusion notice, news draft, vote-count record; and the
app's permission table (`RULES`)."""

from django.utils.translation import gettext_lazy as _

from hoinghi.core.permissions import RuleTable, explained
from hoinghi.directory.roles import is_office
from hoinghi.meetings import permissions as meeting_perm
from hoinghi.meetings.models import Confidentiality
from hoinghi.voting import permissions as poll_perm
from hoinghi.voting.models import Poll

from .models import IssuedDocument


def can_issue_notice(user, meeting) -> bool:
    return is_office(user)


def can_write_news(user, meeting) -> bool:
    return is_office(user)


def is_confidential(issued: IssuedDocument) -> bool:
    """A notice names every item heard (its opening) and reports the conclusions and results: a meeting with a
    confidential item gives a notice with its restriction."""
    return issued.meeting.items.exclude(confidentiality=Confidentiality.NORMAL).exists()


def can_download(user, issued: IssuedDocument) -> bool:
    meeting = issued.meeting
    if not meeting_perm.can_view_meeting(user, meeting):
        return False
    return not is_confidential(issued) or is_office(user) or meeting_perm.is_member(user, meeting)


def can_read_count_record(user, poll: Poll) -> bool:
    """Once published, whoever sees the poll; before, those who run it."""
    if not poll_perm.can_view(user, poll):
        return False
    return (
        poll.status == Poll.Status.PUBLISHED
        or poll_perm.can_create(user, poll.meeting)
        or poll_perm.can_run(user, poll)
    )


RULES = RuleTable(
    "records",
    {
        "issue_notice": explained(
            lambda user, meeting: can_issue_notice(user, meeting), _("Only the office can issue the notice.")
        ),
        "download_notice": can_download,
        "write_news": explained(can_write_news, _("Only the office writes the news.")),
        "read_count_record": can_read_count_record,
    },
)
