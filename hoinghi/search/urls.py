from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("tim-kiem/", views.search_page, name="search"),
    path("cong-thong-tin/tim-kiem/", views.public_search, name="public"),
]
