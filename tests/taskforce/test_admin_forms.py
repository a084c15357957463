"""Staff work in the admin: creating editions and agreements, and bad input refused clearly."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from companies.models import Organisation
from sessions.models import Edition, Region
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def field_error(content: str, field: str) -> str:
    """The error list Django renders next to one field ("" when there is none)."""
    marker = f'<ul class="errorlist" id="id_{field}_error">'
    if marker not in content:
        return ""
    start = content.index(marker)
    return content[start : content.index("</ul>", start)]


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


EDITION_INLINES = ("co_chairs", "organiser_links", "tables", "agenda_items", "visits", "sources")


def edition_post(**overrides):
    data = {
        "number": "40",
        "slug": "xl-kazan-2031",
        "status": "planned",
        "is_published": "on",
        "start_date": "2031-05-20",
        "end_date": "2031-05-21",
        "date_precision": "day",
        "date_text": "",
        "country": "RU",
        "region": "",
        "city_it": "Kazan",
        "city_ru": "Казань",
        "city_en": "Kazan",
        "evidence": "public",
        "booking_mode": "automatic",
    }
    for prefix in EDITION_INLINES:
        data.update(inline_management(prefix))
    data.update(overrides)
    return data


def test_staff_creates_an_edition_with_tables_and_visits(staff_client):
    region = RegionFactory(code="RU-TA")
    sector = SectorFactory()
    host = OrganisationFactory(country="RU", region=region, tax_id="7707083893")
    data = edition_post(region=str(region.pk))
    data.update(inline_management("tables", total=1))
    data.update(
        {
            "tables-0-sector": str(sector.pk),
            "tables-0-title_it": "Meccanica",
            "tables-0-title_ru": "Машиностроение",
            "tables-0-title_en": "Mechanics",
            "tables-0-capacity": "30",
        }
    )
    data.update(inline_management("visits", total=1))
    data.update(
        {
            "visits-0-host": str(host.pk),
            "visits-0-sector": str(sector.pk),
            "visits-0-date": "2031-05-21",
        }
    )
    data.update(inline_management("co_chairs", total=1))
    data.update(
        {
            "co_chairs-0-side": "RU",
            "co_chairs-0-name": "",
            "co_chairs-0-role_it": "Direttore",
            "co_chairs-0-order": "1",
        }
    )

    response = staff_client.post(reverse("admin:tf_sessions_edition_add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    edition = Edition.objects.get(slug="xl-kazan-2031")
    assert edition.roman == "XL"
    assert edition.tables.get().title_ru == "Машиностроение"
    assert edition.visits.get().host == host
    assert edition.co_chairs.get().role_it == "Direttore"


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("it", "La data di fine non può essere anteriore alla data di inizio."),
        ("en", "The end date cannot be before the start date."),
    ],
)
def test_edition_end_before_start_is_refused_in_the_users_language(
    staff_client, settings, language, message
):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = staff_client.post(
        reverse("admin:tf_sessions_edition_add"), edition_post(end_date="2031-05-19")
    )

    assert response.status_code == 200
    assert message in field_error(response.content.decode(), "end_date")
    assert not Edition.objects.filter(slug="xl-kazan-2031").exists()


def test_edition_with_bad_inline_saves_nothing(staff_client):
    data = edition_post()
    data.update(inline_management("tables", total=1))
    data.update({"tables-0-title_it": "Senza settore"})

    response = staff_client.post(reverse("admin:tf_sessions_edition_add"), data)

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Edition.objects.exists()


def organisation_post(**overrides):
    data = {
        "name": "Officine Esempio S.p.A.",
        "slug": "officine-esempio",
        "kind": "sme",
        "size": "small",
        "country": "IT",
        "tax_id": "00743110157",
    }
    data.update(inline_management("contacts"))
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("language", "country", "tax_id", "message"),
    [
        ("it", "IT", "12345678901", "non è una partita IVA italiana valida"),
        ("en", "IT", "12345678901", "is not a valid Italian VAT number"),
        ("ru", "RU", "1234567890", "ИНН"),
    ],
)
def test_invalid_tax_identifier_is_refused_next_to_the_field(
    staff_client, settings, language, country, tax_id, message
):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = staff_client.post(
        reverse("admin:companies_organisation_add"),
        organisation_post(country=country, tax_id=tax_id),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert message in field_error(content, "tax_id")
    assert f'value="{tax_id}"' in content  # what was typed is kept
    assert not Organisation.objects.exists()


def test_valid_tax_identifier_is_stored_compact(staff_client):
    response = staff_client.post(
        reverse("admin:companies_organisation_add"), organisation_post(tax_id="IT 007 431 101 57")
    )

    assert response.status_code == 302
    assert Organisation.objects.get().tax_id == "00743110157"


def test_duplicate_tax_identifier_in_the_same_country_is_refused(staff_client):
    OrganisationFactory(country="IT", tax_id="00743110157")

    response = staff_client.post(reverse("admin:companies_organisation_add"), organisation_post())

    assert response.status_code == 200
    assert "esiste già" in field_error(response.content.decode(), "tax_id")
    assert Organisation.objects.count() == 1


def test_duplicate_region_code_is_refused_naming_the_field(staff_client, settings):
    RegionFactory(code="IT-52")
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = staff_client.post(
        reverse("admin:tf_sessions_region_add"),
        {"code": "IT-52", "country": "IT", "kind": "region", "name_it": "Toscana"},
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "A region with this ISO 3166-2 code already exists." in field_error(content, "code")
    assert Region.objects.filter(code="IT-52").count() == 1


def test_staff_creates_an_agreement_with_parties(staff_client):
    edition = EditionFactory()
    italian = OrganisationFactory()
    russian = OrganisationFactory(
        country="RU", region=RegionFactory(code="RU-KLU"), tax_id="7707083893"
    )
    data = {
        "kind": "cooperation_agreement",
        "title_it": "Accordo di cooperazione",
        "title_ru": "Соглашение о сотрудничестве",
        "slug": "accordo-di-cooperazione",
        "edition": str(edition.pk),
        "date_signed": "2031-05-21",
        "date_precision": "day",
        "status": "signed",
        "visibility": "public",
        "evidence": "public",
    }
    data.update(inline_management("parties", total=2))
    for prefix in ("sources", "documents", "relations", "outcomes", "transitions"):
        data.update(inline_management(prefix))
    data.update(
        {
            "parties-0-organisation": str(italian.pk),
            "parties-0-side": "IT",
            "parties-0-signatory_name": "Mario Rossi",
            "parties-0-order": "1",
            "parties-1-organisation": str(russian.pk),
            "parties-1-side": "RU",
            "parties-1-signatory_name": "Иван Петров",
            "parties-1-order": "2",
        }
    )

    response = staff_client.post(reverse("admin:agreements_agreement_add"), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(slug="accordo-di-cooperazione")
    assert [(p.side, p.signatory_name) for p in agreement.parties.all()] == [
        ("IT", "Mario Rossi"),
        ("RU", "Иван Петров"),
    ]
