"""Registrations in the back office go through the same rules as the public form: staff
record one taken by phone and add its bookings (capacity, waiting list, e-mails), cancel
one with an action; no form field changes a status.

Found by an attack: a registration set to "cancelled" in its form kept its bookings accepted
and its places taken, nobody was told, the waiting list did not move, and the organisation's
next public registration answered 500.
"""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from companies.models import Booking, Registration
from companies.roles import DESK
from sessions.models import SectoralTable
from tests.factories import (
    BookingFactory,
    ConfirmedRegistrationFactory,
    ContactFactory,
    OpenEditionFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, django_user_model):
    user = django_user_model.objects.create_user("desk", password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=DESK))
    client.force_login(user)
    return client


def add_url():
    return reverse("admin:companies_registration_add")


def change_url(registration):
    return reverse("admin:companies_registration_change", args=[registration.pk])


def management(total=0, initial=0):
    return {
        "bookings-TOTAL_FORMS": str(total),
        "bookings-INITIAL_FORMS": str(initial),
        "bookings-MIN_NUM_FORMS": "0",
        "bookings-MAX_NUM_FORMS": "1000",
    }


def test_the_desk_records_a_registration_taken_by_phone_and_adds_its_bookings(
    desk, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    mechanics = SectoralTableFactory(edition=edition, capacity=1)
    textiles = SectoralTableFactory(edition=edition, capacity=1)
    BookingFactory(table=textiles, registration__edition=edition, status="accepted")
    SectoralTable.objects.filter(pk=textiles.pk).update(accepted_count=1)
    contact = ContactFactory(
        email="ivan@example.ru", organisation__country="RU", organisation__tax_id=""
    )

    with django_capture_on_commit_callbacks(execute=True):
        added = desk.post(
            add_url(),
            {
                "edition": edition.pk,
                "organisation": contact.organisation_id,
                "contact": contact.pk,
                "language": "ru",
                "public_listing_consent": "on",
            },
        )
    registration = Registration.objects.get(organisation=contact.organisation)

    assert added.status_code == 302
    assert added["Location"] == change_url(registration)  # the bookings are added there
    assert registration.status == "confirmed" and registration.contact == contact
    assert registration.privacy_version == "staff"
    assert mail.outbox[-1].to == ["ivan@example.ru"]
    assert "/ru/registration/manage/" in mail.outbox[-1].body

    page = desk.get(change_url(registration)).content.decode()
    assert 'name="bookings-__prefix__-table"' in page  # a row to add a booking
    with django_capture_on_commit_callbacks(execute=True):
        saved = desk.post(
            change_url(registration),
            {
                "language": "ru",
                "public_listing_consent": "on",
                **management(total=2),
                "bookings-0-table": mechanics.pk,
                "bookings-0-proposal_kind": "joint_venture",
                "bookings-0-description": "Совместное предприятие",
                "bookings-1-table": textiles.pk,
                "bookings-1-proposal_kind": "supply",
                "bookings-1-description": "Поставки",
            },
        )

    assert saved.status_code == 302
    statuses = dict(registration.bookings.values_list("table_id", "status"))
    assert statuses == {mechanics.pk: "accepted", textiles.pk: "waiting"}
    assert SectoralTable.objects.get(pk=mechanics.pk).accepted_count == 1
    assert SectoralTable.objects.get(pk=textiles.pk).accepted_count == 1  # never oversold
    assert {m.to[0] for m in mail.outbox[-2:]} == {"ivan@example.ru"}


def test_a_booking_added_twice_at_the_same_table_is_refused_next_to_the_field(desk):
    registration = ConfirmedRegistrationFactory()
    table = SectoralTableFactory(edition=registration.edition)
    BookingFactory(registration=registration, table=table)

    response = desk.post(
        change_url(registration),
        {
            "language": "it",
            **management(total=2, initial=1),
            "bookings-0-id": registration.bookings.get().pk,
            "bookings-0-registration": registration.pk,
            "bookings-1-table": table.pk,
            "bookings-1-proposal_kind": "other",
            "bookings-1-description": "Di nuovo",
        },
    )

    assert response.status_code == 200
    assert (
        "Questa organizzazione ha già una prenotazione per questo tavolo."
        in response.content.decode()
    )
    assert registration.bookings.count() == 1


def test_a_table_of_another_edition_cannot_be_chosen(desk):
    registration = ConfirmedRegistrationFactory()
    elsewhere = SectoralTableFactory()

    response = desk.post(
        change_url(registration),
        {
            "language": "it",
            **management(total=1),
            "bookings-0-table": elsewhere.pk,
            "bookings-0-proposal_kind": "other",
            "bookings-0-description": "Altrove",
        },
    )

    assert response.status_code == 200
    assert registration.bookings.count() == 0


@pytest.mark.parametrize(
    ("problem", "field"),
    [("registered", "organisation"), ("other contact", "contact"), ("no contact", "contact")],
)
def test_a_phone_registration_is_refused_with_a_message_next_to_the_field(desk, problem, field):
    existing = ConfirmedRegistrationFactory()
    contact = existing.contact if problem == "registered" else ContactFactory()
    data = {
        "edition": existing.edition_id,
        "organisation": existing.organisation_id
        if problem == "registered"
        else contact.organisation_id,
        "contact": ""
        if problem == "no contact"
        else (ContactFactory().pk if problem == "other contact" else contact.pk),
        "language": "it",
    }

    response = desk.post(add_url(), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    assert Registration.objects.count() == 1


def test_no_registration_form_field_changes_the_status(desk):
    booking = BookingFactory(status="accepted")
    registration = booking.registration
    SectoralTable.objects.filter(pk=booking.table_id).update(accepted_count=1)

    page = desk.get(change_url(registration)).content.decode()
    desk.post(
        change_url(registration),
        {
            "status": "cancelled",
            "language": "en",
            **management(total=1, initial=1),
            "bookings-0-id": booking.pk,
            "bookings-0-registration": registration.pk,
            "bookings-0-status": "cancelled",
        },
    )

    assert 'name="status"' not in page
    registration.refresh_from_db()
    booking.refresh_from_db()
    assert registration.status == "confirmed"
    assert registration.language == "en"  # the editable fields were saved
    assert booking.status == "accepted"


def test_cancelling_a_registration_in_the_back_office_frees_its_places_and_tells_everyone(
    desk, django_capture_on_commit_callbacks
):
    table = SectoralTableFactory(capacity=1, edition=OpenEditionFactory())
    booking = BookingFactory(table=table, registration__edition=table.edition, status="accepted")
    SectoralTable.objects.filter(pk=table.pk).update(accepted_count=1)
    waiting = BookingFactory(
        table=table,
        registration__edition=table.edition,
        status="waiting",
        queued_at="2030-01-01T10:00Z",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(
            reverse("admin:companies_registration_changelist"),
            {"action": "cancel", "_selected_action": [booking.registration_id]},
            follow=True,
        )

    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.registration.status == "cancelled" and booking.status == "cancelled"
    assert waiting.status == "accepted"
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1
    assert "1 registrazione annullata" in response.content.decode()
    recipients = {message.to[0] for message in mail.outbox}
    assert recipients == {booking.registration.contact.email, waiting.registration.contact.email}
    # The organisation can register again (no constraint left behind).
    assert not Booking.objects.filter(
        organisation=booking.organisation, table=table, status__in=Booking.ACTIVE
    ).exists()


@pytest.mark.parametrize("status", ["pending", "cancelled"])
def test_a_registration_with_bookings_that_took_no_place_can_still_be_edited(desk, status):
    booking = BookingFactory(registration__status=status, status="cancelled")
    registration = booking.registration

    response = desk.post(
        change_url(registration),
        {
            "language": "ru",
            **management(total=1, initial=1),
            "bookings-0-id": booking.pk,
            "bookings-0-registration": registration.pk,
        },
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.language == "ru"
    assert (
        'name="bookings-__prefix__-table"'
        not in desk.get(change_url(registration)).content.decode()
    )
