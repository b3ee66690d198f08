from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("conclusions/<int:conclusion_pk>/add/", views.directive_add, name="add"),
    path("<int:pk>/edit/", views.directive_edit, name="edit"),
]
