"""Meeting pages. Views are thin: each is admitted by a rule of the app's table, then calls a service or selector,
and renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.core import audit
from hoinghi.core.editing import delete_page
from hoinghi.core.forms import attempt, flash, submit

from . import permissions as perm
from . import removal, rules, selectors, services
from .documents import documents_for
from .forms import (
    AttendanceForm,
    ConclusionForm,
    ItemForm,
    MeetingFilterForm,
    MeetingForm,
    OpinionForm,
    ParticipantForm,
)
from .models import AgendaItem, Meeting
from .permissions import RULES
from .selectors import load_item, load_meeting, load_meeting_step, load_participant


@RULES.guard("list_meetings")
def meeting_list(request):
    form = MeetingFilterForm(request.GET)
    filters = form.filters()
    context = {
        "meetings": selectors.meeting_list(request.user, **filters),
        "filters": form.data,
        "filter_errors": form.error_lines(),
        "bodies": form.fields["body"].queryset,
        "terms": form.fields["term"].queryset.select_related("body"),
        "years": selectors.meeting_years(),
        "statuses": Meeting.Status.choices,
        "can_create": RULES.allows("create_meeting", request.user),
    }
    template = "meetings/_list_rows.html" if request.htmx else "meetings/list.html"
    return render(request, template, context)


def _save_meeting(request, meeting=None):
    form = MeetingForm(request.POST or None, instance=meeting)

    def save(data):
        fields = {name: data[name] for name in form.Meta.fields}
        if meeting is None:
            return services.check_create_meeting(request.user, **fields)
        return services.check_update_meeting(request.user, Meeting.objects.get(pk=meeting.pk), **fields)

    if saved := submit(request, form, save):
        messages.success(request, _("The meeting is saved."))
        return redirect("meetings:detail", saved.pk)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting})


@RULES.guard("create_meeting")
def meeting_create(request):
    return _save_meeting(request)


@RULES.guard("manage_meeting", load_meeting)
def meeting_edit(request, meeting):
    return _save_meeting(request, meeting)


@RULES.guard("delete_meeting", load_meeting)
def meeting_delete(request, meeting):
    return delete_page(
        request,
        meeting,
        delete=removal.check_delete_meeting,
        refusal=removal.refusal,
        template="meetings/delete.html",
        context={"meeting": meeting, "items": meeting.items.order_by("order")},
        done=reverse("meetings:list"),
        deleted=_("The meeting “%(title)s” was deleted.") % {"title": meeting.title},
    )


def _agenda_context(request, meeting):
    return {
        "meeting": meeting,
        "items": selectors.agenda(meeting, request.user),
        "can_manage": perm.can_manage(request.user, meeting) and meeting.status in rules.EDITABLE_AGENDA,
    }


@RULES.guard("view_meeting", load_meeting)
def meeting_detail(request, meeting):
    user = request.user
    steps = [
        (step, rules.STEPS[step][1])
        for step in rules.steps_from(meeting.status)
        if step not in ("issue_notice", "record_held") and perm.can_take_named_step(user, meeting, step)
    ]
    context = _agenda_context(request, meeting) | {
        "participants": selectors.participants(meeting),
        "quorum": selectors.quorum(meeting),
        "steps": steps,
        "is_chair": perm.is_chair(user, meeting),
        "history": audit.history(meeting)[:30] if perm.is_office(user) else [],
    }
    if context["can_manage"]:  # the forms' pickers list every person and organization: built for the office only
        context |= {"item_form": ItemForm(meeting=meeting), "participant_form": ParticipantForm(meeting=meeting)}
    return render(request, "meetings/detail.html", context)


@require_POST
@RULES.guard("take_step", load_meeting_step)
def meeting_step(request, meeting, step):
    attempt(
        request,
        lambda: services.check_take_step(request.user, meeting, step),
        lambda _done: (
            _("Done: the meeting is now %(status)s.")
            % {"status": Meeting.objects.get(pk=meeting.pk).get_status_display().lower()}
        ),
    )
    return redirect("meetings:detail", meeting.pk)


@require_POST
@RULES.guard("manage_meeting", load_meeting)
def item_create(request, meeting):
    form = ItemForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.check_add_item(request.user, meeting, **form.cleaned_data)
        except ValidationError as error:
            flash(request, error)
    else:
        messages.error(
            request,
            _("The item was not added: %(errors)s")
            % {"errors": " ".join(e for errs in form.errors.values() for e in errs)},
        )
    return redirect("meetings:detail", meeting.pk)


@RULES.guard("manage_item", load_item)
def item_edit(request, item):
    form = ItemForm(request.POST or None, instance=AgendaItem.objects.get(pk=item.pk), meeting=item.meeting)
    if submit(
        request, form, lambda data: services.check_update_item(request.user, AgendaItem.objects.get(pk=item.pk), **data)
    ):
        return redirect("meetings:item", item.pk)
    earlier = selectors.earlier_items(item)
    return render(request, "meetings/item_form.html", {"form": form, "item": item, "earlier": earlier})


@require_POST
@RULES.guard("manage_item", load_item)
def item_link(request, item):
    earlier = get_object_or_404(AgendaItem, pk=request.POST.get("earlier") or 0)
    try:
        services.check_link_to_earlier(request.user, item, earlier)
    except ValidationError as error:
        flash(request, error)
    return redirect("meetings:item", item.pk)


@require_POST
@RULES.guard("manage_meeting", load_meeting)
def agenda_reorder(request, meeting):
    try:
        if "move" in request.POST:
            item = get_object_or_404(AgendaItem, pk=request.POST["move"], meeting=meeting)
            services.check_move_item(request.user, item, -1 if request.POST.get("direction") == "up" else 1)
        else:
            ids = [int(pk) for pk in request.POST.get("order", "").split(",") if pk.isdigit()]
            services.check_reorder_items(request.user, meeting, ids)
    except ValidationError as error:
        if not request.htmx:
            flash(request, error)
        else:
            context = _agenda_context(request, meeting) | {"error": " ".join(error.messages)}
            return render(request, "meetings/_agenda.html", context)
    if request.htmx:
        return render(request, "meetings/_agenda.html", _agenda_context(request, meeting))
    return redirect("meetings:detail", meeting.pk)


@require_POST
@RULES.guard("manage_meeting", load_meeting)
def participant_add(request, meeting):
    form = ParticipantForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.check_add_participant(
                request.user,
                meeting,
                form.cleaned_data["person"],
                form.cleaned_data["role"],
                form.cleaned_data["items"],
            )
        except ValidationError as error:
            flash(request, error)
    else:
        messages.error(request, _("Choose a person and a role."))
    return redirect("meetings:detail", meeting.pk)


@require_POST
@RULES.guard("manage_participant", load_participant)
def participant_remove(request, participant):
    try:
        services.check_remove_participant(request.user, participant)
    except ValidationError as error:
        flash(request, error)
    return redirect("meetings:detail", participant.meeting_id)


def _chair_context(request, meeting):
    return {
        "meeting": meeting,
        "participants": selectors.participants(meeting),
        "quorum": selectors.quorum(meeting),
        "items": selectors.agenda(meeting, request.user),
        "can_record": perm.can_record_attendance(request.user, meeting) and meeting.status in rules.ATTENDANCE_OPEN,
    }


@RULES.guard("record_attendance", load_meeting)
def chair_view(request, meeting):
    template = "meetings/_chair_panel.html" if request.htmx else "meetings/chair.html"
    return render(request, template, _chair_context(request, meeting))


@require_POST
@RULES.guard("record_attendance_of", load_participant)
def attendance(request, participant):
    form = AttendanceForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.check_record_attendance(
                request.user, participant, form.cleaned_data["attendance"], form.cleaned_data["absence_reason"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Unknown attendance value.")
    context = _chair_context(request, load_meeting(participant.meeting_id)) | {
        "error": error,
        "error_for": participant.pk,
    }
    return render(request, "meetings/_chair_panel.html", context)


@require_POST
@RULES.guard("run_item", load_item)
def current_item(request, item):
    try:
        services.check_set_current_item(request.user, item)
    except ValidationError as error:
        flash(request, error)
    if request.htmx:
        # Read the meeting again: the item's copy still names the item taken up before.
        return render(request, "meetings/_chair_panel.html", _chair_context(request, load_meeting(item.meeting_id)))
    return redirect("meetings:chair", item.meeting_id)


def item_page(request, item: AgendaItem, *, status: int = 200, **forms):
    """The item's page. A form sent back with its errors (`opinion_form`, `conclusion_form`, or another part's,
    such as the directives' `directive_form`) is shown in place of the empty one."""
    user = request.user
    meeting = item.meeting
    conclusion = getattr(item, "conclusion", None)
    can_conclude = perm.can_conclude(user, meeting) and meeting.status in rules.CONCLUSIONS_OPEN
    context = {
        "item": item,
        "meeting": meeting,
        "documents": documents_for(user, item),
        "opinions": item.opinions.select_related("author", "document"),
        "can_opine": perm.can_write_opinion(user, item) and meeting.status in rules.OPINIONS_OPEN,
        "opinion_form": OpinionForm(item=item),
        "conclusion": conclusion,
        "can_conclude": can_conclude,
        "conclusion_form": ConclusionForm(instance=conclusion),
        "vote_records": item.vote_records.all(),
        "matter_history": selectors.matter_history(item, user),
        "history": selectors.item_history(item) if perm.is_office(user) or can_conclude else [],
        "can_manage": perm.can_manage(user, meeting) and meeting.status in rules.EDITABLE_AGENDA,
    }
    return render(request, "meetings/item.html", context | forms, status=status)


@RULES.guard("view_item", load_item)
def item_detail(request, item):
    return item_page(request, item)


@require_POST
@RULES.guard("write_opinion", load_item)
def opinion_add(request, item):
    form = OpinionForm(request.POST, item=item)
    if submit(
        request, form, lambda data: services.check_add_opinion(request.user, item, data["text"], data.get("document"))
    ):
        messages.success(request, _("Your opinion is recorded."))
        return redirect("meetings:item", item.pk)
    return item_page(request, item, status=400, opinion_form=form)


@require_POST
@RULES.guard("conclude_item", load_item)
def conclusion_save(request, item):
    form = ConclusionForm(request.POST)
    if submit(
        request,
        form,
        lambda data: services.check_record_conclusion(request.user, item, data["outcome"], data["text"]),
    ):
        messages.success(request, _("The conclusion is saved."))
        return redirect("meetings:item", item.pk)
    return item_page(request, item, status=400, conclusion_form=form)
