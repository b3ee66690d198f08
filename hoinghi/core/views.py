"""The product's front door: each person lands where their week's work is."""

from django.shortcuts import redirect

from .permissions import RULES

# A unit's work is the directives it was given; a leader reads the follow-up's figures first; everyone else (the
# office, the chair, members, invitees) works from the meetings.
LANDING = {"unit_staff": "directives:inbox", "leader": "directives:dashboard"}


@RULES.guard("home")
def home(request):
    return redirect(LANDING.get(getattr(request.user, "role", ""), "meetings:list"))
