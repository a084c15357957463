from django.urls import path

from base.caching import public_page

from . import views

app_name = "sessions"

urlpatterns = [
    path("editions/", public_page(views.EditionListView.as_view()), name="edition_list"),
    path("regions/", public_page(views.RegionListView.as_view()), name="region_list"),
]
