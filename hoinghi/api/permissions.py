"""Who may hold, revoke and use API keys, and the app's permission table (`RULES`).

What a key reads through the API is decided by the other apps' own rules and selectors, as on their pages: the
API adds no rights. A key is its account: a unit's staff read their organization's directives, a leader what a
leader's pages show.
"""

from django.utils.translation import gettext_lazy as _

from hoinghi.core.permissions import RuleTable, anyone, explained, signed_in


def can_revoke(user, key) -> bool:
    """Its owner, and the administrators who keep the keys in the admin site."""
    return user.is_authenticated and (
        key.user_id == user.pk or (user.is_staff and user.has_perm("api.change_accesskey"))
    )


RULES = RuleTable(
    "api",
    {
        "own_keys": signed_in,
        "revoke_key": explained(can_revoke, _("Only its owner or an administrator revokes an API key.")),
        # The description of the API and its docs page: the shape, nothing of the record.
        "describe": anyone,
        # Every other endpoint: an account by its key; each answers by the rules of the app it reads.
        "by_key": signed_in,
        # The portal's live articles are public, with a key or without.
        "public": anyone,
    },
)
