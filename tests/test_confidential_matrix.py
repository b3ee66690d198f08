"""Confidential items stay in the room, over the whole URL table: every URL the product serves, filled with the
objects of a meeting that holds a normal and a confidential item, fetched (and posted to) by every role; no
response to a role outside the confidential item's room carries anything of it, whatever its form (a page, a
JSON, a live feed, a DOCX or an Excel workbook).
"""

import html
import io
import json
import re
import zipfile

import pytest
from asgiref.sync import async_to_sync
from django.test import AsyncClient, Client

from hoinghi.directives import permissions as follow_perm
from hoinghi.directives import selectors as follow_selectors
from hoinghi.directives.models import Directive
from hoinghi.meetings import permissions as perm
from hoinghi.meetings import selectors
from hoinghi.meetings.models import AgendaItem
from tests import confidential_world
from tests.confidential_world import DIRECTIVE, IN_THE_ROOM, OUTSIDE, READS_SECRET_PAPERS, ROLES, SECRET
from tests.test_architecture import url_patterns

# The object a URL's `pk` names, by the start of its route.
KINDS = [
    ("meetings/items/", "item"),
    ("meetings/participants/", "participant"),
    ("meetings/documents/", "document"),
    ("meetings/notices/", "issued"),
    ("meetings/", "meeting"),
    ("directives/conclusions/", "conclusion"),
    ("directives/reports/files/", "attachment"),
    ("directives/reports/", "report"),
    ("directives/extensions/", "extension"),
    ("directives/", "directive"),
    ("polls/meeting/", "meeting"),
    ("polls/", "poll"),
    ("targets/report/t/", "target"),
    ("targets/f/", "figure"),
    ("targets/t/", "target"),
    ("targets/", "resolution"),
    ("import/upload/", "import_job"),
    ("import/", "article"),
    ("directory/organizations/", "organization"),
    ("directory/bodies/", "body"),
    ("directory/terms/", "term"),
    ("account/api-keys/", "api_key"),
    ("cong-thong-tin/quan-ly/bai-viet/tu-hoi-nghi/", "meeting"),
    ("cong-thong-tin/quan-ly/bai-viet/", "portal_article"),
    ("cong-thong-tin/quan-ly/thong-bao/", "notice"),
    ("cong-thong-tin/quan-ly/lich/muc/", "schedule_entry"),
    ("cong-thong-tin/quan-ly/lich/", "schedule_week"),
    ("cong-thong-tin/quan-ly/van-ban/", "public_document"),
    ("cong-thong-tin/tin-tuc/", "portal_article"),
    ("cong-thong-tin/lich-cong-tac/", "schedule_week"),
    ("cong-thong-tin/thong-bao/", "notice"),
    ("cong-thong-tin/van-ban/", "public_document"),
    ("cong-thong-tin/thu-vien-anh/", "photo"),
]
# The API names its objects by their kind (walked here without a key; tests/test_api_permissions.py walks it with
# every role's key).
API_PARAMS = {
    "meeting_id": "meeting",
    "item_id": "item",
    "directive_id": "directive",
    "poll_id": "poll",
    "resolution_id": "resolution",
    "target_id": "target",
}
# Pages that take their subject from the address: each list and export, and the search, with what they may show.
QUERIES = {
    "meetings/": [{}, {"q": "Zq1title"}, {"q": "Zqearly"}],
    "directives/export.xlsx": [{"list": "overdue"}, {"list": "inbox"}, {"list": "dashboard"}],
    "directives/print/": [{}, {"status": "in_progress"}],
    # The search, for words of each marker (not a whole marker: a page may say back what the reader asked for).
    "tim-kiem/": [
        {},
        *({"q": q} for q in ["Zq1title", "Zq2concl", "Zq3opin", "Zq4paper", "zq5file", "Zq0dir"]),
        {"q": "nhan su"},
        {"q": "Personnel file"},
        {"q": "Zqvote OR Zqearly"},
    ],
    "cong-thong-tin/tim-kiem/": [{"q": "Zq1title"}, {"q": "nhan su"}],
}
SKIPPED_POSTS = {"logout", "set_language"}  # would end or change the session the next request is made with


