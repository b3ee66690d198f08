"""The office's editorial pages of the portal (under /cong-thong-tin/quan-ly/): articles and their steps,
notices, the weekly schedule, the document library and photos. Thin: a form, a service, a page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hoinghi.core.forms import attempt, submit
from hoinghi.meetings.selectors import load_meeting

from . import selectors, services, services_library, workflow
from .forms import ArticleForm, DocumentForm, MoveForm, NoticeForm, PhotoForm, ScheduleEntryForm, initial_of
from .models import Article, Notice, PublicDocument, ScheduleEntry, ScheduleWeek
from .permissions import RULES
from .selectors import is_live, load_article, load_week


def load_notice_any(pk):
    return get_object_or_404(Notice, pk=pk)


def load_entry(pk):
    return get_object_or_404(ScheduleEntry.objects.select_related("schedule"), pk=pk)


def load_document_any(pk):
    return get_object_or_404(PublicDocument, pk=pk)


@require_GET
@RULES.guard("edit")
def desk(request):
    """The office's desk: articles by status, with the notices, schedules, documents and photos beside."""
    context = {
        "articles": selectors.office_articles()[:50],
        "notices": Notice.objects.order_by("-publish_at")[:10],
        "weeks": ScheduleWeek.objects.order_by("-year", "-week")[:6],
        "documents": PublicDocument.objects.order_by("-created_at")[:10],
        "now": timezone.now(),
    }
    return render(request, "portal/office/desk.html", context)


@require_http_methods(["GET", "POST"])
@RULES.guard("edit")
def article_new(request):
    form = ArticleForm(request.POST or None)
    saved = submit(request, form, lambda data: services.check_save_article(request.user, None, **data))
    if saved:
        messages.success(request, _("Article saved as a draft."))
        return redirect("portal:office_article", saved.pk)
    return render(request, "portal/office/article_form.html", {"form": form, "article": None})


@require_POST
@RULES.guard("edit", load_meeting)
def article_from_meeting(request, meeting):
    article = attempt(
        request,
        lambda: services.check_start_from_meeting(request.user, meeting),
        _("A draft article was started from the meeting's news draft."),
    )
    return redirect("portal:office_article", article.pk) if article else redirect("meetings:detail", meeting.pk)


@require_http_methods(["GET", "POST"])
@RULES.guard("edit", load_article)
def article_edit(request, article):
    initial = {"title": article.title, "summary": article.summary, "body": article.body}
    form = ArticleForm(request.POST or None, initial=initial)
    saved = submit(request, form, lambda data: services.check_save_article(request.user, article, **data))
    if saved:
        messages.success(request, _("Article saved."))
        return redirect("portal:office_article", saved.pk)
    context = {
        "form": form,
        "article": article,
        "live": is_live(article),
        "steps": [Article.Status(step) for step in sorted(workflow.STEPS[article.status])],
        "revisions": article.revisions.select_related("author")[:20],
        "move_form": MoveForm(),
    }
    return render(request, "portal/office/article_form.html", context)


@require_POST
@RULES.guard("edit", load_article)
def article_move(request, article):
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("portal:office_article", article.pk)
    target, when = form.cleaned_data["status"], form.cleaned_data["publish_at"]
    attempt(
        request,
        lambda: services.check_move_article(request.user, article, target, when),
        _("The article is now “%(status)s”.") % {"status": Article.Status(target).label},
    )
    return redirect("portal:office_article", article.pk)


def form_page(request, form, action, done, heading, then, **context):
    """The office's one form page, adding or editing: `action(cleaned_data)` on a valid post, then the message
    `done` and a redirect to `then(saved)`; else the form again with its errors."""
    saved = submit(request, form, action)
    if saved:
        messages.success(request, done)
        return redirect(then(saved))
    context = {"form": form, "heading": heading, "back": reverse("portal:desk")} | context
    return render(request, "portal/office/form.html", context)


def to_desk(saved):
    return reverse("portal:desk")


def to_week(entry):
    return reverse("portal:office_week", args=[entry.schedule_id])


@require_http_methods(["GET", "POST"])
@RULES.guard("edit")
def notice_new(request):
    form = NoticeForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services_library.check_add_notice(request.user, **data),
        _("Notice posted."),
        _("New notice"),
        to_desk,
    )


