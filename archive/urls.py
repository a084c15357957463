from django.urls import path

from base.caching import public_page

from . import views

app_name = "archive"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path(
        "editions/<slug:slug>/",
        public_page(views.EditionDetailView.as_view()),
        name="edition_detail",
    ),
    path(
        "organisations/<slug:slug>/",
        public_page(views.OrganisationDetailView.as_view()),
        name="organisation_detail",
    ),
]
