"""Who may bring archive articles into hoinghi: the office (and administrators), nobody else."""

from hoinghi.meetings.permissions import is_office


def can_import(user) -> bool:
    return is_office(user)