@require_http_methods(["GET", "POST"])
@RULES.guard("edit", load_notice_any)
def notice_edit(request, notice):
    form = NoticeForm(request.POST or None, initial=initial_of(NoticeForm, notice))
    return form_page(
        request,
        form,
        lambda data: services_library.check_update_notice(request.user, notice, **data),
        _("Notice saved."),
        _("Edit notice"),
        to_desk,
    )


@require_POST
@RULES.guard("edit", load_notice_any)
def notice_remove(request, notice):
    services_library.check_remove_notice(request.user, notice)
    messages.success(request, _("Notice removed."))
    return redirect("portal:desk")


@require_http_methods(["GET", "POST"])
@RULES.guard("edit", load_week)
def week(request, schedule):
    form = ScheduleEntryForm(request.POST or None)
    if submit(request, form, lambda data: services_library.check_add_schedule_entry(request.user, **data)):
        messages.success(request, _("Engagement added."))
        return redirect("portal:office_week", schedule.pk)
    context = {"schedule": schedule, "entries": schedule.entries.all(), "form": form}
    return render(request, "portal/office/week.html", context)


@require_http_methods(["GET", "POST"])
@RULES.guard("edit")
def week_new(request):
    """An engagement for any day: it goes to its week's schedule, which is then shown."""
    form = ScheduleEntryForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: services_library.check_add_schedule_entry(request.user, **data),
        _("Engagement added."),
        _("New engagement"),
        to_week,
    )


@require_http_methods(["GET", "POST"])
@RULES.guard("edit", load_entry)
def entry_edit(request, entry):
    """An engagement corrected where it stands; moved to another week's day, it goes to that week."""
    form = ScheduleEntryForm(request.POST or None, initial=initial_of(ScheduleEntryForm, entry))
    back = to_week(entry)
    return form_page(
        request,
        form,
        lambda data: services_library.check_update_schedule_entry(request.user, entry, **data),
        _("Engagement saved."),
        _("Edit engagement"),
        to_week,
        back=back,
    )


@require_POST
@RULES.guard("edit", load_entry)
def entry_remove(request, entry):
    services_library.check_remove_schedule_entry(request.user, entry)
    return redirect("portal:office_week", entry.schedule_id)


@require_POST
@RULES.guard("edit", load_week)
def week_publish(request, schedule):
    publish = request.POST.get("publish") == "1"
    done = _("Schedule published.") if publish else _("Schedule taken off the portal.")
    attempt(request, lambda: services_library.check_publish_week(request.user, schedule, publish), done)
    return redirect("portal:office_week", schedule.pk)


def save_document(user, document):
    """The action of the document form: a new document with its file, or an edit whose file, if sent, replaces
    the one it has."""

    def save(data):
        fields = {name: value for name, value in data.items() if name != "file"}
        if document is None:
            return services_library.check_add_document(user, data["file"], **fields)
        return services_library.check_update_document(user, document, data["file"], **fields)

    return save


@require_http_methods(["GET", "POST"])
@RULES.guard("edit")
def document_new(request):
    form = DocumentForm(request.POST or None, request.FILES or None)
    done = _("Document added to the library.")
    return form_page(request, form, save_document(request.user, None), done, _("New document"), to_desk, files=True)


@require_http_methods(["GET", "POST"])
@RULES.guard("edit", load_document_any)
def document_edit(request, document):
    initial = initial_of(DocumentForm, document)
    form = DocumentForm(request.POST or None, request.FILES or None, initial=initial, replacing=True)
    action = save_document(request.user, document)
    return form_page(
        request, form, action, _("Document saved."), _("Edit document"), to_desk, files=True, current=document
    )


@require_POST
@RULES.guard("edit", load_document_any)
def document_public(request, document):
    public = request.POST.get("public") == "1"
    services_library.check_set_document_public(request.user, document, public)
    return redirect("portal:desk")


@require_http_methods(["GET", "POST"])
@RULES.guard("edit")
def photo_new(request):
    form = PhotoForm(request.POST or None, request.FILES or None)

    def add(data):
        return services_library.check_add_photo(
            request.user, data["image"], caption=data["caption"], taken_on=data["taken_on"]
        )

    return form_page(request, form, add, _("Photo added."), _("New photo"), to_desk, files=True)
