from django.urls import path

from . import urls_documents, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/delete/", views.meeting_delete, name="delete"),
    path("<int:pk>/step/<slug:step>/", views.meeting_step, name="step"),
    path("<int:pk>/items/new/", views.item_create, name="item_create"),
    path("<int:pk>/agenda/order/", views.agenda_reorder, name="reorder"),
    path("<int:pk>/participants/new/", views.participant_add, name="participant_add"),
    path("participants/<int:pk>/remove/", views.participant_remove, name="participant_remove"),
    path("participants/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/chair/", views.chair_view, name="chair"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/link/", views.item_link, name="item_link"),
    path("items/<int:pk>/current/", views.current_item, name="current_item"),
    path("items/<int:pk>/opinions/", views.opinion_add, name="opinion_add"),
    path("items/<int:pk>/conclusion/", views.conclusion_save, name="conclusion_save"),
] + urls_documents.urlpatterns
