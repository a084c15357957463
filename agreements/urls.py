from django.urls import path

from base.caching import public_page

from . import views

app_name = "agreements"

urlpatterns = [
    path("agreements/", public_page(views.AgreementListView.as_view()), name="agreement_list"),
    path(
        "agreements/<slug:slug>/",
        public_page(views.AgreementDetailView.as_view()),
        name="agreement_detail",
    ),
    path(
        "agreements/<slug:slug>/documents/<str:language>.pdf",
        views.document_download,
        name="document_download",
    ),
]
