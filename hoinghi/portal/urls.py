"""The public portal under /cong-thong-tin/, the office's editorial pages under /cong-thong-tin/quan-ly/."""

from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.decorators.http import require_GET

from . import views_office as office
from . import views_public as public
from .feeds import SITEMAPS, ArticleFeed
from .permissions import RULES

app_name = "portal"


def open_to_all(view):
    return login_not_required(require_GET(RULES.guard("read")(view)))


urlpatterns = [
    path("", public.home, name="home"),
    path("tin-tuc/", public.articles, name="articles"),
    path("tin-tuc/atom.xml", open_to_all(ArticleFeed()), name="feed"),
    path("tin-tuc/<slug:slug>/", public.article, name="article"),
    path("thong-bao/", public.notices, name="notices"),
    path("thong-bao/<int:pk>/", public.notice, name="notice"),
    path("lich-cong-tac/", public.schedule, name="schedule"),
    path("lich-cong-tac/<int:year>/tuan-<int:week>/", public.schedule, name="schedule_week"),
    path("van-ban/", public.documents, name="documents"),
    path("van-ban/<int:pk>/tep/", public.document_file, name="document_file"),
    path("thu-vien-anh/", public.photos, name="photos"),
    path("thu-vien-anh/<int:pk>/<str:size>.jpg", public.photo_file, name="photo_file"),
    path("sitemap.xml", open_to_all(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("quan-ly/", office.desk, name="desk"),
    path("quan-ly/bai-viet/moi/", office.article_new, name="office_article_new"),
    path("quan-ly/bai-viet/tu-hoi-nghi/<int:pk>/", office.article_from_meeting, name="office_article_from_meeting"),
    path("quan-ly/bai-viet/<int:pk>/", office.article_edit, name="office_article"),
    path("quan-ly/bai-viet/<int:pk>/buoc/", office.article_move, name="office_article_move"),
    path("quan-ly/thong-bao/moi/", office.notice_new, name="office_notice_new"),
    path("quan-ly/thong-bao/<int:pk>/", office.notice_edit, name="office_notice"),
    path("quan-ly/thong-bao/<int:pk>/xoa/", office.notice_remove, name="office_notice_remove"),
    path("quan-ly/lich/moi/", office.week_new, name="office_week_new"),
    path("quan-ly/lich/<int:pk>/", office.week, name="office_week"),
    path("quan-ly/lich/<int:pk>/cong-bo/", office.week_publish, name="office_week_publish"),
    path("quan-ly/lich/muc/<int:pk>/", office.entry_edit, name="office_entry"),
    path("quan-ly/lich/muc/<int:pk>/xoa/", office.entry_remove, name="office_entry_remove"),
    path("quan-ly/van-ban/moi/", office.document_new, name="office_document_new"),
    path("quan-ly/van-ban/<int:pk>/", office.document_edit, name="office_document"),
    path("quan-ly/van-ban/<int:pk>/cong-khai/", office.document_public, name="office_document_public"),
    path("quan-ly/anh/moi/", office.photo_new, name="office_photo_new"),
]
