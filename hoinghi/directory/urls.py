"""Signing in in two steps, and each person's account."""

from django.urls import path

from . import views

app_name = "account"
urlpatterns = [
    path("login/code/", views.second_step, name="code"),
    path("login/setup/", views.setup, name="setup"),
    path("account/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("account/password/", views.password_change, name="password"),
    path("account/sessions/", views.sessions_page, name="sessions"),
]
