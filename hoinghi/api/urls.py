"""Each person's page of API keys (the API itself is mounted from api.py, under /api/)."""

from django.urls import path

from . import views

app_name = "api_keys"
urlpatterns = [
    path("", views.keys_page, name="keys"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
]
