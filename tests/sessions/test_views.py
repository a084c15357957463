import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    CompanyVisitFactory,
    EditionCoChairFactory,
    EditionFactory,
    EditionOrganiserFactory,
    EditionSourceFactory,
    PlaceholderEditionFactory,
    RegionFactory,
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


# Home -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "city", "heading"),
    [
        ("it", "Firenze", "Cronologia delle edizioni"),
        ("ru", "Флоренция", "Хронология заседаний"),
        ("en", "Florence", "Timeline of the editions"),
    ],
)
def test_home_lists_editions_in_each_language(client, language, city, heading):
    EditionFactory(number=27, city_it="Firenze", city_ru="Флоренция", city_en="Florence")

    content = client.get(f"/{language}/").content.decode()

    assert f'<html lang="{language}">' in content
    assert "XXVII" in content
    assert city in content
    assert heading in content


def test_home_features_the_next_planned_edition(client):
    EditionFactory(number=27, start_date=datetime.date(2018, 11, 29))
    EditionFactory(
        number=29,
        status="planned",
        start_date=datetime.date.today() + datetime.timedelta(days=60),
        city_it="Kazan",
    )

    content = client.get("/it/").content.decode()

    assert "Prossima edizione" in content
    assert "XXIX edizione" in content


def test_home_features_the_most_recent_edition_when_none_is_planned(client):
    EditionFactory(number=26, start_date=datetime.date(2017, 10, 1), city_it="Ekaterinburg")
    EditionFactory(number=27, start_date=datetime.date(2018, 11, 29), city_it="Firenze")

    content = client.get("/it/").content.decode()

    assert "Edizione più recente" in content
    assert "XXVII edizione – Firenze" in content


def test_home_key_figures_are_computed_from_the_data(client):
    tuscany = RegionFactory(code="IT-52")
    lipetsk = RegionFactory(code="RU-LIP")
    EditionFactory(region=tuscany)
    EditionFactory(region=tuscany)
    EditionFactory(region=lipetsk, country="RU")
    EditionFactory(region=lipetsk, country="RU", status="postponed")
    PlaceholderEditionFactory()
    CompanyVisitFactory.create_batch(2, edition=EditionFactory(region=tuscany))

    response = client.get("/en/")

    figures = response.context["figures"]
    assert figures["editions_held"] == 4
    assert (figures["regions_it"], figures["regions_ru"]) == (1, 1)
    assert figures["visits"] == 2
    assert figures["organisations"] == 2


def test_home_shows_unknown_editions_as_gaps(client):
    PlaceholderEditionFactory(number=3)

    content = client.get("/it/").content.decode()

    assert "III" in content
    assert "data sconosciuta" in content
    assert "edition-gap" in content


@pytest.mark.parametrize("count", [1, 3])
def test_home_query_count_is_flat(client, django_assert_num_queries, count):
    for _ in range(count):
        edition = EditionFactory()
        CompanyVisitFactory(edition=edition)
        AgreementFactory(edition=edition)

    # Every cache cold: registration windows, demo flag, featured edition (two tries),
    # key figures (four counts), timeline.
    with django_assert_num_queries(9):
        client.get("/it/")

    # Featured edition (upcoming, else latest) and the timeline; the key figures are
    # counted once per change of content.
    with django_assert_num_queries(3):
        response = client.get("/it/")

    assert response.content.decode().count('class="timeline-item') == count


def test_home_key_figures_follow_a_change_of_content(client):
    EditionFactory(number=27, status="held")
    assert '<dd class="figure">1</dd>' in client.get("/en/").content.decode()

    EditionFactory(number=28, status="held")

    assert '<dd class="figure">2</dd>' in client.get("/en/").content.decode()


# Editions list ----------------------------------------------------------------------------


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


# Edition dossier --------------------------------------------------------------------------


def test_edition_detail_shows_the_whole_dossier(client):
    edition = EditionFactory(number=27, city_it="Firenze", venue_it="Fortezza da Basso")
    SectoralTableFactory(edition=edition, title_it="Energie pulite")
    AgendaItemFactory(edition=edition, title_it="Sessione plenaria")
    CompanyVisitFactory(edition=edition, host__name="Marchesi Frescobaldi")
    EditionCoChairFactory(edition=edition, name="Gianfranco Caprioli")
    EditionOrganiserFactory(edition=edition, organisation__name="Regione Toscana")
    EditionSourceFactory(edition=edition, publisher="Toscana Notizie", url="https://example.org/tn")
    AgreementFactory(edition=edition, title_it="Protocollo della XXVII sessione")
    AgreementFactory(edition=edition, title_it="Accordo riservato", visibility="staff")

    content = client.get(edition.get_absolute_url()).content.decode()

    assert "Fortezza da Basso" in content
    assert "Energie pulite" in content
    assert "Sessione plenaria" in content
    assert "Marchesi Frescobaldi" in content
    assert "Gianfranco Caprioli" in content
    assert "Regione Toscana" in content
    assert '<a href="https://example.org/tn" rel="noopener">Toscana Notizie</a>' in content
    assert "Protocollo della XXVII sessione" in content
    assert "Accordo riservato" not in content


