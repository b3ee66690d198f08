"""The office's pages for the organizations and their reorganizations, the bodies and their terms."""

from django.urls import path

from . import views_office, views_reorganization

app_name = "directory"
urlpatterns = [
    path("organizations/", views_office.organizations, name="organizations"),
    path("organizations/new/", views_office.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views_office.organization_detail, name="organization"),
    path("organizations/<int:pk>/edit/", views_office.organization_edit, name="organization_edit"),
    path("reorganizations/", views_reorganization.reorganizations, name="reorganizations"),
    path("reorganizations/new/", views_reorganization.reorganization_create, name="reorganization_create"),
    path("bodies/", views_office.bodies, name="bodies"),
    path("bodies/new/", views_office.body_create, name="body_create"),
    path("bodies/<int:pk>/edit/", views_office.body_edit, name="body_edit"),
    path("bodies/<int:pk>/terms/new/", views_office.term_create, name="term_create"),
    path("terms/<int:pk>/edit/", views_office.term_edit, name="term_edit"),
]
