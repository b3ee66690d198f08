"""The static files as production serves them: collected under hashed names with gzip and Brotli copies, cached
by the browser for a year; only the collected files, never the apps' folders (those are for development)."""

import importlib

from django.core.management import call_command
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

PRODUCT_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_product_serves_only_collected_hashed_files_outside_development():
    product = importlib.import_module("hoinghi.settings")
    assert product.STORAGES["staticfiles"]["BACKEND"] == PRODUCT_STORAGE
    assert product.WHITENOISE_USE_FINDERS is product.DEBUG is False


def test_collected_files_are_hashed_compressed_and_cached_for_a_year(settings, tmp_path):
    storages = settings.STORAGES | {"staticfiles": {"BACKEND": PRODUCT_STORAGE}}
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path, WHITENOISE_USE_FINDERS=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("hoinghi/app.css")
        assert url.startswith("/static/hoinghi/app.") and url != "/static/hoinghi/app.css"
        hashed = tmp_path / url.removeprefix("/static/")
        assert hashed.with_name(hashed.name + ".gz").exists() and hashed.with_name(hashed.name + ".br").exists()
        serve = WhiteNoiseMiddleware(lambda request: None)
        response = serve(RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip, br"))
        assert response.status_code == 200 and response["Content-Encoding"] == "br"
        assert "max-age=315360000" in response["Cache-Control"] and "immutable" in response["Cache-Control"]
        assert int(response["Content-Length"]) * 3 < hashed.stat().st_size  # app.css, as sent
        # The apps' folders are not served: an edited file reaches users only through collectstatic.
        for path in ("/static/hoinghi/app.css", "/static/hoinghi/app.js"):
            unhashed = serve(RequestFactory().get(path))
            assert unhashed is None or "immutable" not in unhashed.get("Cache-Control", "")
        (tmp_path / "hoinghi" / "app.css").unlink()
        restarted = WhiteNoiseMiddleware(lambda request: None)
        assert restarted(RequestFactory().get("/static/hoinghi/app.css")) is None  # not from the apps' folders