def test_edition_detail_in_russian_uses_russian_labels_and_marks_fallbacks(client):
    edition = EditionFactory(city_it="Firenze", city_ru="Флоренция", venue_it="Fortezza da Basso")
    SectoralTableFactory(edition=edition, title_it="Moda", title_ru="")

    content = client.get(f"/ru/editions/{edition.slug}/").content.decode()

    assert "Флоренция" in content
    assert "Отраслевые круглые столы" in content
    assert '<span lang="it">Moda</span>' in content
    assert '<span lang="it">Fortezza da Basso</span>' in content


def test_edition_detail_says_when_facts_are_not_confirmed(client):
    edition = EditionFactory(evidence="source_doc")

    content = client.get(edition.get_absolute_url()).content.decode()

    assert "dato non confermato da fonti pubbliche" in content.lower()


def test_edition_detail_of_a_placeholder_explains_the_gap(client):
    edition = PlaceholderEditionFactory(number=20)

    content = client.get(edition.get_absolute_url()).content.decode()

    assert "XX edizione" in content
    assert "Nessuna fonte pubblica" in content


def test_edition_detail_links_previous_and_next(client):
    previous = EditionFactory(number=26, city_it="Ekaterinburg")
    edition = EditionFactory(number=27)
    following = EditionFactory(number=28, city_it="Kaliningrad")

    content = client.get(edition.get_absolute_url()).content.decode()

    assert f'href="{previous.get_absolute_url()}" rel="prev"' in content
    assert f'href="{following.get_absolute_url()}" rel="next"' in content


@pytest.mark.parametrize("count", [1, 3])
def test_edition_detail_query_count_is_flat(client, django_assert_num_queries, count):
    edition = EditionFactory(participants_public=True)
    for _ in range(count):
        edition.sectors.add(SectorFactory())
        SectoralTableFactory(edition=edition)
        AgendaItemFactory(edition=edition)
        CompanyVisitFactory(edition=edition)
        EditionSourceFactory(edition=edition)
        EditionCoChairFactory(edition=edition)
        EditionOrganiserFactory(edition=edition)
        AgreementFactory(edition=edition)

    client.get(edition.get_absolute_url())  # warm the registration-window cache

    with django_assert_num_queries(10):
        response = client.get(edition.get_absolute_url())

    assert response.content.decode().count('rel="noopener"') == count


def test_edition_detail_of_unpublished_edition_is_not_found(client):
    edition = EditionFactory(is_published=False)

    response = client.get(edition.get_absolute_url())

    assert response.status_code == 404
    assert "Pagina non trovata" in response.content.decode()


# Visits -----------------------------------------------------------------------------------


def test_visit_list_links_edition_and_host(client):
    visit = CompanyVisitFactory(host__name="Malo")

    content = client.get(reverse("sessions:visit_list")).content.decode()

    assert f'href="{visit.host.get_absolute_url()}">Malo</a>' in content
    assert f'href="{visit.edition.get_absolute_url()}"' in content


def test_visit_list_filters_by_sector_region_and_edition(client):
    wine = SectorFactory(name_it="Vino")
    tuscany = RegionFactory(code="IT-52")
    lipetsk = RegionFactory(code="RU-LIP")
    florence = EditionFactory(region=tuscany, number=27)
    in_russia = EditionFactory(region=lipetsk, country="RU", number=13)
    frescobaldi = CompanyVisitFactory(edition=florence, sector=wine)
    malo = CompanyVisitFactory(edition=florence)
    russian = CompanyVisitFactory(edition=in_russia)
    url = reverse("sessions:visit_list")

    assert list(client.get(url, {"sector": wine.pk}).context["visits"]) == [frescobaldi]
    assert list(client.get(url, {"region": lipetsk.pk}).context["visits"]) == [russian]
    assert set(client.get(url, {"edition": florence.slug}).context["visits"]) == {frescobaldi, malo}


