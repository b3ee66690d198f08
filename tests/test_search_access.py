"""The search shows each reader only what the pages let that reader open, by the pages' own rules: for every role
(office, chair, member, invitees, units' staff, leader, a member whose seat ended, an outsider, the public), every
result opens for that reader, nothing that would not is found, and the totals and facet counts count only what
is shown. The confidential item's markers (tests/confidential_world.py) never reach a reader outside its room."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from hoinghi.directives import permissions as follow_perm
from hoinghi.directives.models import Directive
from hoinghi.directory.models import Membership, Person, User
from hoinghi.meetings import permissions as perm
from hoinghi.meetings.models import AgendaItem, Document, Meeting
from hoinghi.portal.models import Article
from hoinghi.portal.selectors import is_live
from hoinghi.search import access, backends, query, selectors
from hoinghi.search.models import Entry, Kind
from hoinghi.targets import permissions as target_perm
from hoinghi.targets import selectors as target_selectors
from tests import confidential_world
from tests.confidential_world import DIRECTIVE, OUTSIDE, ROLES, SECRET
from tests.factories import make_user
from tests.test_confidential_matrix import markers_for

pytestmark = pytest.mark.django_db

QUERIES = [*(text.split()[0] for text in SECRET.values() if text[:2] == "Zq"), DIRECTIVE.split()[0]]
QUERIES += ["nhan su", "bao cao", "hoi nghi", "Tỉnh ủy", "Personnel file", "kinh te", "zq5file"]


def opens(user, entry: Entry) -> bool:
    """Whether the page the result links to opens for `user`, by the page's own rule."""
    if entry.kind == Kind.MEETING:
        return perm.can_view_meeting(user, Meeting.objects.get(pk=entry.meeting_id))
    if entry.kind == Kind.DOCUMENT:
        return perm.can_open_document(user, Document.objects.select_related("item__meeting").get(pk=entry.object_id))
    if entry.kind in (Kind.ITEM, Kind.OPINION, Kind.CONCLUSION):
        return perm.can_view_item(user, AgendaItem.objects.select_related("meeting").get(pk=entry.item_id))
    if entry.kind in (Kind.DIRECTIVE, Kind.REPORT):
        return user.is_authenticated and follow_perm.can_view(user, Directive.objects.get(pk=entry.directive_id))
    if entry.kind in (Kind.RESOLUTION, Kind.TARGET):
        watching = target_perm.can_watch(user)
        shown = target_selectors.visible_resolutions(user, watching) if entry.kind == Kind.RESOLUTION else None
        shown = shown if shown is not None else target_selectors.visible_targets(user, watching)
        return user.is_authenticated and target_perm.sees_targets(user) and shown.filter(pk=entry.object_id).exists()
    if entry.kind == Kind.ARTICLE:
        return is_live(Article.objects.get(pk=entry.object_id))
    raise AssertionError(f"no rule for {entry.kind}")


