from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
