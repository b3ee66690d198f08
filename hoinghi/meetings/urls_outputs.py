from django.urls import path

from . import views_outputs

urlpatterns = [
    path("<int:pk>/notice/preview.docx", views_outputs.notice_preview, name="notice_preview"),
    path("<int:pk>/notice/issue/", views_outputs.notice_issue, name="notice_issue"),
    path("notices/<int:pk>.docx", views_outputs.notice_download, name="notice_download"),
    path("<int:pk>/news-draft/", views_outputs.news_draft, name="news_draft"),
    path("<int:pk>/news-draft.docx", views_outputs.news_draft_docx, name="news_draft_docx"),
]
