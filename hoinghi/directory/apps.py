from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "hoinghi.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from . import sign_in_log  # noqa: F401  (connects the sign-in events to the audit log)
