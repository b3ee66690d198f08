"""Signing in (the password, then the second factor or its set-up), and each person's account: the password, the
recovery codes, signing out everywhere."""

import time

from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, PasswordChangeView
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django.views.generic import RedirectView
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from hoinghi.core import audit

from . import sessions, two_factor
from .forms import CodeForm, PasswordForm, SetupForm, SignInForm
from .models import User
from .permissions import RULES

PENDING, NEW_CODES = "hoinghi_pending_sign_in", "hoinghi_new_recovery_codes"
PENDING_SECONDS = 300  # to give the second factor after the password
CODE_TRIES = 5  # wrong codes before the password is asked again
ENDED = {
    "idle": gettext_lazy("Your session ended after a time without activity. Please sign in again."),
    "max_age": gettext_lazy("Your session reached its longest time. Please sign in again."),
    "two_factor": gettext_lazy("This account signs in with a second factor. Please sign in again."),
    "everywhere": gettext_lazy("You are signed out on every device."),
    "pending": gettext_lazy("The time to give the code is over. Please sign in again."),
    "tries": gettext_lazy("Too many wrong codes. Please sign in again."),
}


class SignIn(LoginView):
    """The password; for an account with two-factor sign-in, the session is not signed in yet."""

    form_class = SignInForm
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        reason = self.request.session.pop(sessions.ENDED, "")
        return super().get_context_data(**kwargs, ended=str(ENDED.get(reason, "")))

    def form_valid(self, form):
        user = form.get_user()
        if not (two_factor.required(user) or two_factor.authenticator(user)):
            self.request.sign_in_method = "password"
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "since": time.time(),
            "next": self.get_success_url(),
            "tries": 0,
        }
        return redirect("account:code" if two_factor.authenticator(user) else "account:setup")


def pending_user(request) -> User | None:
    pending = request.session.get(PENDING)
    if not pending:
        return None
    if time.time() - pending["since"] > PENDING_SECONDS:
        del request.session[PENDING]
        request.session[sessions.ENDED] = "pending"
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


def finish(request, user, device, method: str):
    """Both steps passed: the session is signed in, and carries the device that verified it."""
    pending = request.session.pop(PENDING)
    request.sign_in_method = method
    login(request, user, backend=pending["backend"])
    otp_login(request, device)
    return pending["next"]


def wrong_code(request, user) -> bool:
    """A wrong code counts as a failed sign-in (audited; toward the lock-out of this name at this address).
    True when the sign-in must start again."""
    pending = request.session[PENDING]
    pending["tries"] += 1
    request.session.modified = True
    request.sign_in_failure = "code"
    user_login_failed.send(sender=__name__, credentials={"username": user.get_username()}, request=request)
    if pending["tries"] >= CODE_TRIES:
        del request.session[PENDING]
        request.session[sessions.ENDED] = "tries"
        return True
    return False


def sign_in_step(view):
    """A page of signing in after the password: open before the session is signed in, never cached, the codes kept
    out of error reports."""
    guarded = RULES.guard("second_step")(view)
    return login_not_required(sensitive_post_parameters()(never_cache(require_http_methods(["GET", "POST"])(guarded))))


@sign_in_step
def second_step(request):
    user = pending_user(request)
    if user is None:
        return redirect("login")
    if two_factor.authenticator(user) is None:
        return redirect("account:setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if AxesProxyHandler.is_locked(request, {"username": user.get_username()}):
            request.axes_locked_out = True  # the lock-out page, as for the password
            return render(request, "registration/two_factor.html", {"form": form})
        device = two_factor.verify(user, form.cleaned_data["code"])
        if device is not None:
            method = "totp" if isinstance(device, TOTPDevice) else "recovery_code"
            return redirect(finish(request, user, device, method))
        waiting = two_factor.waiting(user)
        if wrong_code(request, user):
            return redirect("login")
        form.add_error(
            "code",
            _("Wrong code, or one used already. Wait a few seconds, then try the code the app shows now.")
            if waiting
            else _("Wrong code, or one used already."),
        )
    return render(request, "registration/two_factor.html", {"form": form})


@sign_in_step
def setup(request):
    """The first sign-in of an account that needs a second factor: its authenticator app is set up here."""
    user = pending_user(request)
    if user is None:
        return redirect("login")
    if two_factor.authenticator(user) is not None:
        return redirect("account:code")
    device = two_factor.enrolling(user)
    form = SetupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify(user, form.cleaned_data["code"], device) is not None:
            with transaction.atomic():
                codes = two_factor.confirm(device)
                audit.record(user, "account.two_factor_set_up", user)
            next_page = finish(request, user, device, "totp_set_up")
            request.session[NEW_CODES] = codes
            return redirect(f"{reverse('account:recovery_codes')}?{urlencode({'next': next_page})}")
        if wrong_code(request, user):
            return redirect("login")
        form.add_error("code", _("This is not the code the app shows now: check the app's clock, then try again."))
    context = {"form": form, "qr": two_factor.qr_svg(device), "key": two_factor.key_text(device), "user_name": user}
    return render(request, "registration/two_factor_setup.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@RULES.guard("own_account")
def recovery_codes(request):
    user = request.user
    codes = request.session.pop(NEW_CODES, None)
    if request.method == "POST" and two_factor.authenticator(user):
        with transaction.atomic():
            codes = two_factor.new_recovery_codes(user)
            audit.record(user, "account.recovery_codes", user)
    next_page = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_page, {request.get_host()}):
        next_page = ""
    context = {
        "codes": codes,
        "left": two_factor.recovery_codes_left(user),
        "enrolled": two_factor.authenticator(user) is not None,
        "next": next_page or reverse("home"),
    }
    return render(request, "registration/recovery_codes.html", context)


class PasswordChange(PasswordChangeView):
    form_class = PasswordForm
    template_name = "registration/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        # Django keeps this session signed in; the account's other sessions end (their password hash changed).
        with transaction.atomic():
            response = super().form_valid(form)
            audit.record(self.request.user, "account.password_change", self.request.user)
        messages.success(self.request, _("Your password is changed. Your other sessions are signed out."))
        return response


password_change = RULES.guard("own_account")(PasswordChange.as_view())


@never_cache
@require_http_methods(["GET", "POST"])
@RULES.guard("own_account")
def sessions_page(request):
    user = request.user
    if request.method == "POST":
        with transaction.atomic():
            ended = sessions.end_sessions(user)
            audit.record(user, "account.sign_out_everywhere", user, sessions=ended)
        request.session_end = "everywhere"
        logout(request)
        request.session[sessions.ENDED] = "everywhere"
        return redirect("login")
    return render(request, "registration/sessions.html", {"count": len(sessions.sessions_of(user))})


# The admin site's own password page goes to the product's, which is audited and follows the same rules.
admin_password_change = RULES.guard("own_account")(RedirectView.as_view(pattern_name="account:password"))


def admin_sign_in(request):
    """The admin site signs in through the product's own sign-in (with its second factor), not its own form."""
    next_page = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_page, {request.get_host()}):
        next_page = reverse("admin:index")
    return redirect(f"{reverse('login')}?{urlencode({'next': next_page})}")