def test_visit_list_hides_visits_of_unpublished_editions(client):
    CompanyVisitFactory(edition=EditionFactory(is_published=False), host__name="Segreta")

    assert "Segreta" not in client.get(reverse("sessions:visit_list")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_visit_list_query_count_is_flat(client, django_assert_num_queries, count):
    CompanyVisitFactory.create_batch(count)

    client.get(reverse("sessions:visit_list"))  # warm the caches of data

    # The count and the page of visits; the filters' choices are read once per change.
    with django_assert_num_queries(2):
        response = client.get(reverse("sessions:visit_list"))

    assert response.content.decode().count("<tr") == count + 1


def test_filter_choices_are_read_once_and_follow_every_change(client, django_assert_num_queries):
    EditionFactory(region=RegionFactory(code="IT-52", name_it="Toscana"))
    client.get("/it/editions/")

    with django_assert_num_queries(3):
        content = client.get("/it/editions/?country=IT").content.decode()
    assert ">Toscana</option>" in content

    EditionFactory(region=RegionFactory(code="IT-57", name_it="Marche", name_en="Marche EN"))
    content = client.get("/it/editions/").content.decode()
    assert ">Toscana</option>" in content and ">Marche</option>" in content
    # Each language has its own labels.
    assert ">Marche EN</option>" in client.get("/en/editions/").content.decode()


def test_filter_choice_sent_back_is_still_checked(client):
    region = RegionFactory(code="IT-52")
    EditionFactory(region=region)
    client.get("/it/editions/")  # the choices are now cached

    response = client.get("/it/editions/?region=999999")

    assert response.status_code == 200
    assert "Scegli un&#x27;opzione valida" in response.content.decode()


# Regions ----------------------------------------------------------------------------------


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


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    client.get("/healthz")  # warm the registration-window cache
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.content == b"ok"


def participant(edition, name, booking_status, **registration):
    from tests.factories import BookingFactory, ConfirmedRegistrationFactory, OrganisationFactory

    kwargs = {"public_listing_consent": True, **registration}
    factory = kwargs.pop("factory", ConfirmedRegistrationFactory)
    booking = BookingFactory(
        registration=factory(
            edition=edition, organisation=OrganisationFactory(name=name), **kwargs
        ),
        status=booking_status,
        queued_at=timezone.now() if booking_status == "waiting" else None,
    )
    return booking


def test_edition_detail_lists_only_accepted_consenting_participants_never_contacts(client):
    from tests.factories import RegistrationFactory

    edition = EditionFactory(participants_public=True)
    participant(edition, "Officine Visibili", "accepted", contact__first_name="Zebedeo")
    participant(edition, "Riservata S.r.l.", "accepted", public_listing_consent=False)
    participant(edition, "In Attesa S.p.A.", "waiting")
    participant(edition, "Respinta S.r.l.", "rejected")
    participant(edition, "Annullata S.r.l.", "cancelled")
    participant(edition, "Solo Inviata S.r.l.", "submitted")
    participant(edition, "Non Confermata", "submitted", factory=RegistrationFactory)

    content = client.get(edition.get_absolute_url()).content.decode()

    assert "<li>Officine Visibili</li>" in content
    for hidden in (
        "Riservata",
        "In Attesa",
        "Respinta",
        "Annullata",
        "Solo Inviata",
        "Non Confermata",
        "Zebedeo",
    ):
        assert hidden not in content


def test_edition_detail_lists_no_participants_until_staff_publish_the_list(client):
    edition = EditionFactory()
    participant(edition, "Officine Visibili", "accepted")

    before = client.get(edition.get_absolute_url()).content.decode()
    edition.participants_public = True
    edition.save()
    after = client.get(edition.get_absolute_url()).content.decode()

    assert not EditionFactory._meta.model().participants_public  # private by default
    assert "Officine Visibili" not in before
    assert "<li>Officine Visibili</li>" in after


def test_edition_links_follow_a_newly_added_edition(client):
    edition = EditionFactory(number=27)
    client.get(edition.get_absolute_url())  # fills the cached sequence

    later = EditionFactory(number=28, city_it="Kaliningrad")
    content = client.get(edition.get_absolute_url()).content.decode()

    assert f'href="{later.get_absolute_url()}" rel="next"' in content


def test_register_menu_entry_appears_when_a_window_opens(client):
    from tests.factories import OpenEditionFactory

    client.get("/it/")  # fills the cached registration windows
    edition = OpenEditionFactory()

    content = client.get("/it/").content.decode()

    assert f'href="/it/editions/{edition.slug}/register/"' in content


def test_home_timeline_shows_the_latest_thirty_editions_and_links_to_all(client):
    for number in range(1, 33):
        EditionFactory(number=number, start_date=datetime.date(1990 + number, 5, 1))

    content = client.get("/en/").content.decode()

    assert content.count('class="timeline-item') == 30
    assert '<span class="timeline-number">III</span>' in content
    assert '<span class="timeline-number">II</span>' not in content
    assert "All 32 editions" in content


def test_home_timeline_of_the_real_history_is_whole(client):
    for number in range(1, 30):
        EditionFactory(number=number, start_date=datetime.date(1990 + number, 5, 1))

    content = client.get("/en/").content.decode()

    assert content.count('class="timeline-item') == 29
    assert "All 29 editions" not in content
