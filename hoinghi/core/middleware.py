"""The interface speaks Vietnamese unless the user picks English with the language switch."""


class VietnameseFirstMiddleware:
    """Placed before LocaleMiddleware: the browser's Accept-Language does not choose the language,
    only the switch's cookie does, so an office PC set up in English still shows Vietnamese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
