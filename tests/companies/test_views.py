import pytest

from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    CompanyVisitFactory,
    ContactFactory,
    EditionFactory,
    EditionOrganiserFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


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
