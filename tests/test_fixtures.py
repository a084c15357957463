"""The real history in fixtures/history.json: it loads, and it never claims more than it knows."""

import json

import pytest
from django.db.models import Q

from agreements.models import Agreement
from archive.loader import HISTORY_FILE, history_load, history_load_file
from sessions.models import Edition, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    history_load_file()


def test_fixture_is_valid_json_with_every_section():
    data = json.loads(HISTORY_FILE.read_text(encoding="utf-8"))

    assert set(data) >= {
        "sectors",
        "regions",
        "organisations",
        "districts",
        "editions",
        "agreements",
    }


def test_fixture_loads_every_edition_from_i_to_xxviii(history):
    numbers = sorted(Edition.objects.exclude(number=None).values_list("number", flat=True))

    assert numbers == [*range(1, 28), 28, 28]


def test_fixture_public_editions_have_a_source_url(history):
    public = Edition.objects.filter(evidence="public")

    assert public.exists()
    for edition in public:
        urls = [s.url for s in edition.sources.all() if s.url]
        assert urls, f"{edition.slug} is marked public but has no source URL"


def test_fixture_placeholders_carry_no_date_or_place(history):
    placeholders = Edition.objects.filter(status="unknown")

    assert sorted(placeholders.values_list("number", flat=True)) == [1, 2, 3, 7, 9, 11, 20, 24]
    assert not placeholders.filter(
        Q(start_date__isnull=False)
        | Q(region__isnull=False)
        | ~Q(country="")
        | ~Q(city_it="")
        | ~Q(venue_it="")
        | ~Q(date_text="")
    ).exists()
    assert not placeholders.filter(sources__isnull=False).exists()


def test_fixture_florence_edition_has_its_tables_and_visits(history):
    florence = Edition.objects.get(number=27)

    assert (florence.start_date.isoformat(), florence.end_date.isoformat()) == (
        "2018-11-29",
        "2018-11-30",
    )
    assert florence.region.code == "IT-52"
    assert florence.venue_it == "Fortezza da Basso"
    assert florence.tables.count() == 4
    hosts = {visit.host.name for visit in florence.visits.select_related("host")}
    assert any("Nuovo Pignone" in host for host in hosts)
    assert any("Frescobaldi" in host for host in hosts)
    assert any("Corti" in host for host in hosts)
    assert any("Malo" in host for host in hosts)


def test_fixture_records_the_postponed_and_the_online_twenty_eighth(history):
    postponed = Edition.objects.get(number=28, status="postponed")
    online = Edition.objects.get(number=28, status="held_online")

    assert postponed.region.code == "RU-KGD"
    assert online.start_date is None  # the year is not known
    assert "28" in online.date_text


def test_fixture_keeps_conflicts_in_the_notes(history):
    lipetsk = Edition.objects.get(number=13)
    trieste = Edition.objects.get(number=10)

    assert lipetsk.date_precision == "month"
    assert lipetsk.notes_it
    assert trieste.date_inferred
    assert "novembre 2006" in trieste.notes_it


def test_fixture_every_edition_and_region_named_in_three_languages(history):
    for edition in Edition.objects.exclude(status="unknown"):
        if edition.city_it:
            assert edition.city_ru and edition.city_en, edition.slug
    for region in Region.objects.filter(editions__isnull=False).distinct():
        assert region.name_it and region.name_ru and region.name_en, region.code
        assert region.name_ru != region.name_en, f"{region.code} has no Russian name"


def test_fixture_known_documents(history):
    kinds = dict.fromkeys(Agreement.Kind.values, 0)
    for kind in Agreement.objects.values_list("kind", flat=True):
        kinds[kind] += 1

    assert kinds["session_protocol"] >= 4
    assert kinds["work_programme"] == 3
    assert Agreement.objects.filter(evidence="source_doc", kind="memorandum").exists()
    bari = Agreement.objects.get(date_signed="2010-11-19")
    assert {party.side for party in bari.parties.all()} == {"IT", "RU"}


def test_fixture_reload_is_idempotent(history):
    data = json.loads(HISTORY_FILE.read_text(encoding="utf-8"))

    report = history_load(data=data)

    assert not report.changed
    assert Edition.objects.count() == len(data["editions"])
