"""Polls and what is cast in them.

Secret polls keep who has voted (VoterRoll) apart from what was voted (Ballot): no key, time or
order links them. Ballot slots are created at opening, shuffled, with random ids; a cast seals its
ballot (seal.py) to the poll's public key into a random empty slot and rewrites every slot of the poll in
the same statement, so no row carries the time or order of its cast (see services.cast). The private key
is held by the poll's counting board (BoardSeat), split among its members' devices: at the count, once
enough of them have given their shares, the seals are opened into CountedBallot rows, written in a new
random order, and wiped.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hoinghi.core.fields import NFCCharField
from hoinghi.directory.models import Person
from hoinghi.meetings.models import AgendaItem, Meeting

from . import rules, wording


class Poll(models.Model):
    class Kind(models.TextChoices):
        QUESTION = rules.Kind.QUESTION, _("Question (yes / no / abstain)")
        CANDIDATES = rules.Kind.CANDIDATES, _("Candidates (yes / no each)")
        CHOOSE = rules.Kind.CHOOSE, _("Choose up to N")
        RATING = rules.Kind.RATING, _("Yearly rating")
        CONFIDENCE = rules.Kind.CONFIDENCE, _("Confidence vote")

    class Method(models.TextChoices):
        OPEN = rules.Method.OPEN, _("Open (named)")
        SECRET = rules.Method.SECRET, _("Secret ballot")
        PAPER = rules.Method.PAPER, _("Paper ballots, counted by the counting board")

    class Base(models.TextChoices):
        CONVENED = rules.Base.CONVENED, _("Members convened")
        PRESENT = rules.Base.PRESENT, _("Members present")
        RETURNED = rules.Base.RETURNED, _("Ballots returned")
        VALID = rules.Base.VALID, _("Valid ballots")

    class Status(models.TextChoices):
        DRAFT = rules.Status.DRAFT, _("Draft")
        OPEN = rules.Status.OPEN, _("Open")
        CLOSED = rules.Status.CLOSED, _("Closed")
        PUBLISHED = rules.Status.PUBLISHED, _("Published")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="polls")
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("item"), null=True, blank=True, on_delete=models.PROTECT, related_name="polls"
    )
    title = NFCCharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    method = models.CharField(_("method"), max_length=8, choices=Method.choices)
    base = models.CharField(_("base"), max_length=16, choices=Base.choices)
    share_numerator = models.PositiveSmallIntegerField(_("threshold numerator"), default=1)
    share_denominator = models.PositiveSmallIntegerField(_("threshold denominator"), default=2)
    strict = models.BooleanField(_("more than (not at least)"), default=True)
    max_choices = models.PositiveSmallIntegerField(_("choose at most"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    # Counts taken when the poll opened: the electorate and the members present.
    convened = models.PositiveIntegerField(null=True, blank=True)
    present = models.PositiveIntegerField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the result was computed: at close, or for a secret poll once its board gave enough shares.
    counted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    # Computed at close from the ballots (or the paper tally): see tally.py.
    result = models.JSONField(null=True, blank=True)
    # The counting board's shares needed to open a secret poll's box (its members are the BoardSeats).
    shares_required = models.PositiveSmallIntegerField(_("shares required"), default=2)
    # A secret poll's public key (X25519, base64), from its opening; empty for polls opened before the board
    # held the key (sealed with a key derived from the site's secret).
    box_key = models.CharField(max_length=64, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("poll")
        verbose_name_plural = _("polls")
        ordering = ["meeting", "created_at", "id"]

    def __str__(self):
        return self.title

    def summary_lines(self) -> list[str]:
        """The result in the words of the meeting's documents; the meeting's outputs read it through
        the reverse relation, since meetings may not import voting."""
        if self.result is None:
            return []
        names = {str(s.pk): wording.subject_name(s.label, s.person_id is not None) for s in self.subjects.all()}
        return wording.summary_lines(self.method, self.title, self.result, names)

    @property
    def awaiting_board(self) -> bool:
        """Closed, and its box waits for the counting board's shares."""
        return self.status == Poll.Status.CLOSED and self.result is None


class BoardSeat(models.Model):
    """A member of a poll's counting board (ban kiểm phiếu): signs the vote-count record and, in a secret poll,
    holds one share of the key that opens its box.

    `device_key` is the public key his device made in the board page (P-256, base64); at opening his share is
    encrypted to it (`sealed_share`), and `share_check` lets a wrong share be refused when given. The share
    itself is never stored, and both are wiped once the box is opened.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="board")
    person = models.ForeignKey(Person, verbose_name=_("member"), on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField()  # 1..n: also the number of his share
    is_head = models.BooleanField(_("head of the board"), default=False)
    device_key = models.CharField(max_length=128, blank=True, default="")
    device_at = models.DateTimeField(null=True, blank=True)
    sealed_share = models.TextField(blank=True, default="")
    share_check = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["poll", "order"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "person"], name="board_one_seat_per_person"),
            models.UniqueConstraint(fields=["poll", "order"], name="board_one_seat_per_number"),
        ]

    def __str__(self):
        return f"{self.person_id} on the board of {self.poll_id}"


class PollSubject(models.Model):
    """What each ballot answers: the question itself, a candidate, a rated member, an office holder."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="subjects")
    order = models.PositiveSmallIntegerField(default=0)
    label = NFCCharField(_("subject"), max_length=255)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["poll", "order", "id"]

    def __str__(self):
        return self.label


class VoterRoll(models.Model):
    """Who has cast a ballot in a poll: nothing here says what or when.

    `token_hash` is the SHA-256 of the voter's one-time cast token, so that a retried request gets the
    same answer; the receipt is derived from the token, which is never stored.
    """

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="roll")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    token_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["poll", "person"], name="roll_one_per_voter")]

    def __str__(self):
        return f"{self.person_id} @ {self.poll_id}"


class Ballot(models.Model):
    """A slot of the ballot box: empty until a cast fills it with a sealed ballot and its receipt's fingerprint.
    No voter, no time. The seal is wiped at close, once opened into a CountedBallot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="ballots")
    sealed = models.TextField(blank=True, default="")
    fingerprint = models.CharField(max_length=64, blank=True, default="")

    def __str__(self):
        return f"ballot of poll {self.poll_id}"


class CountedBallot(models.Model):
    """The contents of a secret ballot counted, written at close in a random order: nothing ties it to its slot."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="counted_ballots")
    choices = models.JSONField()

    def __str__(self):
        # Never the contents: a ballot's text could end up in a log.
        return f"ballot counted in poll {self.poll_id}"


class NamedVote(models.Model):
    """An open vote: who voted what is part of the record."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="named_votes")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    choices = models.JSONField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["poll", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["poll", "person"], name="named_vote_one_per_voter")]

    def __str__(self):
        return f"{self.person} @ {self.poll_id}"


class PaperTally(models.Model):
    """The counting board's figures for a paper poll; a correction is a new row, the old kept."""

    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="paper_tallies")
    issued = models.PositiveIntegerField(_("ballots issued"))
    returned = models.PositiveIntegerField(_("ballots returned"))
    valid = models.PositiveIntegerField(_("valid ballots"))
    invalid = models.PositiveIntegerField(_("invalid ballots"))
    # {subject id: {option: count}}
    counts = models.JSONField()
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["poll", "-entered_at", "-id"]

    def __str__(self):
        return f"{self.poll}: {self.returned}/{self.issued}"
