"""What an account's role says about it, for every part of the product: the office, the watchers, a unit's staff."""

from .models import User

WATCHERS = {User.Role.OFFICE, User.Role.ADMIN, User.Role.LEADER}


def is_office(user) -> bool:
    return user.is_authenticated and user.role in {User.Role.OFFICE, User.Role.ADMIN}


def is_watcher(user) -> bool:
    """Sees every directive and every figure, changes nothing by that alone: the office and the leaders."""
    return user.is_authenticated and user.role in WATCHERS


def unit_of(user) -> int | None:
    """The organization a unit staff member reports for (None for every other account)."""
    if user.is_authenticated and user.role == User.Role.UNIT_STAFF:
        return user.organization_id
    return None