@pytest.fixture
def room(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return confidential_world.build(world)


def test_the_index_holds_the_confidential_item_and_what_it_gathers(room):
    kinds = set(Entry.objects.filter(item_id=room.secret.pk).values_list("kind", flat=True))
    assert kinds == {Kind.ITEM, Kind.DOCUMENT, Kind.OPINION, Kind.CONCLUSION}
    assert Entry.objects.filter(kind=Kind.DIRECTIVE, texts__text__contains="Zq0dir").exists()
    assert Entry.objects.filter(
        kind=Kind.DOCUMENT, texts__folded__contains="personnel file"
    ).exists()  # read by the worker


@pytest.mark.parametrize("role", ROLES)
def test_every_result_opens_for_its_reader_and_nothing_withheld_is_found_or_counted(room, role):
    user = room.users.get(role, AnonymousUser())
    for text in QUERIES:
        clauses = query.parse(text)
        matching = Entry.objects.filter(id__in=backends.engine().matching(clauses))
        expected = {entry.pk for entry in matching if opens(user, entry)}
        results = selectors.search(user, text, per_page=1000)
        found = {hit.entry.pk for hit in results.hits} if not results.near else set()
        assert found == expected, (role, text)
        assert results.total == len(expected) if not results.near else not expected
        for name, facet in results.facets.items():
            if name == "kind":
                assert sum(value.count for value in facet) == len(expected), (role, text)
        if role in OUTSIDE:
            shown = " ".join(
                f"{hit.title} {hit.snippet} {hit.entry.title} {hit.entry.texts.text}" for hit in results.hits
            )
            for marker in markers_for(role):
                assert marker.split()[0] not in shown, (role, text)


@pytest.mark.parametrize("role", ROLES)
def test_a_readers_condition_is_built_from_the_account_and_the_day_alone(room, role, django_assert_num_queries):
    """What lets the search keep it compiled (selectors.reader_condition): whose seat, invitation or assignment lets
    a row through is asked in SQL when the search runs, never read while the condition is built."""
    user = room.users.get(role, AnonymousUser())
    with django_assert_num_queries(0):
        for public in (False, True):
            selectors.condition(Entry.objects.filter(selectors.allowed(user, public)))


def test_a_kept_condition_follows_the_account_and_every_record_at_once(room, world, monkeypatch):
    built = []
    readable = access.readable
    monkeypatch.setattr(access, "readable", lambda user: built.append(user.username) or readable(user))
    person = Person.objects.create(full_name="Hoàng Văn Mới")
    newcomer = make_user("newcomer", "member", person)
    secret = SECRET["title"].split()[0]
    assert selectors.search(newcomer, secret).total == 0
    seat = Membership.objects.create(person=person, term=world.term)  # a seat given: asked in SQL, found at once
    assert selectors.search(newcomer, secret).total > 0
    assert built == ["newcomer"]  # kept: built once
    seat.end = timezone.localdate() - timedelta(days=1)
    seat.save()
    assert selectors.search(newcomer, secret).total == 0 and built == ["newcomer"]
    seat.end = None
    seat.save()
    assert selectors.search(newcomer, secret).total > 0 and built == ["newcomer"]
    newcomer.person = None  # any change of the account is another key: unlinked from the seated person
    newcomer.save()
    assert selectors.search(newcomer, secret).total == 0 and built == ["newcomer", "newcomer"]
    assert selectors.search(User.objects.get(pk=newcomer.pk), secret).total == 0 and len(built) == 2


@pytest.mark.parametrize("role", ROLES)
def test_the_meetings_list_finds_a_meeting_by_an_item_only_for_whoever_sees_the_item(room, role):
    user = room.users.get(role, AnonymousUser())
    if not user.is_authenticated:
        return
    found = set(selectors.meetings_found(user, SECRET["title"].split()[0]).values_list("meeting_id", flat=True))
    assert found == ({room.meeting.pk} if perm.can_view_item(user, room.secret) else set())


def test_the_public_finds_live_articles_only(room):
    office = room.users["office"]
    common = {"author": office, "summary": "Tin về hội nghị", "body": "<p>Nội dung <b>tuyên truyền</b> về Tỉnh uỷ</p>"}
    live = Article.objects.create(
        title="Bài đã đăng",
        slug="da-dang",
        status="published",
        publish_at=timezone.now() - timedelta(hours=1),
        **common,
    )
    Article.objects.create(title="Bài nháp", slug="nhap", status="draft", **common)
    public = AnonymousUser()
    assert [h.entry.object_id for h in selectors.search(public, "tuyen truyen", public=True).hits] == [live.pk]
    # Nothing of the meetings themselves; the meeting's own article (tests/confidential_world.py) without its secrets.
    found = selectors.search(public, "nhan su", public=True)
    assert {hit.entry.kind for hit in found.hits} <= {Kind.ARTICLE}
    shown = " ".join(f"{hit.title} {hit.snippet}" for hit in found.hits)
    assert not [marker for marker in [*SECRET.values(), DIRECTIVE] if marker.split()[0] in shown]
    article = Article.objects.get(meeting=room.meeting)
    assert not [marker for marker in [*SECRET.values(), DIRECTIVE] if marker.split()[0] in article.body]
    live.status = Article.Status.WITHDRAWN
    live.save()
    assert selectors.search(public, "tuyen truyen", public=True).total == 0
    Article.objects.filter(pk=live.pk).update(status="scheduled", publish_at=timezone.now() + timedelta(hours=1))
    Article.objects.get(pk=live.pk).save()
    assert selectors.search(public, "tuyen truyen", public=True).total == 0  # not before its time
