from django.urls import path

from base.caching import public_page

from . import views

app_name = "companies"

urlpatterns = [
    path("visits/", public_page(views.CompanyVisitListView.as_view()), name="visit_list"),
    path("editions/<slug:slug>/register/", views.registration_create, name="registration_create"),
    path(
        "editions/<slug:slug>/register/sent/",
        views.registration_sent,
        name="registration_sent",
    ),
    path(
        "registration/confirm/<str:token>/",
        views.registration_confirm,
        name="registration_confirm",
    ),
    path("registration/manage/<str:token>/", views.registration_manage, name="registration_manage"),
]