def filled(room, route: str, pattern) -> list[tuple[str, dict]]:
    """(which object, URL kwargs) for every object of the world the route can name."""
    params = set(pattern.pattern.converters)
    if not params:
        return [("", {})]
    if params == {"conclusion_pk"}:
        return [(which, {"conclusion_pk": obj.pk}) for which, obj in room.objects["conclusion"].items()]
    if params == {"batch"}:  # an upload's files, named by their batch
        return [(which, {"batch": batch}) for which, batch in room.objects["import_job"].items()]
    if route.startswith("api/"):
        (param,) = params
        if param not in API_PARAMS:  # an article's slug, a path naming no endpoint: nothing of this world
            return [("", {param: "khong-co"})]
        return [(which, {param: obj.pk}) for which, obj in room.objects[API_PARAMS[param]].items()]
    if params == {"slug"}:  # a portal article
        return [(which, {"slug": obj.slug}) for which, obj in room.objects["portal_article"].items()]
    if params == {"year", "week"}:
        return [(which, {"year": w.year, "week": w.week}) for which, w in room.objects["schedule_week"].items()]
    if params == {"pk", "size"}:  # a photo's shown copy and its original
        return [
            (which, {"pk": obj.pk, "size": size})
            for which, obj in room.objects["photo"].items()
            for size in ("anh", "goc")
        ]
    kind = next((kind for prefix, kind in KINDS if route.startswith(prefix)), None)
    objects = room.objects.get(kind)
    assert objects, f"no object of the world for {route}"
    extra = {"number": 1, "page": 1} if "page" in params else {}
    if "step" in params:
        extra["step"] = "close"
    return [(which, {"pk": obj.pk} | extra) for which, obj in objects.items()]


def text_of(response) -> str:
    """What a response says, in whatever form: HTML unescaped, JSON decoded, DOCX and XLSX unpacked."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as package:
            parts = [package.read(name).decode() for name in package.namelist() if name.endswith((".xml", ".rels"))]
        return html.unescape(re.sub(r"<[^>]+>", " ", " ".join(parts)))
    if "json" in kind:
        return json.dumps(json.loads(body), ensure_ascii=False)
    if kind.startswith("image/"):
        return ""
    return html.unescape(body.decode())


def client_of(room, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(room.users[role])
    return client


def markers_for(role: str) -> list[str]:
    markers = list(SECRET.values())
    if role != "unit_secret":  # the unit given the directive reads it; nobody else outside the room
        markers.append(DIRECTIVE)
    return markers


@pytest.fixture
def room(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return confidential_world.build(world)


def test_no_response_outside_the_room_carries_the_confidential_item(room):
    """Every URL × every role: GET for all, POST (empty) for those outside the room; nothing leaks."""
    patterns = list(url_patterns())
    leaks, statuses, checked = [], {}, 0
    for role in ROLES:
        client = client_of(room, role)
        outside = role in OUTSIDE
        markers = [marker.casefold() for marker in markers_for(role)] if outside else []
        links = room.secret_links() if outside else []
        for route, pattern in patterns:
            for which, kwargs in filled(room, route, pattern):
                url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m, k=kwargs: str(k[m.group(1)]), route)
                methods = ["get", "post"] if outside and pattern.name not in SKIPPED_POSTS else ["get"]
                for method in methods:
                    for query in QUERIES.get(route, [{}]) if method == "get" else [{}]:
                        response = getattr(client, method)(url, query)
                        checked += 1
                        statuses[(route, which, role, method)] = response.status_code
                        said = text_of(response)
                        folded = said.casefold()
                        found = [m for m in markers if m in folded] + [link for link in links if link in said]
                        if found:
                            leaks.append((role, method.upper(), url, query, found))
    assert not leaks, "\n".join(map(str, leaks))
    assert checked > 1500
    room.statuses = statuses
    _expected_statuses(room, statuses)


def _expected_statuses(room, statuses: dict) -> None:
    """Where the rule decides: the confidential item's pages, papers, polls, feeds and records."""
    reads = {
        "meetings/items/<int:pk>/": "item",
        "polls/<int:pk>/": "poll",
        "polls/<int:pk>/room/": "poll",
        "polls/<int:pk>/state.json": "poll",
        "polls/<int:pk>/published.json": "poll",
        "polls/<int:pk>/record.docx": "poll",
        "directives/<int:pk>/": "directive",
    }
    wrong = []
    for route, _kind in reads.items():
        for role in ROLES:
            status = statuses[(route, "secret", role, "get")]
            if role == "anonymous":
                expected = 302
            elif role in IN_THE_ROOM or (route.startswith("directives/") and role == "unit_secret"):
                expected = 200
            else:
                expected = 403
            if route.startswith("directives/") and role in {"chair", "member", "invitee_secret"}:
                expected = 403  # the follow-up pages are the office's, the leaders' and the units'
            if status != expected:
                wrong.append((route, role, status, expected))
    for page in ("meetings/documents/<int:pk>/", "meetings/documents/<int:pk>/versions/<int:number>/pages/<int:page>/"):
        for role in ROLES:
            expected = 302 if role == "anonymous" else 200 if role in READS_SECRET_PAPERS else 403
            if statuses[(page, "secret", role, "get")] != expected:
                wrong.append((page, role, statuses[(page, "secret", role, "get")], expected))
    # The notice names the confidential item: the office and the body's members only.
    for role in ROLES:
        expected = 302 if role == "anonymous" else 200 if role in {"office", "admin", "chair", "member"} else 403
        status = statuses[("meetings/notices/<int:pk>.docx", "secret", role, "get")]
        if status != expected:
            wrong.append(("notice", role, status, expected))
    assert not wrong, "\n".join(map(str, wrong))


