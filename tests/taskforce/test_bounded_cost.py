"""Bounded cost for every public input: whatever a visitor puts in a query string, a public
list answers with a clear page, within the queries of an ordinary request, and on
PostgreSQL no statement may run longer than DATABASE_STATEMENT_TIMEOUT.

The hostile values come from an attack on the portal: a search of a few words joined the
sectors and tables once per word (``?q=a+e+i+o`` ran past the worker timeout), plus the
usual long values, repeated parameters, numbers out of every range and NUL characters.
"""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sessions.models import Edition
from sessions.querysets import SEARCH_MAX_TERMS, search_terms
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CompanyVisitFactory,
    EditionFactory,
    SectoralTableFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

LISTS = ["sessions:edition_list", "companies:visit_list", "agreements:agreement_list"]
# Pages that read no query parameter at all: a query string must change nothing.
PAGES = ["archive:home", "sessions:region_list", "pages:about"]

MANY_WORDS = " ".join("aeiouy" * 10)
HOSTILE = [
    "q=a+e+i+o",
    "q=" + "+".join(["a", "e", "i", "o", "u"]),
    "q=" + MANY_WORDS.replace(" ", "+"),
    "q=%22a%22+%22e%22+%22i%22+%22o%22",
    "q=" + "x" * 5000,
    "q=" + "%E2%80%AE" * 200,
    "q=%25%25%25_%5C",
    "&".join(["q=a"] * 300),
    "&".join(["country=IT", "country=RU"] * 300),
    "page=" + "9" * 40,
    "page=-1",
    "page=last",
    "page=0",
    "year_from=" + "9" * 400,
    "year_to=-5&year_from=3000",
    "year=" + "1" * 30,
    "region=" + "9" * 40,
    "region=1+OR+1%3D1",
    "sector=" + "9" * 30,
    "sector[]=1",
    "edition=" + "x" * 300,
    "kind=" + "k" * 300,
    "status=%27%3B+DROP+TABLE",
    "party_country=ZZ",
    "utm_source=" + "u" * 2000,
]


@pytest.fixture
def archive():
    """Enough of everything that a join per search word would multiply rows: editions with
    several sectors and tables, visits, agreements with parties."""
    sectors = [SectorFactory() for _ in range(4)]
    for _ in range(6):
        edition = EditionFactory()
        edition.sectors.add(*sectors)
        for sector in sectors:
            SectoralTableFactory(edition=edition, sector=sector)
        CompanyVisitFactory(edition=edition, sector=sectors[0])
        agreement = AgreementFactory(edition=edition)
        agreement.sectors.add(*sectors[:2])
        AgreementPartyFactory(agreement=agreement)
        AgreementPartyFactory(agreement=agreement, side="RU")


# A list asked for a page it does not have answers "not found"; everything else is the page,
# with the filters' messages next to the fields. The pages without filters read no query.
PAGES_OUT_OF_RANGE = {"page=" + "9" * 40, "page=-1", "page=0"}


def expected_answer(name: str, query: str) -> int:
    return 404 if name in LISTS and query in PAGES_OUT_OF_RANGE else 200


def queries_of(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), response


@pytest.mark.parametrize("name", LISTS + PAGES)
@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: q[:40])
def test_hostile_query_strings_answer_a_page_within_the_queries_of_an_ordinary_one(
    client, archive, name, query
):
    url = reverse(name)
    ordinary, _page = queries_of(client, url)

    count, response = queries_of(client, f"{url}?{query}")

    assert response.status_code == expected_answer(name, query)
    assert count <= ordinary, (query, count, ordinary)
    assert "<h1" in response.content.decode()


def test_a_search_of_many_words_is_refused_next_to_the_field(client, archive):
    response = client.get("/en/editions/", {"q": MANY_WORDS})

    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_q_error"' in content
    assert f"Search with at most {SEARCH_MAX_TERMS} words." in content
    assert "0 editions found." in content


def test_a_search_longer_than_the_limit_is_refused_next_to_the_field(client, archive):
    response = client.get("/it/editions/", {"q": "x" * 101})

    content = response.content.decode()
    assert 'id="id_q_error"' in content
    assert "non contenga più di 100 caratteri" in content


def test_search_joins_no_more_tables_for_more_words():
    """A join per word multiplied every edition's rows by its sectors × tables for each
    word, before a DISTINCT: the cost grew exponentially with the words."""
    one = Edition.objects.search("a").query
    five = Edition.objects.search("a e i o u").query

    # The tables of the outer query (each word's sectors and tables are a subquery).
    assert len(five.alias_map) == len(one.alias_map) == 2  # editions, regions
    assert not five.distinct


def test_search_reads_at_most_the_first_distinct_words():
    assert search_terms("a a b c d e f g") == ["a", "b", "c", "d", "e"]
    assert search_terms("x" * 5000) == ["x" * 100]


def test_search_of_several_words_finds_what_mentions_each_in_any_field(client):
    mechanics = SectorFactory(name_it="Meccanica")
    florence = EditionFactory(city_it="Firenze")
    florence.sectors.add(mechanics)
    SectoralTableFactory(edition=florence, title_it="Tavolo agroalimentare")
    EditionFactory(city_it="Torino")

    found = Edition.objects.search("firenze meccanica agroalimentare")
    missed = Edition.objects.search("firenze torino")

    assert list(found) == [florence]
    assert list(missed) == []


# The statement timeout -------------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no statement timeout")
def test_postgresql_connections_carry_the_statement_timeout(settings):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (value,) = cursor.fetchone()

    assert settings.DATABASE_STATEMENT_TIMEOUT == 10
    assert value == "10s"


def test_a_cancelled_statement_answers_try_again_not_a_server_error(client, archive):
    """On PostgreSQL a real statement is cancelled by the server; elsewhere the same error
    is raised where the search runs."""

    def slow_search(filterset, queryset, name, value):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = '50ms'")
                cursor.execute("SELECT pg_sleep(2)")
        raise OperationalError("canceling statement due to statement timeout")

    with mock.patch("sessions.filters.EditionFilter.filter_search", slow_search):
        response = client.get("/ru/editions/", {"q": "firenze"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Портал перегружен" in response.content.decode()


# Request hygiene -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/it/agreements/x/documents/it%00.pdf",
        "/it/editions/x%00/",
        "/it/editions/?q=a%00b",
        "/it/organisations/%00/",
    ],
)
def test_a_nul_character_in_the_address_is_a_bad_request(client, path):
    agreement = AgreementFactory(slug="x")
    assert agreement.pk

    response = client.get(path)

    assert response.status_code == 400
    assert "Richiesta non valida" in response.content.decode()


@pytest.mark.parametrize("charset", ["utf-16", "utf-32", "nonsense", "latin-1"])
def test_a_body_in_another_charset_than_utf8_is_a_bad_request(client, charset):
    from tests.factories import OpenEditionFactory

    edition = OpenEditionFactory()
    url = reverse("companies:registration_create", kwargs={"slug": edition.slug})

    response = client.generic(
        "POST",
        url,
        "organisation_name=Rossi".encode("utf-16" if charset == "nonsense" else "utf-8"),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 400


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8"])
def test_a_utf8_body_goes_through(client, charset):
    from tests.factories import OpenEditionFactory

    edition = OpenEditionFactory()
    url = reverse("companies:registration_create", kwargs={"slug": edition.slug})

    response = client.generic(
        "POST",
        url,
        b"organisation_name=Rossi",
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )

    assert response.status_code == 200  # the form, with its errors
