from django.urls import path

from . import views

app_name = "sessions"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("editions/<slug:slug>/", views.EditionDetailView.as_view(), name="edition_detail"),
]
