"""`manage.py seed_demo` and the demo app: fictional, consistent, reproducible data."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.utils import timezone
from stdnum.it import iva
from stdnum.ru import inn

from agreements.models import Agreement
from archive.loader import history_load_file
from companies.models import Booking, CompanyVisit, Contact, District, Organisation
from demo.builder import demo_counts, demo_data_present, demo_delete, demo_seed
from demo.records import SCALES, DemoDataError
from sessions.models import AgendaItem, Edition, EditionCoChair, SectoralTable
from sessions.querysets import RegistrationWindow
from tests.factories import (
    BookingFactory,
    CompanyVisitFactory,
    ConfirmedRegistrationFactory,
    EditionFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db

TINY = SCALES["tiny"]
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def seeded():
    return demo_seed(scale=TINY, today=TODAY)


def demo_editions():
    return Edition.objects.filter(slug__startswith="demo-")


def test_seed_demo_command_makes_the_requested_counts_and_reports_them():
    out = StringIO()

    call_command("seed_demo", scale="tiny", stdout=out)

    counts = demo_counts()
    assert counts["editions"] == TINY.editions
    assert counts["organisations"] == TINY.organisations
    assert counts["contacts"] == TINY.contacts
    assert counts["bookings"] == TINY.bookings
    assert counts["agreements"] == TINY.agreements
    assert counts["company visits"] == TINY.visits
    assert counts["districts"] == TINY.districts
    assert 0 < counts["registrations"] <= TINY.bookings
    output = out.getvalue()
    assert "bookings: 150 in " in output  # progress, stage by stage
    assert "elapsed" in output
    assert f"  organisations: {TINY.organisations}\n" in output  # closing summary
    assert "Demo data ready." in output


def test_seed_demo_marks_every_title_and_name(seeded):
    marked = {
        Edition: ["city", "venue", "summary"],
        SectoralTable: ["title", "description"],
        AgendaItem: ["title"],
        CompanyVisit: ["description"],
        Agreement: ["title", "summary"],
        District: ["name", "description"],
        EditionCoChair: ["role"],
    }
    for model, fields in marked.items():
        columns = [f"{field}_{lang}" for field in fields for lang in ("it", "ru", "en")]
        rows = list(model.objects.values_list(*columns))
        assert rows, model
        for row in rows:
            assert all(value.startswith("[DEMO] ") for value in row), (model, row)
    for name in Organisation.objects.values_list("name", flat=True):
        assert name.startswith("[DEMO] ")
    # Italian-sounding and Cyrillic names both.
    assert Organisation.objects.filter(country="IT", name__contains="S.").exists()
    assert Organisation.objects.filter(country="RU", name__contains="«").exists()


def test_seed_demo_slugs_and_addresses_are_demo_ones(seeded):
    for model in (Edition, Organisation, District, Agreement):
        slugs = list(model.objects.values_list("slug", flat=True))
        assert slugs
        assert all(slug.startswith("demo-") for slug in slugs), model
    assert all(
        email.endswith(".example") for email in Contact.objects.values_list("email", flat=True)
    )


def test_seed_demo_tax_identifiers_pass_the_checksum(seeded):
    tax_ids = list(Organisation.objects.exclude(tax_id="").values_list("country", "tax_id"))

    assert {country for country, _tax_id in tax_ids} == {"IT", "RU"}
    for country, tax_id in tax_ids:
        valid = iva.is_valid(tax_id) if country == "IT" else inn.is_valid(tax_id)
        assert valid, (country, tax_id)


def test_seed_demo_accepted_count_matches_the_accepted_bookings(seeded):
    tables = SectoralTable.objects.annotate(
        accepted=Count("bookings", filter=Q(bookings__status="accepted"))
    )

    assert sum(table.accepted for table in tables) > 0
    for table in tables:
        assert table.accepted_count == table.accepted
        assert table.capacity is None or table.accepted_count <= table.capacity
    assert Booking.objects.filter(status="waiting").exists()
    # A booking belongs to the organisation and edition of its registration.
    for booking in Booking.objects.select_related("registration", "table"):
        assert booking.organisation_id == booking.registration.organisation_id
        assert booking.table.edition_id == booking.registration.edition_id


def test_seed_demo_agreements_have_two_to_four_parties_on_both_sides(seeded):
    agreements = Agreement.objects.annotate(
        italian=Count("parties", filter=Q(parties__side="IT")),
        russian=Count("parties", filter=Q(parties__side="RU")),
    )

    for agreement in agreements:
        assert agreement.italian >= 1
        assert agreement.russian >= 1
        assert 2 <= agreement.italian + agreement.russian <= 4


def test_seed_demo_opens_one_registration_window_now():
    demo_seed(scale=TINY)

    now = timezone.now()
    window = RegistrationWindow.open_at(Edition.objects.published().registration_windows(now), now)

    assert window is not None
    assert window.slug.startswith("demo-")
    edition = Edition.objects.get(pk=window.pk)
    assert any(table.places_left != 0 for table in edition.tables.all())


def test_seed_demo_numbers_never_collide_with_the_real_history():
    history_load_file()
    real = set(Edition.objects.exclude(number=None).values_list("number", flat=True))

    call_command("seed_demo", scale="tiny", force=True, stdout=StringIO())

    demo = set(demo_editions().values_list("number", flat=True))
    assert len(demo) == TINY.editions
    assert not real & demo
    assert min(demo) >= 1001


def test_seed_demo_refuses_numbers_beyond_the_field_range():
    EditionFactory(number=32765, slug="staff-edition")

    with pytest.raises(DemoDataError, match="do not fit"):
        demo_seed(scale=TINY, today=TODAY)


def test_seed_demo_refuses_a_database_with_real_history_without_force():
    history_load_file()

    with pytest.raises(CommandError, match="real editions.*--force"):
        call_command("seed_demo", scale="tiny", stdout=StringIO())

    assert not demo_data_present()


def test_seed_demo_refuses_existing_demo_data_unless_replace():
    call_command("seed_demo", scale="tiny", stdout=StringIO())
    first = demo_counts()

    with pytest.raises(CommandError, match="--replace"):
        call_command("seed_demo", scale="tiny", stdout=StringIO())
    call_command("seed_demo", scale="tiny", replace=True, stdout=StringIO())

    assert demo_counts() == first


def test_seed_demo_same_seed_gives_the_same_data():
    def snapshot():
        return (
            list(Organisation.objects.order_by("pk").values_list("name", "tax_id", "city")),
            list(demo_editions().order_by("pk").values_list("slug", "status")),
            list(Booking.objects.order_by("pk").values_list("status", "proposal_kind")),
        )

    demo_seed(scale=TINY, seed=7, today=TODAY)
    first = snapshot()
    demo_delete()
    demo_seed(scale=TINY, seed=7, today=TODAY)
    second = snapshot()
    demo_delete()
    demo_seed(scale=TINY, seed=8, today=TODAY)
    other = snapshot()

    assert first == second
    assert first[0] != other[0]


def test_demo_data_present_follows_the_demo_records():
    assert not demo_data_present()

    demo_seed(scale=TINY, today=TODAY)
    assert demo_data_present()

    demo_delete()
    assert not demo_data_present()


def test_demo_delete_keeps_the_real_history():
    history_load_file()
    real = {model: model.objects.count() for model in (Edition, Organisation, Agreement, District)}
    demo_seed(scale=TINY, today=TODAY)

    deleted = demo_delete()

    assert deleted["bookings"] == TINY.bookings
    assert {model: model.objects.count() for model in real} == real
    assert not any(demo_counts().values())


def test_demo_delete_gives_back_places_and_keeps_real_records_linked_to_demo_ones():
    demo_seed(scale=TINY, today=TODAY)
    demo_organisation = Organisation.objects.filter(slug__startswith="demo-").first()
    real_table = SectoralTableFactory(capacity=2, accepted_count=2)
    registration = ConfirmedRegistrationFactory(
        edition=real_table.edition,
        organisation=demo_organisation,
        contact=demo_organisation.contacts.first(),
    )
    BookingFactory(
        registration=registration,
        organisation=demo_organisation,
        table=real_table,
        status="accepted",
    )
    real_booking = BookingFactory(table=real_table, status="accepted")
    real_visit = CompanyVisitFactory(
        edition=real_table.edition, district=District.objects.filter(slug__startswith="demo-")[0]
    )

    demo_delete()

    real_table.refresh_from_db()
    assert real_table.accepted_count == 1
    assert list(real_table.bookings.all()) == [real_booking]
    real_visit.refresh_from_db()
    assert real_visit.district is None
