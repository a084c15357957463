import pytest
from django.urls import reverse

from tests.factories import (
    CompanyVisitFactory,
    EditionFactory,
    EditionSourceFactory,
    PlaceholderEditionFactory,
    SectoralTableFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def test_root_redirects_to_the_default_language(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/it/"


def test_root_redirects_to_the_visitors_language(client):
    response = client.get("/", headers={"accept-language": "ru-RU,ru;q=0.9"})

    assert response["Location"] == "/ru/"


@pytest.mark.parametrize(
    ("language", "city", "heading", "sector_name"),
    [
        ("it", "Firenze", "Edizioni", "Meccanica"),
        ("ru", "Флоренция", "Заседания", "Машиностроение"),
        ("en", "Florence", "Editions", "Mechanics"),
    ],
)
def test_home_lists_editions_in_each_language(client, language, city, heading, sector_name):
    sector = SectorFactory(name_it="Meccanica", name_ru="Машиностроение", name_en="Mechanics")
    edition = EditionFactory(number=27, city_it="Firenze", city_ru="Флоренция", city_en="Florence")
    edition.sectors.add(sector)

    response = client.get(f"/{language}/")

    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert "XXVII" in content
    assert city in content
    assert heading in content
    assert sector_name in content


def test_home_shows_unknown_editions_as_gaps(client):
    PlaceholderEditionFactory(number=3)

    response = client.get("/it/")

    content = response.content.decode()
    assert "III" in content
    assert "data sconosciuta" in content
    assert 'class="edition-gap"' in content


def test_home_hides_unpublished_editions(client):
    EditionFactory(number=31, city_it="Visibile")
    EditionFactory(number=32, city_it="Nascosta", is_published=False)

    content = client.get("/it/").content.decode()

    assert "Visibile" in content
    assert "Nascosta" not in content


def test_home_language_switcher_keeps_the_page(client):
    edition = EditionFactory()

    content = client.get(f"/en/editions/{edition.slug}/").content.decode()

    assert f'href="/ru/editions/{edition.slug}/"' in content
    assert f'href="/it/editions/{edition.slug}/"' in content


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_flat(client, django_assert_num_queries, count):
    for _ in range(count):
        edition = EditionFactory()
        edition.sectors.add(SectorFactory(), SectorFactory())

    with django_assert_num_queries(2):
        response = client.get("/it/")

    assert response.content.decode().count("<tr") == count + 1


def test_edition_detail_shows_tables_visits_and_sources(client):
    edition = EditionFactory(number=27, city_it="Firenze")
    SectoralTableFactory(edition=edition, title_it="Energie pulite")
    CompanyVisitFactory(edition=edition, host__name="Marchesi Frescobaldi")
    EditionSourceFactory(edition=edition, publisher="Toscana Notizie", url="https://example.org/tn")

    response = client.get(reverse("sessions:edition_detail", kwargs={"slug": edition.slug}))

    content = response.content.decode()
    assert "Energie pulite" in content
    assert "Marchesi Frescobaldi" in content
    assert '<a href="https://example.org/tn" rel="noopener">Toscana Notizie</a>' in content


@pytest.mark.parametrize("count", [1, 3])
def test_edition_detail_query_count_is_flat(client, django_assert_num_queries, count):
    edition = EditionFactory()
    for _ in range(count):
        SectoralTableFactory(edition=edition)
        CompanyVisitFactory(edition=edition)
        EditionSourceFactory(edition=edition)

    with django_assert_num_queries(11):
        response = client.get(edition.get_absolute_url())

    assert response.content.decode().count("<li>") == 3 * count


def test_edition_detail_of_unpublished_edition_is_not_found(client):
    edition = EditionFactory(is_published=False)

    assert client.get(edition.get_absolute_url()).status_code == 404


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"
