"""Papers of agenda items; appended to the "meetings" namespace."""

from django.urls import path

from . import views_documents as views

urlpatterns = [
    path("items/<int:pk>/documents/new/", views.document_upload, name="document_upload"),
    path("documents/<int:pk>/", views.document_view, name="document_view"),
    path("documents/<int:pk>/versions/new/", views.document_version_upload, name="document_version_upload"),
    path("documents/<int:pk>/versions/<int:number>/pages/<int:page>/", views.document_page, name="document_page"),
    path("documents/<int:pk>/download/", views.document_download, name="document_download"),
    path("documents/<int:pk>/access/", views.document_access_check, name="document_access_check"),
    path("documents/<int:pk>/opens/", views.document_access_log, name="document_access_log"),
]
