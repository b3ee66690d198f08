"""Loads the demo data once, through the same services the screens use, and renews the demo logins.

The story: the three seed meetings of 2021 and their directives' follow-up up to the merge of 01/07/2025, as the
Hải Dương committees lived them; the reorganization, recorded on its basis; the open directives passed to the
successors; then the merged city's office at work, its follow-up and meetings dated from the day the demo is loaded.

Directory rows, resolutions and their targets are admin-managed data, written with the ORM; every meeting,
item, participant, paper, opinion, conclusion, directive and its follow-up, poll and ballot, target figure and
definition change goes through its service's action (`do_*`), so the demo passes the same checks on the record
and leaves the same audit trail as real use. What the office does is done as the demo's office login; opinions,
votes and units' reports are given through the accounts of the people who gave them.
"""

import datetime
import io
import secrets
from dataclasses import dataclass

import docx
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hoinghi.core import audit
from hoinghi.core.filetypes import DOCX
from hoinghi.core.text import fold
from hoinghi.directives.models import DeadlineEntry, Transfer
from hoinghi.directives.services import do_add_directive
from hoinghi.directives.transfer import do_transfer, plan_transfer
from hoinghi.directory.models import Body, Membership, Organization, Person, Position, Term, User
from hoinghi.directory.reorganization import do_record_reorganization
from hoinghi.meetings import services
from hoinghi.meetings.documents import do_upload_document
from hoinghi.meetings.models import Meeting, Opinion, Participant
from hoinghi.records.issue import do_issue_conclusion_notice
from hoinghi.records.notice import default_options
from hoinghi.voting import board
from hoinghi.voting import services as voting
from hoinghi.voting.device import Board
from hoinghi.voting.models import Poll

from . import seed_meetings as data
from .follow_up import OFFICE_HOUR, FollowUp, at, plan, record_past_reminders
from .portal_demo import PortalDemo
from .targets_demo import TargetsDemo


@dataclass(frozen=True)
class Login:
    role: str
    username: str
    password: str
    board: str = ""  # "head" or "member" of the upcoming secret vote's counting board


@dataclass(frozen=True)
class Summary:
    loaded: bool  # False when an earlier run had loaded the data already
    meetings: int
    logins: list[Login]


@transaction.atomic
def load_demo() -> Summary:
    """Load the demo data unless it is there, then give every demo login a new random password."""
    loaded = not Organization.objects.filter(name=data.MARKER, parent=None).exists()
    if loaded:
        _Loader().run()
    committees = (data.MARKER, data.SUCCESSOR_ORGANIZATIONS["thanh_uy"][0])
    meetings = Meeting.objects.filter(body__organization__name__in=committees).count()
    return Summary(loaded=loaded, meetings=meetings, logins=_renew_passwords())


def _renew_passwords() -> list[Login]:
    users = {u.username: u for u in User.objects.filter(is_demo=True, username__in=[a[1] for a in data.ACCOUNTS])}
    logins = []
    for role, username, person, _organization in data.ACCOUNTS:
        if user := users.get(username):
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            user.save(update_fields=["password"])
            audit.record(None, "demo.password_renewed", user)
            board = (
                "" if person not in data.COUNTING_BOARD else "head" if person == data.COUNTING_BOARD[0] else "member"
            )
            logins.append(Login(role=role, username=username, password=password, board=board))
    return logins


def _board_part(person: str | None) -> str:
    if person not in data.COUNTING_BOARD:
        return ""
    return "head" if person == data.COUNTING_BOARD[0] else "member"


def _paper(issuer: str, filename: str, content: list[tuple[str, str]]) -> SimpleUploadedFile:
    """A small DOCX: the issuer's line, the text, and a note that it is demo material."""
    document = docx.Document()
    document.add_paragraph(issuer.upper())
    for style, text in content:
        if style == "title":
            document.add_heading(text, level=1)
        elif style == "heading":
            document.add_heading(text, level=2)
        else:
            document.add_paragraph(text, style="List Bullet" if style == "bullet" else None)
    document.add_paragraph().add_run(data.DEMO_NOTE).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(filename, buffer.getvalue(), content_type=DOCX.media_type)


