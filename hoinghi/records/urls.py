"""The office's outputs of a meeting and of a poll: paths kept under the pages they come from."""

from django.urls import path

from . import views

app_name = "records"
urlpatterns = [
    path("meetings/<int:pk>/notice/", views.notice_form, name="notice_form"),
    path("meetings/<int:pk>/notice/preview.docx", views.notice_preview, name="notice_preview"),
    path("meetings/<int:pk>/notice/issue/", views.notice_issue, name="notice_issue"),
    path("meetings/notices/<int:pk>.docx", views.notice_download, name="notice_download"),
    path("meetings/<int:pk>/news-draft/", views.news_draft, name="news_draft"),
    path("meetings/<int:pk>/news-draft.docx", views.news_draft_docx, name="news_draft_docx"),
    path("polls/<int:pk>/record.docx", views.vote_count_record, name="vote_count"),
]
