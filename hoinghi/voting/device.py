"""A board member's device in Python: what the board page's script (`board.js`) does with WebCrypto, for the demo
loader, the benchmark and the tests, which give their shares as phones would."""

import base64

from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from .board_keys import Share, open_share, share_bytes


class Device:
    def __init__(self):
        self._key = ec.generate_private_key(ec.SECP256R1())  # kept in this object only, as the phone keeps its own

    @property
    def public_key(self) -> str:
        """What the page posts when the member gets his device ready: the raw point, base64."""
        point = self._key.public_key().public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
        return base64.b64encode(point).decode()

    def share(self, sealed_share: str, poll_pk: int, person_pk: int) -> Share:
        return open_share(self._key, sealed_share, poll_pk, person_pk)

    def posted_share(self, sealed_share: str, poll_pk: int, person_pk: int) -> str:
        """What the page posts when the member gives his share."""
        return base64.b64encode(share_bytes(self.share(sealed_share, poll_pk, person_pk))).decode()


class Board:
    """The phones of a poll's whole counting board, each signed in as its member (the demo loader, the tests)."""

    def __init__(self, poll):
        self.poll = poll
        self.devices: dict[int, Device] = {}

    def get_ready(self) -> None:
        from . import counting  # (the services need Django set up; the device alone does not)

        for seat in self.poll.board.select_related("person__user"):
            self.devices[seat.person_id] = Device()
            counting.do_register_device(seat.person.user, self.poll, self.devices[seat.person_id].public_key)

    def give_shares(self, count: int | None = None):
        """The first `count` members give their shares (as many as the poll needs by default); the poll after."""
        from . import counting

        poll = type(self.poll).objects.get(pk=self.poll.pk)
        seats = list(poll.board.select_related("person__user"))
        for seat in seats[: count or poll.shares_required]:
            share = self.devices[seat.person_id].share(seat.sealed_share, poll.pk, seat.person_id)
            poll = counting.do_give_share(seat.person.user, poll, share)
        return poll
