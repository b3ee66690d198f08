"""The office's pages for the bodies and their terms."""

from django.urls import path

from . import views_office

app_name = "directory"
urlpatterns = [
    path("bodies/", views_office.bodies, name="bodies"),
    path("bodies/new/", views_office.body_create, name="body_create"),
    path("bodies/<int:pk>/edit/", views_office.body_edit, name="body_edit"),
    path("bodies/<int:pk>/terms/new/", views_office.term_create, name="term_create"),
    path("terms/<int:pk>/edit/", views_office.term_edit, name="term_edit"),
]
