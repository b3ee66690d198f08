from django.urls import path

from . import views_dashboard, views_import, views_report, views_resolutions

app_name = "targets"
urlpatterns = [
    path("report/", views_report.report, name="report"),
    path("report/t/<int:pk>/", views_report.report_target, name="report_target"),
    path("f/<int:pk>/correct/", views_report.correct, name="correct"),
    path("f/<int:pk>/approve/", views_report.approve, name="approve"),
    path("f/<int:pk>/return/", views_report.return_figure, name="return"),
    path("queue/", views_report.queue, name="queue"),
    path("f/<int:pk>/evidence/", views_report.evidence, name="evidence"),
    path("t/<int:pk>/revise/", views_report.revise, name="revise"),
    path("t/<int:pk>/rescope/", views_report.rescope, name="rescope"),
    path("import/", views_import.import_figures, name="import"),
    path("template.xlsx", views_import.template_xlsx, name="template"),
    path("manage/", views_resolutions.manage, name="manage"),
    path("manage/new/", views_resolutions.resolution_create, name="resolution_create"),
    path("manage/<int:pk>/edit/", views_resolutions.resolution_edit, name="resolution_edit"),
    path("", views_dashboard.resolutions, name="resolutions"),
    path("<int:pk>/", views_dashboard.resolution, name="resolution"),
    path("t/<int:pk>/", views_dashboard.target, name="target"),
]
