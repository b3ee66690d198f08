"""Meeting pages. Views are thin: they parse input, call a service or selector, and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.core import audit
from hoinghi.core.errors import require
from hoinghi.core.forms import flash, submit
from hoinghi.directory.models import Body, Term

from . import permissions as perm
from . import rules, selectors, services
from .documents import documents_for
from .forms import AttendanceForm, ConclusionForm, DirectiveForm, ItemForm, MeetingForm, OpinionForm, ParticipantForm
from .models import AgendaItem, IssuedDocument, Meeting, Participant


def _meeting(request, pk) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("body", "term", "body__organization"), pk=pk)
    require(perm.can_view_meeting(request.user, meeting))
    return meeting


def _item(request, pk) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "meeting__body", "meeting__term"), pk=pk)
    require(perm.can_view_item(request.user, item))
    return item


@login_required
def meeting_list(request):
    params = request.GET
    filters = {
        "body": params.get("body") or None,
        "term": params.get("term") or None,
        "year": params.get("year") if (params.get("year") or "").isdigit() else None,
        "status": params.get("status") or None,
        "query": params.get("q", ""),
    }
    context = {
        "meetings": selectors.meeting_list(request.user, **filters),
        "filters": filters,
        "bodies": Body.objects.all(),
        "terms": Term.objects.select_related("body"),
        "years": selectors.meeting_years(),
        "statuses": Meeting.Status.choices,
        "can_create": perm.is_office(request.user),
    }
    template = "meetings/_list_rows.html" if request.htmx else "meetings/list.html"
    return render(request, template, context)


def _save_meeting(request, meeting=None):
    form = MeetingForm(request.POST or None, instance=meeting)

    def save(data):
        fields = {name: data[name] for name in form.Meta.fields}
        if meeting is None:
            return services.create_meeting(request.user, **fields)
        return services.update_meeting(request.user, Meeting.objects.get(pk=meeting.pk), **fields)

    if saved := submit(request, form, save):
        messages.success(request, _("The meeting is saved."))
        return redirect("meetings:detail", saved.pk)
    return render(request, "meetings/form.html", {"form": form, "meeting": meeting})


@login_required
def meeting_create(request):
    require(perm.is_office(request.user))
    return _save_meeting(request)


@login_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk)
    require(perm.can_manage(request.user, meeting))
    return _save_meeting(request, meeting)


def _agenda_context(request, meeting):
    return {
        "meeting": meeting,
        "items": selectors.agenda(meeting),
        "can_manage": perm.can_manage(request.user, meeting) and meeting.status in rules.EDITABLE_AGENDA,
    }


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    steps = [
        (step, rules.STEPS[step][1])
        for step in rules.steps_from(meeting.status)
        if step not in ("issue_notice", "record_held") and perm.can_take_step(user, meeting, rules.STEPS[step][2])
    ]
    context = _agenda_context(request, meeting) | {
        "participants": selectors.participants(meeting),
        "quorum": selectors.quorum(meeting),
        "steps": steps,
        "is_chair": perm.is_chair(user, meeting),
        "item_form": ItemForm(),
        "participant_form": ParticipantForm(meeting=meeting),
        "issued": IssuedDocument.objects.filter(meeting=meeting).select_related("organization"),
        "can_issue": perm.can_issue_notice(user, meeting) and meeting.status == Meeting.Status.CLOSED,
        "history": audit.history(meeting)[:30] if perm.is_office(user) else [],
    }
    return render(request, "meetings/detail.html", context)


@login_required
@require_POST
def meeting_step(request, pk, step):
    meeting = _meeting(request, pk)
    try:
        services.take_step(request.user, meeting, step)
    except ValidationError as error:
        flash(request, error)
    else:
        messages.success(
            request,
            _("Done: the meeting is now %(status)s.")
            % {"status": Meeting.objects.get(pk=pk).get_status_display().lower()},
        )
    return redirect("meetings:detail", pk)


@login_required
@require_POST
def item_create(request, pk):
    meeting = _meeting(request, pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_item(request.user, meeting, **form.cleaned_data)
        except ValidationError as error:
            flash(request, error)
    else:
        messages.error(
            request,
            _("The item was not added: %(errors)s")
            % {"errors": " ".join(e for errs in form.errors.values() for e in errs)},
        )
    return redirect("meetings:detail", pk)


@login_required
def item_edit(request, pk):
    item = _item(request, pk)
    require(perm.can_manage(request.user, item.meeting))
    form = ItemForm(request.POST or None, instance=AgendaItem.objects.get(pk=pk))
    if submit(request, form, lambda data: services.update_item(request.user, AgendaItem.objects.get(pk=pk), **data)):
        return redirect("meetings:item", pk)
    earlier = selectors.earlier_items(item)
    return render(request, "meetings/item_form.html", {"form": form, "item": item, "earlier": earlier})


@login_required
@require_POST
def item_link(request, pk):
    item = _item(request, pk)
    earlier = get_object_or_404(AgendaItem, pk=request.POST.get("earlier") or 0)
    try:
        services.link_to_earlier(request.user, item, earlier)
    except ValidationError as error:
        flash(request, error)
    return redirect("meetings:item", pk)


@login_required
@require_POST
def agenda_reorder(request, pk):
    meeting = _meeting(request, pk)
    try:
        if "move" in request.POST:
            item = get_object_or_404(AgendaItem, pk=request.POST["move"], meeting=meeting)
            services.move_item(request.user, item, -1 if request.POST.get("direction") == "up" else 1)
        else:
            ids = [int(pk) for pk in request.POST.get("order", "").split(",") if pk.isdigit()]
            services.reorder_items(request.user, meeting, ids)
    except ValidationError as error:
        if not request.htmx:
            flash(request, error)
        else:
            response = render(
                request,
                "meetings/_agenda.html",
                _agenda_context(request, meeting) | {"error": " ".join(error.messages)},
            )
            return response
    if request.htmx:
        return render(request, "meetings/_agenda.html", _agenda_context(request, meeting))
    return redirect("meetings:detail", pk)


@login_required
@require_POST
def participant_add(request, pk):
    meeting = _meeting(request, pk)
    form = ParticipantForm(request.POST, meeting=meeting)
    if form.is_valid():
        try:
            services.add_participant(
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
    return redirect("meetings:detail", pk)


@login_required
@require_POST
def participant_remove(request, pk):
    participant = get_object_or_404(Participant.objects.select_related("meeting"), pk=pk)
    try:
        services.remove_participant(request.user, participant)
    except ValidationError as error:
        flash(request, error)
    return redirect("meetings:detail", participant.meeting_id)


def _chair_context(request, meeting):
    return {
        "meeting": meeting,
        "participants": selectors.participants(meeting),
        "quorum": selectors.quorum(meeting),
        "items": selectors.agenda(meeting),
        "can_record": perm.can_record_attendance(request.user, meeting) and meeting.status in rules.ATTENDANCE_OPEN,
    }


@login_required
def chair_view(request, pk):
    meeting = _meeting(request, pk)
    require(perm.can_record_attendance(request.user, meeting))
    template = "meetings/_chair_panel.html" if request.htmx else "meetings/chair.html"
    return render(request, template, _chair_context(request, meeting))


@login_required
@require_POST
def attendance(request, pk):
    participant = get_object_or_404(Participant.objects.select_related("meeting", "person"), pk=pk)
    meeting = _meeting(request, participant.meeting_id)
    form = AttendanceForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.record_attendance(
                request.user, participant, form.cleaned_data["attendance"], form.cleaned_data["absence_reason"]
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    else:
        error = _("Unknown attendance value.")
    context = _chair_context(request, meeting) | {"error": error, "error_for": participant.pk}
    return render(request, "meetings/_chair_panel.html", context)


@login_required
@require_POST
def current_item(request, pk):
    item = _item(request, pk)
    try:
        services.set_current_item(request.user, item)
    except ValidationError as error:
        flash(request, error)
    if request.htmx:
        return render(request, "meetings/_chair_panel.html", _chair_context(request, item.meeting))
    return redirect("meetings:chair", item.meeting_id)


def _item_context(request, item, **forms):
    user = request.user
    meeting = item.meeting
    conclusion = getattr(item, "conclusion", None)
    can_conclude = perm.can_conclude(user, meeting) and meeting.status in rules.CONCLUSIONS_OPEN
    return {
        "item": item,
        "meeting": meeting,
        "documents": documents_for(user, item),
        "opinions": item.opinions.select_related("author", "document"),
        "can_opine": perm.can_write_opinion(user, item) and meeting.status in rules.OPINIONS_OPEN,
        "opinion_form": forms.get("opinion_form") or OpinionForm(item=item),
        "conclusion": conclusion,
        "directives": conclusion.directives.select_related("lead_organization").prefetch_related(
            "coordinating_organizations"
        )
        if conclusion
        else [],
        "can_conclude": can_conclude,
        "conclusion_form": forms.get("conclusion_form") or ConclusionForm(instance=conclusion),
        "directive_form": forms.get("directive_form") or DirectiveForm(),
        "vote_records": item.vote_records.all(),
        "matter_history": selectors.matter_history(item, user),
        "history": selectors.item_history(item) if perm.is_office(user) or can_conclude else [],
        "can_manage": perm.can_manage(user, meeting) and meeting.status in rules.EDITABLE_AGENDA,
    }


@login_required
def item_detail(request, pk):
    item = _item(request, pk)
    return render(request, "meetings/item.html", _item_context(request, item))


@login_required
@require_POST
def opinion_add(request, pk):
    item = _item(request, pk)
    form = OpinionForm(request.POST, item=item)
    if submit(request, form, lambda data: services.add_opinion(request.user, item, data["text"], data.get("document"))):
        messages.success(request, _("Your opinion is recorded."))
        return redirect("meetings:item", pk)
    return render(request, "meetings/item.html", _item_context(request, item, opinion_form=form), status=400)


@login_required
@require_POST
def conclusion_save(request, pk):
    item = _item(request, pk)
    form = ConclusionForm(request.POST)
    if submit(
        request, form, lambda data: services.record_conclusion(request.user, item, data["outcome"], data["text"])
    ):
        messages.success(request, _("The conclusion is saved."))
        return redirect("meetings:item", pk)
    return render(request, "meetings/item.html", _item_context(request, item, conclusion_form=form), status=400)
