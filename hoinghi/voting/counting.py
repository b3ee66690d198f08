"""The counting board at work: each member's device makes its key before the poll opens; after the close, members
give their shares (a tap on the phone that kept it, or the paper code typed) until enough are in; then the box is
opened and the result computed.

Shares given wait in memory only (shares.py), never in the database; the key they rebuild lives for the count
alone. Too few shares leave the poll closed and uncounted, with nothing lost.
"""

import base64
import binascii

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hoinghi.core import audit, errors

from . import board, board_keys, box, selectors, services, shares
from .board_keys import Share, WrongShare
from .models import Poll
from .permissions import NOT_ON_BOARD
from .rules import Status


def check_register_device(actor, poll: Poll, device_key: str) -> Poll:
    errors.require(board.seat_of(poll, actor) is not None, NOT_ON_BOARD)
    return do_register_device(actor, poll, device_key)


@transaction.atomic
def do_register_device(actor, poll: Poll, device_key: str) -> Poll:
    """The public key of the member's device; his share will be encrypted to it when the poll opens."""
    poll = services.locked(poll)
    if poll.status != Status.DRAFT:
        errors.invalid(_("The poll is open: the board's devices were set when it opened."))
    if not isinstance(device_key, str) or not board_keys.device_key_is_valid(device_key):
        errors.invalid(_("This device's key could not be read. Reload the page and try again."))
    seat = board.seat_of(poll, actor)
    seat.device_key, seat.device_at = device_key, timezone.now()
    seat.save(update_fields=["device_key", "device_at"])
    audit.record(actor, "poll.board_device", poll)
    services.announce(poll)
    return poll


def share_from_device(value: str) -> Share:
    """A share as a device posts it: base64 of its number then its 16 bytes."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise WrongShare from None
    if len(raw) != 1 + board_keys.SECRET_BYTES:
        raise WrongShare
    return Share(raw[0], raw[1:])


def check_give_share(actor, poll: Poll, share: Share) -> Poll:
    errors.require(board.seat_of(poll, actor) is not None, NOT_ON_BOARD)
    return do_give_share(actor, poll, share)


def do_give_share(actor, poll: Poll, share: Share) -> Poll:
    """Keep the member's share in memory; with enough of them, count."""
    poll = Poll.objects.select_related("meeting").get(pk=poll.pk)
    if not poll.box_key:
        errors.invalid(_("This poll's ballots were sealed before the counting board held the key: no share is needed."))
    if poll.status == Status.OPEN:
        errors.invalid(_("The shares are given once the vote is closed."))
    if not poll.awaiting_board:
        errors.invalid(_("The ballots of this poll are already counted."))
    seat = board.seat_of(poll, actor)
    if share.index != seat.order or not board_keys.is_genuine(poll.pk, share, seat.share_check):
        errors.invalid(_("This is not your share of this poll's key. Check the code, or give it from your phone."))
    given = shares.store().add(poll, share)
    with transaction.atomic():
        audit.record(actor, "poll.share_given", poll, given=len(given), required=poll.shares_required)
        services.announce(poll)
    if len(given) >= poll.shares_required:
        return _count(actor, poll, given[: poll.shares_required])
    return poll


@transaction.atomic
def _count(actor, poll: Poll, given: list[Share]) -> Poll:
    poll = services.locked(poll)
    if not poll.awaiting_board:
        return poll  # another member's share made the count a moment ago
    try:
        key = board_keys.rebuild(poll.pk, given, box.public_key(poll))
    except WrongShare:  # each share was checked as it came: only a corrupted store gets here
        shares.store().forget(poll)
        errors.invalid(_("The shares given do not open this poll's box. Give them again."))
    shares.store().forget(poll)  # at once: should the count fail after this, the members give them again
    box.open_with(poll, key)
    del key
    poll.result, poll.counted_at = selectors.compute_result(poll), timezone.now()
    poll.save(update_fields=["result", "counted_at"])
    audit.record(actor, "poll.count", poll, returned=poll.result["returned"], shares=len(given))
    services.announce(poll, meeting=True)
    return poll
