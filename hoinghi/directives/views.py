"""Entering directives from a conclusion, on the item's page (their follow-up pages come with the follow-up part)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.core.forms import submit
from hoinghi.meetings.services import meeting_day
from hoinghi.meetings.views import item_page

from . import services
from .forms import DirectiveForm
from .models import Directive
from .permissions import RULES
from .selectors import load_conclusion, load_directive


@require_POST
@RULES.guard("draft", load_conclusion)
def directive_add(request, conclusion):
    form = DirectiveForm(request.POST, day=meeting_day(conclusion.item.meeting))
    if submit(request, form, lambda data: services.check_add_directive(request.user, conclusion, **data)):
        messages.success(request, _("The directive is added."))
        return redirect("meetings:item", conclusion.item_id)
    return item_page(request, conclusion.item, status=400, directive_form=form)


@RULES.guard("edit_draft", load_directive)
def directive_edit(request, directive):
    item = directive.conclusion.item
    form = DirectiveForm(
        request.POST or None, instance=Directive.objects.get(pk=directive.pk), day=meeting_day(item.meeting)
    )
    if submit(request, form, lambda data: services.check_update_directive(request.user, directive, **data)):
        messages.success(request, _("The directive is saved."))
        return redirect("meetings:item", item.pk)
    return render(request, "directives/form.html", {"form": form, "directive": directive, "item": item})
