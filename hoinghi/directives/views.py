"""Entering directives from a conclusion (their follow-up pages come with the follow-up part)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hoinghi.core.errors import require
from hoinghi.core.forms import submit
from hoinghi.meetings import permissions as perm
from hoinghi.meetings.forms import DirectiveForm
from hoinghi.meetings.models import Conclusion
from hoinghi.meetings.views import _item, _item_context

from . import services
from .models import Directive


@login_required
@require_POST
def directive_add(request, conclusion_pk):
    conclusion = get_object_or_404(Conclusion.objects.select_related("item"), pk=conclusion_pk)
    item = _item(request, conclusion.item_id)
    form = DirectiveForm(request.POST)
    if submit(request, form, lambda data: services.add_directive(request.user, conclusion, **data)):
        messages.success(request, _("The directive is added."))
        return redirect("meetings:item", item.pk)
    return render(request, "meetings/item.html", _item_context(request, item, directive_form=form), status=400)


@login_required
def directive_edit(request, pk):
    directive = get_object_or_404(Directive.objects.select_related("conclusion__item__meeting"), pk=pk)
    item = _item(request, directive.conclusion.item_id)
    require(perm.can_conclude(request.user, item.meeting))
    form = DirectiveForm(request.POST or None, instance=Directive.objects.get(pk=pk))
    if submit(request, form, lambda data: services.update_directive(request.user, directive, **data)):
        messages.success(request, _("The directive is saved."))
        return redirect("meetings:item", item.pk)
    return render(request, "directives/form.html", {"form": form, "directive": directive, "item": item})
