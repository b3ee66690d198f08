"""The office passes the open directives of organizations that ended to their successors: the reorganizations
with work left to pass on, then one's preview, applied in one step (`transfer.check_transfer`)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from hoinghi.core.forms import submit

from . import transfer
from .forms import TransferForm
from .permissions import RULES
from .selectors import load_reorganization


@require_GET
@RULES.guard("pass_on")
def transfers(request):
    return render(request, "directives/transfers.html", {"waiting": transfer.waiting()})


def _passed(transfers) -> str:
    """How many directives passed, with a link to each successor's directives."""
    count = len({passed.directive_id for passed in transfers})
    successors = {passed.to_organization_id: passed.to_organization for passed in transfers}.values()
    links = format_html_join(
        ", ",
        '<a href="{}?organization={}">{}</a>',
        ((reverse("directives:inbox"), org.pk, org.name) for org in successors),
    )
    done = ngettext(
        "%(count)s directive passed to the successor.", "%(count)s directives passed to the successors.", count
    )
    return format_html("{} {} {}", done % {"count": count}, _("Their directives:"), links)


@RULES.guard("pass_on", load_reorganization)
def transfer_preview(request, reorganization):
    form = TransferForm(request.POST or None, plan=transfer.passings(transfer.plan_transfer(reorganization)))
    passed = submit(request, form, lambda data: transfer.check_transfer(request.user, reorganization, **form.choices()))
    if passed:
        messages.success(request, _passed(passed))
        return redirect("directives:transfers")
    context = {"reorganization": reorganization, "form": form, "rows": form.rows()}
    return render(request, "directives/transfer.html", context, status=400 if request.method == "POST" else 200)
