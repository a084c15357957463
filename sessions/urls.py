from django.urls import path

from taskforce.pagecache import public_page

from . import views

app_name = "sessions"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("editions/", public_page(views.EditionListView.as_view()), name="edition_list"),
    path(
        "editions/<slug:slug>/",
        public_page(views.EditionDetailView.as_view()),
        name="edition_detail",
    ),
    path("visits/", public_page(views.CompanyVisitListView.as_view()), name="visit_list"),
    path("regions/", public_page(views.RegionListView.as_view()), name="region_list"),
]
