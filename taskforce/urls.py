from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from archive.sitemaps import SITEMAPS
from base.caching import public_page

from . import views

pages = (
    [
        path(f"{slug}/", public_page(views.StaticPageView.as_view(page=slug)), name=slug)
        for slug in views.PAGES
    ],
    "pages",
)

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("archive.urls")),
    path("", include("sessions.urls")),
    path("", include("agreements.urls")),
    path("", include("companies.urls")),
    path("", include(pages)),
    prefix_default_language=True,
)
