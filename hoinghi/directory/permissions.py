"""The accounts' own pages: the second step of signing in (before the session is signed in) and each person's
account (password, recovery codes, sessions); the office's pages for organizations, bodies and terms."""

from django.utils.translation import gettext_lazy as _

from hoinghi.core.permissions import RuleTable, anyone, explained, signed_in

from .roles import is_office


def keeps_bodies(user, *objects) -> bool:
    """The office keeps the organizations, the bodies and their terms on its own pages, and records the
    reorganizations; administrators also have the admin."""
    return is_office(user)


RULES = RuleTable(
    "directory",
    {
        "second_step": anyone,
        "own_account": signed_in,
        "keep_bodies": explained(keeps_bodies, _("Only the office keeps the bodies and their terms.")),
        "keep_organizations": explained(
            keeps_bodies, _("Only the office keeps the organizations and records their reorganizations.")
        ),
    },
)
