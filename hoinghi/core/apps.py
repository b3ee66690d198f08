from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _

# The third-party apps' names on the admin site, in the page's language (their own are English strings).
THIRD_PARTY_NAMES = {
    "axes": _("Sign-in attempts"),
    "django_tasks_database": _("Background tasks"),
    "otp_totp": _("Authenticator apps"),
    "otp_static": _("Backup codes"),
}


class CoreConfig(AppConfig):
    name = "hoinghi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.contrib import admin

        from . import db  # noqa: F401  (registers the SQLite functions)
        from .admin_audit import audit_every_admin

        # The admin site's modules are all loaded by now (django.contrib.admin is first in INSTALLED_APPS).
        audit_every_admin(admin.site)
        admin.site.site_header = _("Hội nghị số: administration")
        admin.site.site_title = _("Hội nghị số administration")
        admin.site.index_title = _("Administration")
        for label, name in THIRD_PARTY_NAMES.items():
            apps.get_app_config(label).verbose_name = name
