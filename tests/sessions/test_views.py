import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    EditionFactory,
    PlaceholderEditionFactory,
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def test_edition_list_newest_first_with_gaps_in_place(client):
    EditionFactory(number=25, start_date=datetime.date(2016, 12, 1))
    PlaceholderEditionFactory(number=24)
    EditionFactory(number=23, start_date=datetime.date(2013, 11, 12))

    response = client.get(reverse("sessions:edition_list"))

    assert [e.number for e in response.context["editions"]] == [25, 24, 23]


def test_edition_list_filters_by_russian_host_region(client):
    lipetsk = RegionFactory(code="RU-LIP")
    kaluga = RegionFactory(code="RU-KLU")
    in_lipetsk = EditionFactory(region=lipetsk, country="RU", number=13)
    EditionFactory(region=kaluga, country="RU", number=16)
    EditionFactory(number=27)

    response = client.get("/ru/editions/", {"region": lipetsk.pk})

    assert list(response.context["editions"]) == [in_lipetsk]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "RU"}, [22]),
        ({"country": "IT"}, [27, 23]),
        ({"year_from": "2013", "year_to": "2013"}, [23, 22]),
        ({"year_from": "2014"}, [27]),
        ({"status": "unknown"}, [24]),
        ({"q": "firenze"}, [27]),
        ({"q": "ФЛОРЕНЦИЯ"}, [27]),
        ({"q": "флоренция"}, [27]),
        ({"q": "Torino Incontra"}, [23]),
        ({"q": "meccanica"}, [27]),
    ],
)
def test_edition_list_filters(client, params, expected):
    mechanics = SectorFactory(name_it="Meccanica", name_en="Mechanics")
    florence = EditionFactory(
        number=27,
        start_date=datetime.date(2018, 11, 29),
        city_it="Firenze",
        city_ru="Флоренция",
        city_en="Florence",
    )
    florence.sectors.add(mechanics)
    EditionFactory(
        number=23,
        start_date=datetime.date(2013, 11, 12),
        city_it="Torino",
        venue_it="Torino Incontra",
    )
    EditionFactory(
        number=22,
        start_date=datetime.date(2013, 5, 27),
        region=RegionFactory(code="RU-NIZ"),
        country="RU",
        city_it="Nizhny Novgorod",
    )
    PlaceholderEditionFactory(number=24)

    response = client.get(reverse("sessions:edition_list"), params)

    assert [e.number for e in response.context["editions"]] == expected


def test_edition_list_filter_by_sector_lists_each_edition_once(client):
    first, second = SectorFactory(), SectorFactory()
    edition = EditionFactory()
    edition.sectors.add(first, second)

    response = client.get(reverse("sessions:edition_list"), {"sector": first.pk, "q": "Città"})

    assert list(response.context["editions"]) == [edition]


def test_edition_list_bad_filter_input_is_explained_next_to_the_field(client):
    EditionFactory()

    response = client.get("/en/editions/", {"year_from": "last year", "country": "FR"})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_year_from_error"' in content
    assert "Enter a whole number." in content
    assert 'id="id_country_error"' in content
    assert 'value="last year"' in content
    assert "0 editions found." in content


def test_edition_list_paginates(client):
    for number in range(1, 23):
        EditionFactory(number=number)

    first = client.get(reverse("sessions:edition_list"))
    second = client.get(reverse("sessions:edition_list"), {"page": 2, "country": "IT"})

    assert len(first.context["editions"]) == 20
    assert [e.number for e in second.context["editions"]] == [2, 1]
    assert "country=IT&amp;page=1" in second.content.decode()


def test_edition_list_hides_unpublished_editions(client):
    EditionFactory(number=31, city_it="Visibile")
    EditionFactory(number=32, city_it="Nascosta", is_published=False)

    content = client.get(reverse("sessions:edition_list")).content.decode()

    assert "Visibile" in content
    assert "Nascosta" not in content


