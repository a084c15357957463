from django.urls import path

from . import views

app_name = "sessions"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("editions/", views.EditionListView.as_view(), name="edition_list"),
    path("editions/<slug:slug>/", views.EditionDetailView.as_view(), name="edition_detail"),
    path("visits/", views.CompanyVisitListView.as_view(), name="visit_list"),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
]
