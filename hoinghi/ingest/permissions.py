"""Who may bring archive articles into hoinghi: the office (and administrators), nobody else; and the app's
permission table (`RULES`)."""

from django.utils.translation import gettext_lazy as _

from hoinghi.core.permissions import RuleTable, explained
from hoinghi.directory.roles import is_office


def can_import(user) -> bool:
    return is_office(user)


ONLY_OFFICE = _("Only the office imports archive articles.")

RULES = RuleTable(
    "ingest",
    {
        "import": explained(lambda user: can_import(user), ONLY_OFFICE),
        "review": explained(lambda user, article: can_import(user), ONLY_OFFICE),
        "follow": explained(lambda user, jobs: can_import(user), ONLY_OFFICE),
    },
)
