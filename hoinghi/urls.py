from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from hoinghi.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("meetings/", include("hoinghi.meetings.urls")),
    path("directives/", include("hoinghi.directives.urls")),
    path("polls/", include("hoinghi.voting.urls")),
    path("targets/", include("hoinghi.targets.urls")),
    path("import/", include("hoinghi.ingest.urls")),
    path("admin/", admin.site.urls),
]
