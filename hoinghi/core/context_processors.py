from django.conf import settings


def ui(request):
    return {"DEMO_MODE": settings.DEMO_MODE}
