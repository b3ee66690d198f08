"""The office's reminders page: those due and not sent, those sent, and sending one now."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from hoinghi.core.forms import attempt

from . import rules, services_reminders
from .permissions import RULES
from .selectors import load_directive

SENT_PAGE = 25


@require_GET
@RULES.guard("see_reminders")
def reminders(request):
    sent = Paginator(services_reminders.sent_reminders(), SENT_PAGE).get_page(request.GET.get("page"))
    context = {"due": services_reminders.due_reminders(), "sent": sent, "waiting": sorted(rules.REMINDED_STATUSES)}
    return render(request, "directives/reminders.html", context)


@require_POST
@RULES.guard("follow_up", load_directive)
def remind(request, directive):
    """Send the reminder the directive calls for today, now; back to the reminders page or the directive's."""
    attempt(
        request,
        lambda: services_reminders.check_send_reminder(request.user, directive),
        _("The reminder is on its way to %(unit)s.") % {"unit": directive.lead_organization},
    )
    if request.POST.get("from") == "reminders":
        return redirect("directives:reminders")
    return redirect("directives:detail", directive.pk)
