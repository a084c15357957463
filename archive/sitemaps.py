from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from agreements.models import Agreement
from sessions.models import Edition

from .querysets import organisations_in_public


class I18nSitemap(Sitemap):
    """Every URL in Italian, Russian and English, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


class SectionSitemap(I18nSitemap):
    priority = 0.8
    changefreq = "weekly"

    def items(self):
        return [
            "archive:home",
            "sessions:edition_list",
            "companies:visit_list",
            "sessions:region_list",
            "agreements:agreement_list",
            "pages:about",
            "pages:privacy",
            "pages:accessibility",
            "pages:legal",
        ]

    def location(self, item):
        return reverse(item)


class EditionSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Edition.objects.published().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class AgreementSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Agreement.objects.public().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


class OrganisationSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return organisations_in_public().order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at


SITEMAPS = {
    "sections": SectionSitemap,
    "editions": EditionSitemap,
    "agreements": AgreementSitemap,
    "organisations": OrganisationSitemap,
}
