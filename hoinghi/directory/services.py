"""The office keeps the organizations, the deliberative bodies and their terms (the admin stays for
administrators)."""

from django.utils.translation import gettext as _

from hoinghi.core.editing import save_recorded
from hoinghi.core.errors import require

from .models import Body, Organization, Term
from .roles import is_office

ORGANIZATION_FIELDS = ["name", "short_name", "kind", "level", "parent", "document_code", "place_name", "start", "end"]
BODY_FIELDS = [
    "organization",
    "name",
    "kind",
    "signature_heading",
    "quorum_numerator",
    "quorum_denominator",
    "start",
    "end",
]
TERM_FIELDS = ["body", "ordinal", "start", "end"]
OFFICE_ONLY = "Only the office keeps the bodies and their terms."
ORGANIZATIONS_OFFICE_ONLY = "Only the office keeps the organizations and records their reorganizations."


def check_save_organization(actor, organization: Organization | None = None, **fields) -> Organization:
    require(is_office(actor), _(ORGANIZATIONS_OFFICE_ONLY))
    return do_save_organization(actor, organization, **fields)


def do_save_organization(actor, organization: Organization | None = None, **fields) -> Organization:
    """A new organization when `organization` is None, else it with `fields` changed: its end not before its
    start, its name its own under its parent (the model's checks); recorded with what changed. Ending one that a
    reorganization replaced is done by recording the reorganization, which also ends what it held."""
    return save_recorded(actor, organization or Organization(), fields, ORGANIZATION_FIELDS)


def check_save_body(actor, body: Body | None = None, **fields) -> Body:
    require(is_office(actor), _(OFFICE_ONLY))
    return do_save_body(actor, body, **fields)


def do_save_body(actor, body: Body | None = None, **fields) -> Body:
    """A new body when `body` is None, else `body` with `fields` changed; recorded with what changed."""
    return save_recorded(actor, body or Body(), fields, BODY_FIELDS)


def check_save_term(actor, term: Term | None = None, **fields) -> Term:
    require(is_office(actor), _(OFFICE_ONLY))
    return do_save_term(actor, term, **fields)


def do_save_term(actor, term: Term | None = None, **fields) -> Term:
    """A new term when `term` is None, else `term` with `fields` changed: its numeral Roman and its own within the
    body, its end not before its start (the model's checks); recorded with what changed."""
    return save_recorded(actor, term or Term(), fields, TERM_FIELDS)
