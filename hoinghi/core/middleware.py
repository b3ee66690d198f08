"""The interface speaks Vietnamese unless the user picks English with the language switch."""

from django.conf import settings


class VietnameseFirstMiddleware:
    """Placed before LocaleMiddleware: the browser's Accept-Language does not choose the language,
    only the switch's cookie does, so an office PC set up in English still shows Vietnamese.

    Programs are the exception: under `settings.LANGUAGE_FROM_HEADER_PATHS` (the API) a client has no switch to
    use, so its Accept-Language is kept and chooses (Vietnamese unless it asks for English)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.keep_header = tuple(getattr(settings, "LANGUAGE_FROM_HEADER_PATHS", ()))

    def __call__(self, request):
        if not (self.keep_header and request.path_info.startswith(self.keep_header)):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
