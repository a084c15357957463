from django.urls import path

from . import views

app_name = "companies"

urlpatterns = [
    path(
        "organisations/<slug:slug>/",
        views.OrganisationDetailView.as_view(),
        name="organisation_detail",
    ),
]
