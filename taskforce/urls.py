from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from sessions import views as session_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", session_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("sessions.urls")),
    prefix_default_language=True,
)