class _Loader:
    def run(self) -> None:
        self.today = timezone.localdate()
        self.follow_up_plan = plan(self.today)
        self.orgs = self._organizations()
        self.terms = self._terms()
        self.people = self._people()
        self.office, self.users = self._accounts()
        self.followed = []  # (directive, its demo follow-up), played once the meetings are closed
        # 2021: the Hải Dương committees, their office, and what followed up to the merge.
        successor_office, self.office = self.office, self._office_2021()
        items = {spec["key"]: self._meeting(spec) for spec in data.SEED_MEETINGS}
        self.follow_up = FollowUp(self.office, self.orgs)
        for directive, spec in self.followed:
            self.follow_up.given(directive)
            self.follow_up.run(directive, spec["before"])
        # The resolution the fourth conference discussed (seed 002), its targets and the figures reported since:
        # by Hải Dương's units up to the merge, by their successors after.
        offices = (self.office, successor_office)
        TargetsDemo(offices, self.orgs, items["seed002"]["chuyen_doi_so"], self.today, self.follow_up).run()
        # 01/07/2025: the merge, recorded by the successor's office, which takes over the open directives.
        self.office = self.follow_up.office = successor_office
        reorganizations = [self._reorganize(*spec) for spec in data.REORGANIZATIONS]
        for reorganization in reorganizations:
            self._pass_on(reorganization)
        passed = [(directive, spec) for directive, spec in self.followed if spec["passes_on"]]
        for directive, spec in passed:
            directive.refresh_from_db()
            self.follow_up.run(directive, spec["after"])
        # The merged city's committee at work: its recent sitting and the next one.
        self.followed = []
        for spec in data.SUCCESSOR_MEETINGS:
            items[spec["key"]] = self._meeting(spec)
        for directive, _spec in self.followed:
            self.follow_up.given(directive)
        for (later, later_item), (earlier, earlier_item) in data.MATTER_LINKS:
            services.do_link_to_earlier(self.office, items[later][later_item], items[earlier][earlier_item])
        record_past_reminders(self.today)
        # The public portal, published from these records.
        PortalDemo(self.office, self.today).run()
        audit.record(self.office, "demo.load", self.orgs["thanh_uy"], meetings=len(items))

    # The directory: admin-managed reference data, then the reorganization through its service.

    def _organizations(self) -> dict[str, Organization]:
        orgs = {}
        founded = {key: data.MERGE_DAY for key in data.SUCCESSOR_ORGANIZATIONS}
        specs = data.ORGANIZATIONS | data.FORMER_HAI_PHONG | data.SUCCESSOR_ORGANIZATIONS
        for key, (name, short, kind, level, parent, code, place) in specs.items():
            orgs[key] = Organization.objects.create(
                name=name,
                short_name=short,
                kind=kind,
                level=level,
                parent=orgs.get(parent),
                document_code=code,
                place_name=place,
                start=founded.get(key),
            )
        return orgs

    def _terms(self) -> dict[str, Term]:
        terms = {}
        for key, (organization, name, kind, heading, ordinal, start) in data.BODIES.items():
            body = Body.objects.create(
                organization=self.orgs[organization],
                name=name,
                kind=kind,
                signature_heading=heading,
                start=self.orgs[organization].start,
            )
            terms[key] = Term.objects.create(body=body, ordinal=ordinal, start=start)
        return terms

    def _people(self) -> dict[str, Person]:
        people = {}
        for key, (full_name, positions, seats) in (data.PEOPLE | data.SUCCESSOR_PEOPLE).items():
            person = people[key] = Person.objects.create(full_name=full_name)
            for rank, (title, organization, start, end) in enumerate(positions, start=1):
                Position.objects.create(
                    person=person,
                    title=title,
                    organization=self.orgs.get(organization),
                    start=start,
                    end=end,
                    rank=rank,
                )
            for body, role in seats.items():
                term = self.terms[body]
                Membership.objects.create(person=person, term=term, role=role, start=term.start)
        return people

    def _accounts(self) -> tuple[User, dict[str, User]]:
        """The demo's office login, and the accounts of the people: the demo logins, and accounts for the other
        speakers, chairs and voters."""
        office, users = None, {}
        for role, username, person, organization in data.ACCOUNTS:
            user = User.objects.create_user(
                username,
                role=role,
                is_demo=True,
                person=self.people.get(person),
                last_name=data.ACCOUNT_NAMES.get(username, ""),
                organization=self.orgs.get(organization),
                email=f"{username}@{data.EMAIL_DOMAIN}",
                is_staff=role == User.Role.ADMIN,
                is_superuser=role == User.Role.ADMIN,
            )
            if person:
                users[person] = user
            if role == User.Role.OFFICE:
                office = user
        # Opinions, steps and ballots are given through their author's account: the 2021 people, who have no demo
        # login, get an account with no password yet (an administrator may give them one).
        items = [item for spec in data.MEETINGS for item in spec["items"].values()]
        speakers = {key for item in items for key, _text in item.get("opinions", ())}
        voters = {key for item in items for poll in item.get("polls", ()) for key in poll["voters"]}
        chairs = {key for spec in data.MEETINGS for key in spec["chairs"]}
        for key in sorted((speakers | voters | chairs) - set(users)):
            person = self.people[key]
            username = fold(person.full_name).replace(" ", ".")
            users[key] = User.objects.create_user(username, role=User.Role.MEMBER, is_demo=True, person=person)
        return office, users

    def _office_2021(self) -> User:
        username, name, organization = data.OFFICE_2021
        return User.objects.create_user(
            username, role=User.Role.OFFICE, is_demo=True, last_name=name, organization=self.orgs[organization]
        )

    def _reorganize(self, kind: str, predecessors: list[str], successors: list[str], note: str):
        return do_record_reorganization(
            self.office,
            kind=kind,
            predecessors=[self.orgs[key] for key in predecessors],
            successors=[self.orgs[key] for key in successors],
            effective=data.MERGE_DAY,
            note=note,
            **data.BASIS,
        )

    def _pass_on(self, reorganization) -> None:
        """The office passes the reorganization's open directives on, on the day it took effect, setting the new
        deadlines FOLLOW_UP gives."""
        passing = {line.directive.pk for line in plan_transfer(reorganization)}
        if not passing:
            return
        new_deadlines = {
            d.pk: spec["new_deadline"] for d, spec in self.followed if spec["new_deadline"] and d.pk in passing
        }
        transfers = do_transfer(self.office, reorganization, deadlines=new_deadlines, day=data.MERGE_DAY)
        done_at = at(data.MERGE_DAY, OFFICE_HOUR)
        Transfer.objects.filter(pk__in=[t.pk for t in transfers]).update(at=done_at)
        DeadlineEntry.objects.filter(
            directive__in=[t.directive_id for t in transfers], cause=DeadlineEntry.Cause.TRANSFER
        ).update(set_at=done_at)

    # The meetings: everything through the services.

    def _meeting(self, spec: dict) -> dict:
        term = self.terms[spec["body"]]
        meeting = services.do_create_meeting(
            self.office,
            body=term.body,
            term=term,
            number=spec["number"],
            kind=Meeting.Kind.REGULAR,
            starts_at=self._starts_at(spec),
            place=spec.get("place", ""),
            title=spec["title"],
        )
        items = {key: self._item(meeting, item) for key, item in spec["items"].items()}
        for key in spec["chairs"]:
            services.do_add_participant(self.office, meeting, self.people[key], Participant.Role.CHAIR)
        for key, item_keys in spec["invitees"]:
            invited = [items[k] for k in item_keys]
            services.do_add_participant(self.office, meeting, self.people[key], Participant.Role.INVITEE, invited)
        self._step(self.office, meeting, "schedule")
        for key, item in spec["items"].items():
            for paper in item.get("papers", ()):
                title, kind, level, filename, content = data.PAPERS[paper]
                do_upload_document(
                    self.office,
                    items[key],
                    title=title,
                    kind=kind,
                    confidentiality=level,
                    uploaded_file=_paper(term.body.organization.name, filename, content),
                )
        if spec["status"] == Meeting.Status.SCHEDULED:
            for key, item in spec["items"].items():
                self._polls(items[key], item)
            return items
        chair = self.users[spec["chairs"][0]]
        self._step(chair, meeting, "start")
        # The seeds report these sittings as held by the body: its members attended, with the guests named.
        named = [self.people[k] for k in spec["present"]]
        present = meeting.participants.filter(Q(is_member=True) | Q(person__in=named))
        for participant in present:
            services.do_record_attendance(self.office, participant, Participant.Attendance.PRESENT)
        for key, item in spec["items"].items():
            self._record(items[key], item, (spec["key"], key))
            self._polls(items[key], item, chair)
        self._step(chair, meeting, "close")
        if spec.get("notice"):
            do_issue_conclusion_notice(self.office, meeting, default_options(meeting, timezone.localdate()))
        return items

    def _starts_at(self, spec: dict) -> datetime.datetime:
        if "starts_at" in spec:
            return timezone.make_aware(spec["starts_at"])
        day = timezone.localtime() + datetime.timedelta(days=spec["days_ahead"])
        return day.replace(hour=8, minute=0, second=0, microsecond=0)

    @staticmethod
    def _step(actor, meeting: Meeting, step: str) -> None:
        # The items and participants hold this instance: keep its status current for the next service.
        services.do_take_step(actor, meeting, step)
        meeting.refresh_from_db()

    def _item(self, meeting: Meeting, spec: dict):
        return services.do_add_item(
            self.office,
            meeting,
            title=spec["title"],
            kind=spec["kind"],
            presenter_organization=self.orgs.get(spec.get("presenter_organization")),
            presenter_person=self.people.get(spec.get("presenter_person")),
            confidentiality=spec.get("confidentiality", "normal"),
        )

    def _record(self, item, spec: dict, key: tuple[str, str]) -> None:
        """What the sitting produced on the item: opinions, conclusion and directives (`key`: meeting, item)."""
        paper = item.documents.first()
        for minute, (speaker, text) in enumerate(spec.get("opinions", ())):
            opinion = services.do_add_opinion(self.users[speaker], item, text, document=paper)
            # Dated at the historic sitting, in the article's order, rather than at load time.
            at = item.meeting.starts_at + datetime.timedelta(hours=2, minutes=10 * minute)
            Opinion.objects.filter(pk=opinion.pk).update(at=at)
        if conclusion := spec.get("conclusion"):
            outcome, text, directives = conclusion
            recorded = services.do_record_conclusion(self.office, item, outcome, text)
            for n, (lead, content) in enumerate(directives):
                follow_up = self.follow_up_plan.get((*key, n), {})
                directive = do_add_directive(
                    self.office,
                    recorded,
                    lead_organization=self.orgs[lead],
                    content=content,
                    deadline=follow_up.get("deadline"),
                )
                if follow_up:
                    self.followed.append((directive, follow_up))

    def _polls(self, item, spec: dict, chair=None) -> None:
        """The item's polls; at a sitting held (a chair given), run as the seeds report their results."""
        for poll_spec in spec.get("polls", ()):
            subjects = poll_spec["subjects"]
            poll = voting.do_create_poll(
                self.office,
                item.meeting,
                title=poll_spec["title"],
                kind=poll_spec["kind"],
                method=poll_spec["method"],
                subjects=[(label or self.people[key].full_name, self.people.get(key)) for label, key, _ in subjects],
                item=item,
            )
            if chair:
                self._run(chair, poll, poll_spec)
            else:
                self._board_of_demo_logins(poll)

    def _board_of_demo_logins(self, poll: Poll) -> None:
        """A poll left for the visitor to try: its counting board is members whose logins the demo prints (marked
        so), so that the visitor can get their phones ready (two browsers) and open it."""
        members = [self.people[key] for key in data.COUNTING_BOARD]
        board.do_set_board(self.office, poll, members=members, head=members[0], shares_required=data.BOARD_SHARES)

    def _run(self, chair, poll: Poll, spec: dict) -> None:
        # Counted before opening: this poll's place among the sitting's votes dates it below.
        earlier = Poll.objects.filter(meeting=poll.meeting).exclude(status=Poll.Status.DRAFT).count()
        board = Board(poll)
        if poll.method == Poll.Method.SECRET:
            board.get_ready()  # the counting board's phones, as the board page would
        poll = voting.do_open_poll(chair, poll)
        marks = [mark for _label, _key, mark in spec["subjects"]]
        ballot = {str(subject.pk): mark for subject, mark in zip(poll.subjects.all(), marks, strict=True)}
        for key in spec["voters"]:
            voting.cast(self.users[key], poll, ballot, voting.new_token())
        poll = voting.do_close_poll(chair, poll)
        if poll.awaiting_board:
            poll = board.give_shares()
        voting.do_publish_poll(chair, poll)
        # Dated at the historic sitting, after its opinions, rather than at load time.
        opened = poll.meeting.starts_at + datetime.timedelta(hours=3, minutes=20 * earlier)
        Poll.objects.filter(pk=poll.pk).update(
            opened_at=opened,
            closed_at=opened + datetime.timedelta(minutes=10),
            published_at=opened + datetime.timedelta(minutes=12),
        )
