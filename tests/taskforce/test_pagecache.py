"""The cache of public pages for anonymous visitors (taskforce.pagecache)."""

import datetime

import pytest
from django.utils import timezone

from taskforce.pagecache import _seconds_until_next_window_change
from tests.factories import (
    CompanyVisitFactory,
    EditionFactory,
    OpenEditionFactory,
    OrganisationFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_second_anonymous_visit_is_served_from_the_cache(client, django_assert_num_queries):
    EditionFactory(number=27, city_it="Firenze")
    first = client.get("/it/editions/")

    with django_assert_num_queries(0):
        second = client.get("/it/editions/")

    assert second.status_code == 200
    assert second.content == first.content
    assert "Firenze" in second.content.decode()
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    assert "Cookie" in second["Vary"]
    # The headers of every response are still there.
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_browser_holding_the_page_gets_304(client, django_assert_num_queries):
    EditionFactory(number=27)
    etag = client.get("/en/editions/")["ETag"]

    with django_assert_num_queries(0):
        response = client.get("/en/editions/", headers={"if-none-match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert client.get("/en/editions/", headers={"if-none-match": '"other"'}).status_code == 200


def test_languages_and_filters_are_cached_apart(client):
    EditionFactory(number=27, city_it="Firenze", city_ru="Флоренция", city_en="Florence")

    italian = client.get("/it/editions/").content.decode()
    russian = client.get("/ru/editions/").content.decode()
    filtered = client.get("/it/editions/?country=RU").content.decode()

    assert "Firenze" in italian
    assert "Флоренция" in russian
    assert "Firenze" not in filtered


def test_a_change_of_content_replaces_the_cached_pages(client):
    edition = EditionFactory(number=27, city_it="Firenze")
    assert "Firenze" in client.get(f"/it/editions/{edition.slug}/").content.decode()

    edition.city_it = "Prato"
    edition.save()

    content = client.get(f"/it/editions/{edition.slug}/").content.decode()
    assert "Prato" in content
    assert "Firenze" not in content


def test_a_change_in_another_app_replaces_the_cached_pages(client):
    organisation = OrganisationFactory(name="Meccanica Rossi")
    CompanyVisitFactory(host=organisation)
    url = f"/it/organisations/{organisation.slug}/"
    assert "Meccanica Rossi" in client.get(url).content.decode()

    organisation.name = "Meccanica Bianchi"
    organisation.save()

    assert "Meccanica Bianchi" in client.get(url).content.decode()


def test_staff_never_get_a_page_cached_for_visitors(client, staff_client):
    EditionFactory(number=27)
    client.get("/it/editions/")

    response = staff_client.get("/it/editions/")

    assert "ETag" not in response
    assert response.wsgi_request.user.is_staff


def test_pages_with_a_form_are_not_cached(client, settings):
    edition = OpenEditionFactory()
    SectoralTableFactory(edition=edition)
    url = f"/it/editions/{edition.slug}/register/"
    client.get(url)
    client.cookies.clear()

    response = client.get(url)

    assert response.status_code == 200
    assert "ETag" not in response
    assert settings.CSRF_COOKIE_NAME in response.cookies


def test_errors_and_redirects_are_not_cached(client):
    assert client.get("/it/editions/no-such-edition/").status_code == 404
    assert "ETag" not in client.get("/it/editions/no-such-edition/")
    assert client.get("/").status_code == 302


def test_the_cache_can_be_turned_off(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    EditionFactory(number=27)
    client.get("/it/editions/")

    response = client.get("/it/editions/")

    assert "ETag" not in response


def test_pages_are_kept_no_longer_than_the_next_registration_window_change():
    now = timezone.now()
    OpenEditionFactory(
        registration_opens_at=now - datetime.timedelta(days=1),
        registration_closes_at=now + datetime.timedelta(seconds=120),
    )

    seconds = _seconds_until_next_window_change(now)

    assert 115 <= seconds <= 120


def test_no_window_ahead_leaves_the_configured_lifetime():
    assert _seconds_until_next_window_change(timezone.now()) is None
