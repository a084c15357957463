import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    CompanyVisitFactory,
    ContactFactory,
    EditionCoChairFactory,
    EditionFactory,
    EditionOrganiserFactory,
    EditionSourceFactory,
    OrganisationFactory,
    PlaceholderEditionFactory,
    RegionFactory,
    SectoralTableFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


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


def test_organisation_page_shows_its_public_history_and_never_contacts(client):
    organisation = OrganisationFactory(name="Marchesi Frescobaldi")
    CompanyVisitFactory(host=organisation, edition=EditionFactory(number=27, city_it="Firenze"))
    AgreementPartyFactory(organisation=organisation, agreement__title_it="Accordo pubblico")
    AgreementPartyFactory(
        organisation=organisation,
        agreement__title_it="Accordo riservato",
        agreement__visibility="staff",
    )
    ContactFactory(
        organisation=organisation, first_name="Anna", last_name="Segreta", email="anna@example.org"
    )

    content = client.get(organisation.get_absolute_url()).content.decode()

    assert "Marchesi Frescobaldi" in content
    assert "XXVII edizione – Firenze" in content
    assert "Accordo pubblico" in content
    assert "Accordo riservato" not in content
    assert "Segreta" not in content
    assert "anna@example.org" not in content


def test_organisation_page_exists_only_with_public_activity(client):
    quiet = OrganisationFactory()
    staff_only = OrganisationFactory()
    AgreementPartyFactory(organisation=staff_only, agreement__visibility="staff")
    hidden_host = OrganisationFactory()
    CompanyVisitFactory(host=hidden_host, edition=EditionFactory(is_published=False))
    organiser = OrganisationFactory()
    EditionOrganiserFactory(organisation=organiser)

    assert client.get(quiet.get_absolute_url()).status_code == 404
    assert client.get(staff_only.get_absolute_url()).status_code == 404
    assert client.get(hidden_host.get_absolute_url()).status_code == 404
    assert client.get(organiser.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_page_query_count_is_flat(client, django_assert_num_queries, count):
    organisation = OrganisationFactory()
    for _ in range(count):
        CompanyVisitFactory(host=organisation)
        AgreementPartyFactory(organisation=organisation, agreement=AgreementFactory())
        EditionOrganiserFactory(organisation=organisation)

    client.get(organisation.get_absolute_url())  # warm the registration-window cache

    with django_assert_num_queries(5):
        response = client.get(organisation.get_absolute_url())

    assert response.content.decode().count("<li><a href=") >= 3 * count
