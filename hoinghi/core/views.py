"""The product's front door: signed in, to the meetings."""

from django.shortcuts import redirect

from .permissions import RULES


@RULES.guard("home")
def home(request):
    return redirect("meetings:list")
