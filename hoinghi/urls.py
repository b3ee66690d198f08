from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from hoinghi.api.api import urls as api_urls
from hoinghi.core import views as core_views
from hoinghi.core.permissions import RULES
from hoinghi.directory import views as account_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", RULES.guard("sign_in")(account_views.SignIn.as_view()), name="login"),
    path("logout/", RULES.guard("sign_out")(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/setlang/", login_not_required(RULES.guard("choose_language")(set_language)), name="set_language"),
    path("meetings/", include("hoinghi.meetings.urls")),
    path("directives/", include("hoinghi.directives.urls")),
    path("polls/", include("hoinghi.voting.urls")),
    path("targets/", include("hoinghi.targets.urls")),
    path("", include("hoinghi.records.urls")),
    path("import/", include("hoinghi.ingest.urls")),
    path("", include("hoinghi.search.urls")),  # before the portal: its public search is under /cong-thong-tin/
    path("cong-thong-tin/", include("hoinghi.portal.urls")),
    path("", include("hoinghi.directory.urls")),
    path("directory/", include("hoinghi.directory.urls_office")),
    path("account/api-keys/", include("hoinghi.api.urls")),
    path("api/", api_urls()),
    # The admin site signs in through the product's sign-in, with its second factor.
    path("admin/login/", login_not_required(RULES.guard("sign_in")(account_views.admin_sign_in)), name="admin_login"),
    path("admin/password_change/", account_views.admin_password_change, name="admin_password_change"),
    path("admin/", admin.site.urls),
]

# A database outage gets a Vietnamese 503 page, not a bare 500 or 400 (hoinghi.core.outage).
handler500 = "hoinghi.core.outage.failed"
handler400 = "hoinghi.core.outage.refused"
