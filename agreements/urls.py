from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/<slug:slug>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path(
        "agreements/<slug:slug>/documents/<str:language>.pdf",
        views.document_download,
        name="document_download",
    ),
]
