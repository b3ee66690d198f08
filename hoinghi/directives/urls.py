from django.urls import path

from . import views, views_dashboard, views_followup, views_reminders, views_settings, views_transfer

app_name = "directives"
urlpatterns = [
    path("conclusions/<int:conclusion_pk>/add/", views.directive_add, name="add"),
    path("<int:pk>/edit/", views.directive_edit, name="edit"),
    path("dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("overdue/", views_dashboard.overdue, name="overdue"),
    path("export.xlsx", views_dashboard.export_xlsx, name="export"),
    path("print/", views_dashboard.print_report, name="print"),
    path("settings/", views_settings.follow_up_settings, name="settings"),
    path("inbox/", views_followup.inbox, name="inbox"),
    path("reminders/", views_reminders.reminders, name="reminders"),
    path("<int:pk>/remind/", views_reminders.remind, name="remind"),
    path("<int:pk>/", views_followup.detail, name="detail"),
    path("<int:pk>/report/", views_followup.report, name="report"),
    path("reports/<int:pk>/correct/", views_followup.correct_report, name="correct_report"),
    path("reports/files/<int:pk>/", views_followup.attachment, name="attachment"),
    path("<int:pk>/extension/", views_followup.request_extension, name="extension"),
    path("extensions/<int:pk>/decide/", views_followup.decide_extension, name="decide_extension"),
    path("<int:pk>/confirm/", views_followup.office_step, {"step": "confirm"}, name="confirm"),
    path("<int:pk>/return/", views_followup.office_step, {"step": "return"}, name="return"),
    path("<int:pk>/cancel/", views_followup.office_step, {"step": "cancel"}, name="cancel"),
    path("transfers/", views_transfer.transfers, name="transfers"),
    path("transfers/<int:pk>/", views_transfer.transfer_preview, name="transfer"),
    path("<int:pk>/priority/", views_followup.priority, name="priority"),
]
