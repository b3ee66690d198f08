from django.urls import path

from . import views

app_name = "ingest"
urlpatterns = [
    path("", views.drafts, name="drafts"),
    path("upload/", views.upload, name="upload"),
    path("upload/<uuid:batch>/", views.progress, name="progress"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/discard/", views.discard, name="discard"),
]