def test_the_lists_ask_the_same_question_as_the_pages(room):
    """`selectors.visible_items` (SQL) and `permissions.can_view_item` agree for every role and item."""
    items = list(AgendaItem.objects.select_related("meeting"))
    for role, user in room.users.items():
        in_sql = set(selectors.visible_items(user).values_list("pk", flat=True))
        by_rule = {item.pk for item in items if perm.can_view_item(user, item)}
        assert in_sql == by_rule, role
        withheld = set(selectors.withheld_items(user).values_list("pk", flat=True))
        assert withheld == {item.pk for item in items if perm.is_confidential(item)} - by_rule, role


def test_a_leader_finds_the_meeting_by_what_he_may_see_only(room):
    leader = room.users["leader"]
    assert list(selectors.meeting_list(leader, query="kinh tế - xã hội")) == [room.meeting]
    assert list(selectors.meeting_list(leader, query="Zq1title phương án")) == []
    assert list(selectors.meeting_list(room.users["member"], query="Zq1title phương án")) == [room.meeting]


def test_the_agenda_keeps_the_place_of_a_withheld_item(room):
    agenda = selectors.agenda(room.meeting, room.users["leader"])
    assert [getattr(item, "withheld", False) for item in agenda] == [False, True]
    assert not hasattr(agenda[1], "title")
    assert [item.title for item in selectors.agenda(room.meeting, room.users["member"])] == [
        confidential_world.NORMAL_TITLE,
        SECRET["title"],
    ]


def test_a_leaders_figures_agree_with_his_lists(room):
    """The dashboard counts what the lists show: a leader's counts leave out the confidential item's directive."""
    everything = follow_selectors.Filters()
    counted = {}
    for role in ("office", "leader"):
        seen = follow_perm.visible(room.users[role], Directive.objects.all())
        board = follow_selectors.dashboard(everything, among=seen)
        counted[role] = (board.total.counts.assigned, follow_selectors.listing(everything, seen).count())
    assert counted == {"office": (2, 2), "leader": (1, 1)}


def test_a_unit_reads_its_directive_but_not_the_item_behind_it(room):
    directive = room.objects["directive"]["secret"]
    said = text_of(client_of(room, "unit_secret").get(f"/directives/{directive.pk}/"))
    assert DIRECTIVE in said and room.meeting.title in said
    assert not [marker for marker in SECRET.values() if marker in said]
    assert "Confidential content" in said or "Nội dung mật" in said


def test_the_live_feed_of_a_confidential_poll_is_the_rooms_alone(room):
    """The room screen's stream, as an ASGI server serves it (the WSGI test client only gets its 204)."""
    poll = room.objects["poll"]["secret ballot"]

    async def first_frame(user) -> tuple[int, str]:
        client = AsyncClient()
        if user is not None:
            await client.aforce_login(user)
        response = await client.get(f"/polls/{poll.pk}/events/")
        if response.status_code != 200:
            return response.status_code, response.content.decode()
        frames = aiter(response.streaming_content)
        frame = (await anext(frames)).decode()
        await frames.aclose()
        return 200, frame

    for role in ROLES:
        status, said = async_to_sync(first_frame)(room.users.get(role))
        if role in OUTSIDE:
            assert status in (302, 403) and "Zq8secret" not in said, role
        else:
            assert status == 200 and SECRET["secret poll"] in json.loads(said.split("data: ")[1])["title"], role
