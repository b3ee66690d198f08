import datetime

import pytest


@pytest.fixture
def world(db):
    from tests.factories import build_world

    return build_world()


@pytest.fixture
def today():
    return datetime.date.today()


@pytest.fixture
def english_messages(settings, tmp_path):
    """Uploads go to the test's own folder; the services' messages are read as written in the code (English)."""
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def english(settings, tmp_path):
    """Uploads go to the test's own folder; the pages are served in English."""
    settings.MEDIA_ROOT = tmp_path
    settings.LANGUAGE_CODE = "en"
