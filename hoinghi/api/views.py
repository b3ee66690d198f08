"""Each person's page of API keys ("Khóa truy cập API"): make one (shown once), see when each was last used, revoke."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from hoinghi.core.forms import submit

from . import selectors, services
from .forms import KeyForm
from .permissions import RULES


@never_cache  # the new key is on the page once: no cache may keep it
@require_http_methods(["GET", "POST"])
@RULES.guard("own_keys")
def keys_page(request):
    form = KeyForm(request.POST if request.method == "POST" else None)
    made = submit(request, form, lambda data: services.check_create_key(request.user, data["name"]))
    new_key, secret = made or (None, "")
    if made:
        form = KeyForm()
    context = {"form": form, "keys": selectors.keys_of(request.user), "new_key": new_key, "secret": secret}
    return render(request, "api/keys.html", context, status=400 if form.errors else 200)


@require_POST
@RULES.guard("revoke_key", selectors.load_key)
def revoke(request, key):
    try:
        services.check_revoke_key(request.user, key)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        done = _("The key “%(name)s” is revoked: programs using it are refused from now on.")
        messages.success(request, done % {"name": key.name})
    return redirect("api_keys:keys")
