import copy

import pytest
from django.utils import translation

from agreements.models import Agreement
from archive.loader import history_load
from companies.models import CompanyVisit, Organisation
from sessions.models import Edition, Region, SectoralTable

pytestmark = pytest.mark.django_db


def T(it, ru="", en=""):  # noqa: N802 - reads like the fixture's translated objects
    return {"it": it, "ru": ru, "en": en}


DATA = {
    "sectors": [
        {"slug": "mechanics", "order": 10, "name": T("Meccanica", "Машиностроение", "Mechanics")}
    ],
    "regions": [{"code": "IT-52", "name": T("Toscana", "Тоскана", "Tuscany")}],
    "organisations": [
        {
            "slug": "malo",
            "name": "Malo",
            "kind": "sme",
            "size": None,
            "country": "IT",
            "region": None,
            "city": "",
            "website": "",
            "sectors": ["mechanics"],
            "description": T(""),
        }
    ],
    "districts": [],
    "editions": [
        {
            "slug": "xxvii-firenze-2018",
            "number": 27,
            "status": "held",
            "start_date": "2018-11-29",
            "end_date": "2018-11-30",
            "date_precision": "day",
            "date_inferred": False,
            "date_text": "29 e 30 novembre",
            "country": "IT",
            "region": "IT-52",
            "city": T("Firenze", "Флоренция", "Florence"),
            "venue": T("Fortezza da Basso"),
            "summary": T("Sintesi", "Резюме", "Summary"),
            "notes": T(""),
            "evidence": "public",
            "sectors": ["mechanics"],
            "co_chairs": [{"side": "IT", "name": "", "role": T("Direttore generale"), "order": 1}],
            "organisers": [],
            "sources": [
                {
                    "url": "https://example.org/a",
                    "publisher": "Toscana Notizie",
                    "published": "2018-11-28",
                    "supports": "dates",
                }
            ],
            "tables": [
                {
                    "sector": "mechanics",
                    "title": T("Meccanica", "Машиностроение", "Mechanics"),
                    "description": T(""),
                    "capacity": None,
                    "place": T(""),
                }
            ],
            "agenda": [
                {"kind": "plenary", "title": T("Plenaria"), "date": "2018-11-29", "place": T("")}
            ],
            "visits": [
                {
                    "host": "malo",
                    "district": None,
                    "sector": "mechanics",
                    "date": "2018-11-30",
                    "place": T(""),
                    "description": T("Maglieria"),
                }
            ],
        },
        {
            "slug": "edizione-i",
            "number": 1,
            "status": "unknown",
            "start_date": None,
            "end_date": None,
            "date_precision": "unknown",
            "date_text": "",
            "country": None,
            "region": None,
            "city": T(""),
            "venue": T(""),
            "summary": T("Nessuna fonte."),
            "notes": T(""),
            "evidence": "unknown",
        },
    ],
    "agreements": [
        {
            "slug": "protocollo-xxvii",
            "edition": "xxvii-firenze-2018",
            "kind": "session_protocol",
            "title": T("Protocollo", "Протокол", "Protocol"),
            "summary": T(""),
            "date_signed": None,
            "date_precision": "unknown",
            "date_text": "",
            "place": T("Firenze"),
            "status": "signed",
            "evidence": "public",
            "visibility": "public",
            "sectors": [],
            "parties": [
                {
                    "organisation": "malo",
                    "side": "IT",
                    "signatory_name": "",
                    "signatory_title": T(""),
                }
            ],
            "sources": [],
        }
    ],
}


def test_history_load_seeds_all_iso_regions():
    history_load(data=DATA)

    assert Region.objects.italian().count() == 20
    assert Region.objects.russian().count() == 83


def test_history_load_uses_curated_names_and_falls_back_to_iso():
    history_load(data=DATA)

    tuscany = Region.objects.get(code="IT-52")
    assert (tuscany.name_it, tuscany.name_ru, tuscany.name_en) == ("Toscana", "Тоскана", "Tuscany")
    moscow = Region.objects.get(code="RU-MOW")
    assert moscow.name_ru == "Москва"
    assert moscow.kind == Region.Kind.FEDERAL_CITY


def test_history_load_creates_the_edition_with_its_programme():
    history_load(data=DATA)

    edition = Edition.objects.get(slug="xxvii-firenze-2018")
    assert edition.roman == "XXVII"
    assert edition.region.code == "IT-52"
    with translation.override("ru"):
        assert Edition.objects.get(pk=edition.pk).city == "Флоренция"
    assert SectoralTable.objects.get(edition=edition).title_en == "Mechanics"
    assert CompanyVisit.objects.get(edition=edition).host.name == "Malo"
    assert edition.sources.get().url == "https://example.org/a"
    assert edition.co_chairs.get().role_it == "Direttore generale"
    assert Agreement.objects.get().parties.get().organisation.slug == "malo"


def test_history_load_twice_changes_nothing():
    history_load(data=DATA)
    stamps = dict(Edition.objects.values_list("slug", "updated_at"))

    report = history_load(data=DATA)

    assert not report.changed
    assert dict(Edition.objects.values_list("slug", "updated_at")) == stamps
    assert Organisation.objects.count() == 1


def test_history_load_applies_corrections_in_place():
    history_load(data=DATA)
    corrected = copy.deepcopy(DATA)
    corrected["editions"][0]["venue"] = T(
        "Fortezza da Basso", "Фортецца-да-Бассо", "Fortezza da Basso"
    )

    report = history_load(data=corrected)

    assert report.changed
    assert Edition.objects.get(slug="xxvii-firenze-2018").venue_ru == "Фортецца-да-Бассо"
    assert Edition.objects.filter(number=27).count() == 1


def test_history_load_keeps_records_added_by_staff():
    history_load(data=DATA)
    Edition.objects.create(
        slug="added-by-staff",
        number=40,
        status="planned",
        start_date="2031-01-01",
        date_precision="year",
        city_it="Kazan",
    )

    history_load(data=DATA)

    assert Edition.objects.filter(slug="added-by-staff").exists()


def test_history_load_is_atomic_on_a_bad_record():
    broken = copy.deepcopy(DATA)
    broken["editions"][1]["region"] = "IT-52"  # a placeholder may not carry a place

    with pytest.raises(Exception):  # noqa: B017 - any validation error will do
        history_load(data=broken)

    assert not Edition.objects.exists()
    assert not Region.objects.exists()
