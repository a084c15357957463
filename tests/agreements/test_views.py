import datetime

import pytest
from django.urls import reverse

from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AgreementSourceFactory,
    OrganisationFactory,
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def test_agreement_list_shows_public_agreements_only(client):
    AgreementFactory(title_it="Memorandum pubblico")
    AgreementFactory(title_it="Accordo riservato", visibility="staff")

    content = client.get(reverse("agreements:agreement_list")).content.decode()

    assert "Memorandum pubblico" in content
    assert "Accordo riservato" not in content


def test_agreement_list_filters(client):
    energy = SectorFactory()
    russian = OrganisationFactory(country="RU", region=RegionFactory(code="RU-KLU"), tax_id="")
    protocol = AgreementFactory(kind="session_protocol", date_signed=datetime.date(2007, 10, 26))
    memorandum = AgreementFactory(kind="memorandum", date_signed=datetime.date(2010, 11, 19))
    memorandum.sectors.add(energy)
    AgreementPartyFactory(agreement=memorandum, organisation=russian, side="RU")
    AgreementPartyFactory(agreement=memorandum, side="IT")
    url = reverse("agreements:agreement_list")

    assert list(client.get(url, {"kind": "session_protocol"}).context["agreements"]) == [protocol]
    assert list(client.get(url, {"year": "2010"}).context["agreements"]) == [memorandum]
    assert list(client.get(url, {"sector": energy.pk}).context["agreements"]) == [memorandum]
    assert list(client.get(url, {"party_country": "RU"}).context["agreements"]) == [memorandum]
    assert list(client.get(url, {"party_country": "IT"}).context["agreements"]) == [memorandum]


def test_agreement_list_bad_year_is_explained(client):
    response = client.get("/en/agreements/", {"year": "MMX"})

    content = response.content.decode()
    assert 'id="id_year_error"' in content
    assert "Enter a whole number." in content


@pytest.mark.parametrize("count", [1, 3])
def test_agreement_list_query_count_is_flat(client, django_assert_num_queries, count):
    for _ in range(count):
        agreement = AgreementFactory()
        AgreementPartyFactory.create_batch(2, agreement=agreement)
        agreement.sectors.add(SectorFactory())

    client.get(reverse("agreements:agreement_list"))  # warm the caches of data

    # The count, the page (with its editions) and its parties; the sector choices are read
    # once per change of content.
    with django_assert_num_queries(3):
        response = client.get(reverse("agreements:agreement_list"))

    assert response.content.decode().count('class="h5 mb-1"') == count


def test_agreement_detail_groups_parties_by_side_with_signatories(client):
    agreement = AgreementFactory(title_it="Protocollo d'intesa")
    AgreementPartyFactory(
        agreement=agreement,
        side="RU",
        organisation__name="Rappresentanza commerciale",
        signatory_name="Nathela Shengelia",
    )
    AgreementPartyFactory(
        agreement=agreement,
        side="IT",
        organisation__name="Camera di Commercio di Bari",
        signatory_name="Antonio Laforgia",
    )
    AgreementSourceFactory(agreement=agreement, publisher="infoiva.com")

    content = client.get(agreement.get_absolute_url()).content.decode()

    italy = content.index("Parte italiana")
    russia = content.index("Parte russa")
    assert italy < content.index("Antonio Laforgia") < russia < content.index("Nathela Shengelia")
    assert "infoiva.com" in content
    assert f'href="{agreement.edition.get_absolute_url()}"' in content


def test_agreement_detail_of_a_staff_only_agreement_is_not_found(client):
    agreement = AgreementFactory(visibility="staff")

    assert client.get(agreement.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_agreement_detail_query_count_is_flat(client, django_assert_num_queries, count):
    agreement = AgreementFactory()
    for _ in range(count):
        AgreementPartyFactory(agreement=agreement)
        AgreementSourceFactory(agreement=agreement)
        agreement.sectors.add(SectorFactory())

    client.get(agreement.get_absolute_url())  # warm the registration-window cache

    with django_assert_num_queries(9):
        response = client.get(agreement.get_absolute_url())

    assert response.content.decode().count("Firmato da") == count


def test_public_document_downloads_with_a_safe_name(client):
    from tests.factories import AgreementDocumentFactory

    document = AgreementDocumentFactory(agreement__title_it="Protocollo d'intesa «Bari»")

    response = client.get(document.get_absolute_url())

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="protocollo-dintesa-bari-{document.language}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"


def test_agreement_detail_shows_public_documents_and_outcomes_only(client):
    from tests.factories import AgreementDocumentFactory, OutcomeFactory

    agreement = AgreementFactory()
    AgreementDocumentFactory(agreement=agreement, language="it")
    AgreementDocumentFactory(agreement=agreement, language="ru", is_public=False)
    OutcomeFactory(agreement=agreement, description_it="Stabilimento annunciato")
    OutcomeFactory(agreement=agreement, description_it="Cifra riservata", is_public=False)

    content = client.get(agreement.get_absolute_url()).content.decode()

    assert f'href="/it/agreements/{agreement.slug}/documents/it.pdf"' in content
    assert "documents/ru.pdf" not in content
    assert "Stabilimento annunciato" in content
    assert "Cifra riservata" not in content
    assert client.get(f"/it/agreements/{agreement.slug}/documents/ru.pdf").status_code == 404
