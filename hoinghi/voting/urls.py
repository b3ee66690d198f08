from django.urls import path

from . import views

app_name = "voting"
urlpatterns = [
    path("meeting/<int:pk>/new/", views.poll_create, name="create"),
    path("<int:pk>/", views.poll_detail, name="detail"),
    path("<int:pk>/cast/", views.poll_cast, name="cast"),
    path("<int:pk>/console/", views.console, name="console"),
    *[path(f"<int:pk>/{step}/", views.poll_step, {"step": step}, name=step) for step in views.STEPS],
    path("<int:pk>/room/", views.room, name="room"),
    path("<int:pk>/delete/", views.poll_delete, name="delete"),
    path("<int:pk>/events/", views.events, name="events"),
    path("<int:pk>/state.json", views.state, name="state"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/paper/", views.paper, name="paper"),
    path("<int:pk>/published.json", views.published, name="published"),
    path("<int:pk>/board/", views.board_page, name="board"),
    path("<int:pk>/board/edit/", views.board_edit, name="board_edit"),
    path("<int:pk>/board/device/", views.board_device, name="board_device"),
    path("<int:pk>/board/share/", views.board_share, name="board_share"),
]
