"""Static pages, sitemap, robots.txt, hreflang and error pages."""

import pytest
from django.urls import reverse

from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CompanyVisitFactory,
    EditionFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

PAGES = ["about", "privacy", "accessibility", "legal"]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", ["it", "ru", "en"])
def test_static_pages_have_real_text_in_each_language(client, page, language):
    response = client.get(f"/{language}/{page}/")

    content = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in content
    text = content[content.index('<div class="page-text"') :]
    assert 'lang="it"' not in text[:60] or language == "it"  # not an Italian fallback
    assert text.count("<h2") >= 2


def test_footer_links_to_privacy_accessibility_and_legal_notes(client):
    content = client.get("/en/").content.decode()

    for page in ("privacy", "accessibility", "legal"):
        assert f'href="/en/{page}/"' in content


def test_pages_carry_canonical_and_hreflang_alternates(client):
    edition = EditionFactory()

    content = client.get(f"/ru/editions/{edition.slug}/").content.decode()

    assert f'<link rel="canonical" href="http://testserver/ru/editions/{edition.slug}/">' in content
    for code in ("it", "ru", "en"):
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="http://testserver/{code}/editions/{edition.slug}/">'
        ) in content
    assert f'hreflang="x-default" href="http://testserver/it/editions/{edition.slug}/"' in content


def test_language_switcher_keeps_the_page_and_its_filters(client):
    content = client.get("/it/editions/?country=RU").content.decode()

    assert 'href="/ru/editions/?country=RU"' in content
    assert 'href="/en/editions/?country=RU"' in content


def test_sitemap_lists_public_pages_in_three_languages(client):
    edition = EditionFactory(slug="xxvii-firenze-2018")
    hidden = EditionFactory(slug="bozza", is_published=False)
    public = AgreementFactory(slug="protocollo")
    secret = AgreementFactory(slug="riservato", visibility="staff")
    host = OrganisationFactory(slug="malo")
    CompanyVisitFactory(host=host, edition=edition)
    partner = OrganisationFactory(slug="partner-riservato")
    AgreementPartyFactory(agreement=secret, organisation=partner)

    content = client.get("/sitemap.xml").content.decode()

    for code in ("it", "ru", "en"):
        assert f"<loc>http://testserver/{code}/editions/{edition.slug}/</loc>" in content
        assert f"<loc>http://testserver/{code}/agreements/{public.slug}/</loc>" in content
        assert f"<loc>http://testserver/{code}/organisations/malo/</loc>" in content
    assert 'hreflang="ru" href="http://testserver/ru/editions/xxvii-firenze-2018/"' in content
    assert hidden.slug not in content
    assert secret.slug not in content
    assert partner.slug not in content


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    content = client.get("/robots.txt").content.decode()

    assert "Disallow: /admin/" in content
    assert "Sitemap: http://testserver/sitemap.xml" in content


@pytest.mark.parametrize(
    ("language", "message"),
    [("it", "Pagina non trovata"), ("ru", "Страница не найдена"), ("en", "Page not found")],
)
def test_404_page_in_the_design_and_the_right_language(client, language, message):
    response = client.get(f"/{language}/no-such-page/")

    content = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in content
    assert message in content
    assert "it-header-wrapper" in content


def test_500_page_renders_in_the_design(client):
    from django.template.loader import render_to_string

    content = render_to_string("500.html")

    assert "it-header-wrapper" in content
    assert "Si è verificato un errore" in content or "Something went wrong" in content


@pytest.mark.parametrize(
    "url",
    ["/it/", "/it/editions/", "/it/visits/", "/it/regions/", "/it/agreements/", "/it/about/"],
)
def test_every_page_has_title_description_and_skip_link(client, url):
    content = client.get(url).content.decode()

    assert "<title>" in content and "· Portale della Task Force</title>" in content
    assert '<meta name="description" content="' in content
    assert 'href="#main"' in content
    assert content.count("<h1") == 1


def test_main_navigation_marks_the_current_section(client):
    content = client.get(reverse("companies:visit_list")).content.decode()

    assert 'class="nav-link active" href="/it/visits/" aria-current="page"' in content
