"""The follow-up dashboards over a reorganization: a directive counts under the organization that held it on the
dashboard's day (the predecessor before the transfer, the successor from it); "on time" is judged as before; the
successor's inherited work is shown apart; an ended organization has no row after its end."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hoinghi.directives import selectors, transfer
from hoinghi.directives.forms import FilterForm
from hoinghi.directives.models import Directive
from hoinghi.directory.models import Reorganization
from tests.clients import client_for
from tests.dashboard_reorganization import (
    done_by_the_unit,
    effective,
    given,
    merged,
    old_item,
    organization,
    reorganize,
    the_day_before,
)
from tests.directive_helpers import running_item

pytestmark = pytest.mark.django_db


def board(**filters):
    return selectors.dashboard(selectors.Filters(**filters))


def assigned(figures) -> dict[str, int]:
    return {row.name: row.counts.assigned for row in figures.by_organization}


def test_a_merge_counts_under_the_predecessors_before_the_day_and_the_successor_from_it(world):
    merge = merged(world)
    before = board(as_of=the_day_before())
    assert assigned(before) == {world.department.name: 2, merge["transport"].name: 1}
    assert all(row.ended == the_day_before() and row.inherited == 0 for row in before.by_organization)
    for day in (effective(), None):
        after = board(as_of=day)
        # The ended organizations have no row: what they closed before the merge counts under the successor too.
        assert assigned(after) == {merge["successor"].name: 3}
        (row,) = after.by_organization
        assert (row.inherited, row.ended, row.counts.open, row.counts.done_on_time) == (3, None, 2, 1)
        assert after.total.counts == before.total.counts


def test_the_successors_page_shows_its_inherited_work_apart_per_predecessor(world):
    merge = merged(world)
    # Its own work comes from a meeting held since it began (a meeting cannot give work to what did not exist).
    given(
        world,
        running_item(world, days_from_now=0),
        merge["successor"],
        content="Xây dựng đề án sáp nhập các trung tâm.",
    )
    figures = board(organization=merge["successor"].pk)
    assert figures.total.counts.assigned == 4
    own_work, *inherited = figures.own_and_inherited
    assert (own_work.counts.assigned, own_work.counts.open) == (1, 1)
    passed = {(row.name, row.passed_on): (row.counts.assigned, row.counts.open) for row in inherited}
    assert passed == {
        (world.department.name, effective()): (2, 1),  # one passed open, one it had done before it ended
        (merge["transport"].name, effective()): (1, 1),
    }
    # Dated before the merge, the successor held nothing; its own directive had not been given to it yet either.
    assert board(organization=merge["successor"].pk, as_of=the_day_before()).total.counts.assigned == 0


def test_a_predecessor_chosen_on_a_day_before_the_merge_shows_what_it_held(world):
    merged(world)
    figures = board(organization=world.department.pk, as_of=the_day_before())
    assert assigned(figures) == {world.department.name: 2}
    assert figures.inherited == []
    assert board(organization=world.department.pk).total.counts.assigned == 0


def test_a_split_passes_each_directive_to_the_successor_chosen_and_keeps_the_closed_work_on_the_ended_row(world):
    item = old_item(world)
    first, second = given(world, item, world.department), given(world, item, world.department)
    done = given(world, item, world.department, content="Tổng kết năm 2024.")
    done_by_the_unit(world, done)
    north = organization("Sở Khoa học phía Bắc", start=effective())
    south = organization("Sở Khoa học phía Nam", start=effective())
    change = reorganize(
        world, Reorganization.Kind.SPLIT, [world.department], [north, south], {world.users["unit"].pk: north}
    )
    transfer.check_transfer(world.users["office"], change, destinations={first.pk: north, second.pk: south})
    before = board(as_of=the_day_before())
    # The closed directive was done today: on the day before the split it was still open.
    assert assigned(before) == {world.department.name: 3}
    assert before.total.counts.open == 3
    after = board()
    assert assigned(after) == {north.name: 1, south.name: 1, world.department.name: 1}
    ended = next(row for row in after.by_organization if row.pk == world.department.pk)
    assert (ended.ended, ended.counts.done_on_time, ended.counts.open) == (the_day_before(), 1, 0)
    assert all(row.inherited == 1 for row in after.by_organization if row.pk != world.department.pk)


def test_a_directive_passed_on_after_the_day_still_counts_under_the_predecessor_that_day(world):
    """The transfer's day, not the reorganization's: the office may pass the work some days after the merge."""
    item = old_item(world)
    led = given(world, item, world.department)
    successor = organization("Sở mới", start=effective())
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.department], [successor])
    transfer.check_transfer(world.users["office"], change, day=effective() + datetime.timedelta(days=3))
    assert Directive.objects.get(pk=led.pk).lead_organization == successor
    assert assigned(board(as_of=effective() + datetime.timedelta(days=2))) == {world.department.name: 1}
    assert assigned(board(as_of=effective() + datetime.timedelta(days=3))) == {successor.name: 1}


def test_on_time_is_judged_against_the_deadline_in_force_at_the_close_a_transfers_new_deadline_included(world):
    """A deadline the office sets in the transfer counts as an extension does: the one in force when the work is
    confirmed done. Done today, after the first deadline: late without the new deadline, on time with it."""
    item = old_item(world)
    first_deadline = timezone.localdate() - datetime.timedelta(days=5)
    reset = given(world, item, world.department, deadline=first_deadline)
    kept = given(world, item, world.department, deadline=first_deadline, content="Báo cáo chỉ tiêu dịch vụ công.")
    successor = organization("Sở mới", start=effective())
    change = reorganize(world, Reorganization.Kind.DISSOLUTION, [world.department], [successor])
    new_deadline = timezone.localdate() + datetime.timedelta(days=10)
    transfer.check_transfer(world.users["office"], change, deadlines={reset.pk: new_deadline})
    done_by_the_unit(world, Directive.objects.get(pk=reset.pk))
    done_by_the_unit(world, Directive.objects.get(pk=kept.pk))
    (row,) = board().by_organization
    assert (row.counts.done_on_time, row.counts.done_late, row.inherited) == (1, 1, 2)
    # The figures per directive match the pure rule, as before the reorganization.
    for closed in Directive.objects.filter(pk__in=[reset.pk, kept.pk]):
        assert closed.deadline_at_close == (new_deadline if closed.pk == reset.pk else first_deadline)


def test_a_dashboard_dated_before_today_counts_what_stood_then(world):
    """Open that day if done since; overdue against the deadline in force that day; given by then only."""
    merge = merged(world)
    done_by_the_unit(world, Directive.objects.get(pk=merge["open_science"].pk), world.users["unit"])
    today = board().total.counts
    then = board(as_of=the_day_before()).total.counts
    assert (today.done, today.open) == (2, 1)
    assert (then.done, then.open) == (1, 2)
    long_ago = board(as_of=timezone.localdate() - datetime.timedelta(days=90)).total.counts
    assert long_ago.assigned == 0  # the meeting that gave them was two months ago


def test_the_day_is_read_from_the_address_and_a_bad_one_is_named():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    form = FilterForm({"as_of": f"{tomorrow:%d/%m/%Y}", "inherited": "1"})
    assert form.filters().as_of is None
    assert form.filters().inherited
    assert any(f"{tomorrow:%d/%m/%Y}" in line for line in form.error_lines())
    assert FilterForm({"as_of": "31/02/2025"}).error_lines()
    assert FilterForm({"as_of": "2025-06-30"}).filters().as_of == datetime.date(2025, 6, 30)


def test_the_leaders_page_marks_ended_and_inherited_and_keeps_ended_organizations_selectable(world):
    merge = merged(world)
    url = reverse("directives:dashboard")
    page = client_for(world.users["leader"]).get(url, {"as_of": f"{the_day_before():%d/%m/%Y}"})
    text = page.content.decode()
    assert f"{the_day_before():%d/%m/%Y}" in text and world.department.name in text
    assert merge["successor"].name not in text.split('id="filters"')[1].split("</form>")[1]
    page = client_for(world.users["leader"]).get(url, {"organization": merge["successor"].pk})
    text = page.content.decode()
    assert "Nhiệm vụ của đơn vị và nhiệm vụ kế thừa" in text and "chuyển giao ngày" in text
    # The filter still offers the ended organizations, for history.
    choices = dict(selectors.filter_choices(selectors.Filters())["organizations"])
    assert str(the_day_before().strftime("%d/%m/%Y")) in choices[world.department.pk]


def test_a_unit_sees_its_own_figures_only_inherited_included(world):
    merge = merged(world)
    other = given(world, old_item(world), world.government, content="Việc của UBND tỉnh.")
    url = reverse("directives:dashboard")
    # The Department's account moved to the successor: it sees the successor's work, the passed-on with it (not
    # what the Department closed before it ended: that was never given to the successor), whatever it asks for.
    page = client_for(world.users["unit"]).get(url, {"organization": world.government.pk})
    figures = page.context["figures"]
    assert [row.pk for row in figures.by_organization] == [merge["successor"].pk]
    assert figures.total.counts.assigned == 2 and figures.total.inherited == 2
    assert other.pk not in {d.pk for d in Directive.objects.filter(lead_organization=merge["successor"])}
    # Dated before the merge, the successor held nothing yet.
    page = client_for(world.users["unit"]).get(url, {"as_of": the_day_before().isoformat()})
    assert page.context["figures"].total.counts.assigned == 0


def test_the_list_filters_the_inherited_directives_and_says_whence(world):
    merge = merged(world)
    own = given(world, running_item(world, days_from_now=0), merge["successor"], content="Việc riêng của sở mới.")
    client = client_for(world.users["leader"])
    url = reverse("directives:inbox")
    rows = client.get(url, {"organization": merge["successor"].pk, "inherited": "1"}).context["rows"]
    assert {row["pk"] for row in rows} == {merge["open_science"].pk, merge["open_transport"].pk}
    whence = {row["pk"]: row["passed"] for row in rows}
    assert whence[merge["open_transport"].pk] == [(merge["transport"].name, effective())]
    everything = client.get(url, {"organization": merge["successor"].pk}).context["rows"]
    assert own.pk in {row["pk"] for row in everything}
    # A unit's staff: their own organization's inherited directives, whatever the address says.
    rows = client_for(world.users["unit"]).get(url, {"inherited": "1"}).context["rows"]
    assert {row["pk"] for row in rows} == {merge["open_science"].pk, merge["open_transport"].pk}
