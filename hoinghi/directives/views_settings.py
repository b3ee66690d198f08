"""The office's follow-up settings page."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import audit
from hoinghi.core.forms import Styled, submit

from . import services_settings
from .models import FollowUpSettings
from .permissions import RULES


class SettingsForm(Styled, forms.Form):
    days_before = forms.IntegerField(
        label=gettext_lazy("Remind the lead unit this many days before the deadline"),
        help_text=gettext_lazy(
            "A second reminder goes out the day after the deadline if the work is not reported done."
        ),
    )
    update_period_days = forms.IntegerField(
        label=gettext_lazy("A unit is up to date when it reported within this many days"),
        help_text=gettext_lazy("Used for each unit's update rate on the dashboard."),
    )


@RULES.guard("set_follow_up")
def follow_up_settings(request):
    current = FollowUpSettings.current()
    initial = {name: getattr(current, name) for name in services_settings.FIELDS}
    form = SettingsForm(request.POST or None, initial=initial)
    if submit(request, form, lambda data: services_settings.check_update_settings(request.user, **data)):
        messages.success(request, _("The follow-up settings are saved."))
        return redirect("directives:settings")
    history = audit.history(current)[:20] if current.pk else []
    return render(request, "directives/settings.html", {"form": form, "history": history})