@pytest.mark.parametrize("count", [1, 3])
def test_edition_list_query_count_is_flat(client, django_assert_num_queries, count):
    for _ in range(count):
        edition = EditionFactory()
        edition.sectors.add(SectorFactory(), SectorFactory())

    client.get(reverse("sessions:edition_list"))  # warm the caches of data

    # The count, the page of editions, their sectors; the filters' choices of regions and
    # sectors are read once per change of content.
    with django_assert_num_queries(3):
        response = client.get(reverse("sessions:edition_list"))

    assert response.content.decode().count("<tr") == count + 1


def test_region_list_counts_hosted_editions(client):
    marche = RegionFactory(code="IT-57", name_it="Marche")
    EditionFactory(region=marche, number=8, start_date=datetime.date(2005, 10, 26))
    EditionFactory(region=marche, number=21, start_date=datetime.date(2012, 10, 23))
    kaliningrad = RegionFactory(code="RU-KGD", name_it="Regione di Kaliningrad")
    EditionFactory(region=kaliningrad, country="RU", number=28, status="postponed")

    response = client.get(reverse("sessions:region_list"))

    italy, russia = response.context["region_groups"]
    assert [(r.code, r.edition_count) for r in italy[1]] == [("IT-57", 2)]
    assert [(r.code, r.edition_count) for r in russia[1]] == [("RU-KGD", 0)]
    content = response.content.decode()
    # The years of its editions, and its name leads to them in the list of editions.
    assert "2 edizioni, 2005–2012" in content
    assert f'<a href="/it/editions/?region={marche.pk}"><strong>Marche</strong></a>' in content


def test_region_list_stays_the_same_size_however_many_editions_a_region_hosted(client):
    tuscany = RegionFactory(code="IT-52", name_it="Toscana")
    EditionFactory(region=tuscany, number=1, start_date=datetime.date(2003, 5, 1))
    one = client.get("/en/regions/").content.decode()
    for number in range(2, 13):
        EditionFactory(region=tuscany, number=number, start_date=datetime.date(2000 + number, 5, 1))

    content = client.get("/en/regions/").content.decode()

    def regions(page):
        start = page.index('class="list-unstyled host-regions"')
        return page[start : page.index("</ul>", start)]

    section = regions(content)
    assert "12 editions, 2002–2012" in section
    assert section.count("<li") == 1 and section.count("<a ") == 1
    assert len(section) - len(regions(one)) < 20  # "12 … 2002–2012" instead of "1 … 2003"


def test_region_list_chart_has_text_alternatives_and_the_same_data_as_a_table(client):
    EditionFactory(start_date=datetime.date(2016, 12, 1))
    EditionFactory(start_date=datetime.date(2018, 11, 29))
    EditionFactory(
        start_date=datetime.date(2017, 10, 1), region=RegionFactory(code="RU-SVE"), country="RU"
    )

    content = client.get("/en/regions/").content.decode()

    assert '<svg viewBox="0 0 760 260"' in content
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in content
    assert '<title id="chart-title">Editions per year by host country</title>' in content
    assert content.count("<rect ") == 3
    assert "<title>2017: Russia 1</title>" in content
    assert '<th scope="row">2017</th><td>0</td><td>1</td>' in content


def test_region_list_chart_numbers_are_not_localised(client):
    EditionFactory(start_date=datetime.date(2016, 12, 1))
    EditionFactory(start_date=datetime.date(2018, 11, 29))

    content = client.get("/ru/regions/").content.decode()
    svg = content[content.index("<svg") : content.index("</svg>")]

    assert not any(f'{attr}="{digit},' in svg for attr in ("x", "y") for digit in "0123456789")


@pytest.mark.parametrize("count", [1, 3])
def test_region_list_query_count_is_flat(client, django_assert_num_queries, count):
    codes = ["IT-52", "IT-57", "IT-21"]
    for index in range(count):
        EditionFactory(region=RegionFactory(code=codes[index]))

    client.get(reverse("sessions:region_list"))  # warm the registration-window cache

    # The regions with their counts and years, and the chart.
    with django_assert_num_queries(2):
        response = client.get(reverse("sessions:region_list"))

    assert len(response.context["region_groups"][0][1]) == count
