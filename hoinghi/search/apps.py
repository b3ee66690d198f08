from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "hoinghi.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # The index follows every change of what it holds; the meetings list finds meetings through it.
        from hoinghi.meetings import selectors as meeting_selectors

        from . import selectors, signals

        signals.connect()
        meeting_selectors.use_meeting_finder(selectors.meetings_found)
