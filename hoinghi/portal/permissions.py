"""Who may do what on the portal: everybody reads what is live; the office writes and publishes. And the app's
permission table (`RULES`)."""

from django.utils.translation import gettext_lazy as _

from hoinghi.core.permissions import RuleTable, anyone, explained
from hoinghi.directory.roles import is_office


def can_edit(user, *objects) -> bool:
    """The office writes articles, notices, the schedule, the library and the photos, and publishes them."""
    return is_office(user)


OFFICE_ONLY = explained(can_edit, _("Only the office edits the portal."))

RULES = RuleTable(
    "portal",
    {
        "read": anyone,  # the public pages: what they show is only what is live and public
        "edit": OFFICE_ONLY,
    },
)
