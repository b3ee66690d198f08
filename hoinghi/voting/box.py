"""A secret poll's ballot box: locked at opening with a key its counting board holds, opened at the count.

Opening the box writes its contents as counted ballots in a new random order with new random ids and wipes the
sealed slots: from then on nothing links a ballot's contents to its slot (and so to the moment it was cast).
"""

import base64
import random

from django.conf import settings
from django.utils.translation import gettext as _

from hoinghi.core import errors

from . import board_keys, seal
from .models import BoardSeat, CountedBallot, Poll

_random = random.SystemRandom()


def lock(poll: Poll, seats: list[BoardSeat]) -> None:
    """At opening: the poll's public key, and each member's share encrypted to his device; the rest is forgotten."""
    box = board_keys.new_box(poll.pk, poll.shares_required, len(seats))
    poll.box_key = base64.b64encode(box.public_key).decode()
    for seat, share in zip(seats, box.shares, strict=True):
        seat.sealed_share = board_keys.seal_share(seat.device_key, poll.pk, seat.person_id, share)
        seat.share_check = board_keys.share_check(poll.pk, share)
    BoardSeat.objects.bulk_update(seats, ["sealed_share", "share_check"])


def public_key(poll: Poll) -> bytes:
    return base64.b64decode(poll.box_key)


def open_with(poll: Poll, private_key) -> None:
    """At the count, with the key the board's shares rebuilt."""
    _write_counted(poll, [seal.unseal(private_key, poll.pk, value) for value in _sealed(poll)])
    poll.board.update(sealed_share="", share_check="")


def open_with_site_key(poll: Poll) -> None:
    """At close, a poll opened before the board held the key: sealed with a key from the site's secret."""
    keys = [seal.site_key(secret, poll.pk) for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]]
    try:
        contents = [seal.open_with_site_keys(keys, value) for value in _sealed(poll)]
    except seal.UnreadableBallot:
        errors.invalid(
            _(
                "The ballots cannot be opened: the site's secret key has changed since they were cast. "
                "Put the previous key back among the fallback keys (SECRET_KEY_FALLBACKS) and close again."
            )
        )
    _write_counted(poll, contents)


def _sealed(poll: Poll) -> list[str]:
    return list(poll.ballots.exclude(sealed="").values_list("sealed", flat=True))


def _write_counted(poll: Poll, contents: list[dict]) -> None:
    if not contents:
        return
    _random.shuffle(contents)
    CountedBallot.objects.bulk_create(CountedBallot(poll=poll, choices=choices) for choices in contents)
    poll.ballots.update(sealed="")
