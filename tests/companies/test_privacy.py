"""GDPR: export a contact's data, erase the person but keep the organisation's history."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from companies.models import Booking, Contact, Notification, Organisation, Registration
from companies.privacy import contact_erase, contact_export
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

PERSONAL = ("Ludmila", "Petrova", "l.petrova@example.ru", "+7 495 000 00 00", "Direttrice export")


@pytest.fixture
def booking():
    booking = BookingFactory(
        registration__contact__first_name=PERSONAL[0],
        registration__contact__last_name=PERSONAL[1],
        registration__contact__email=PERSONAL[2],
        registration__contact__phone=PERSONAL[3],
        registration__contact__role=PERSONAL[4],
    )
    contact = booking.registration.contact
    contact.phone = "+7 495 111 11 11"  # a change, so that the history holds two versions
    contact.save()
    Notification.objects.create(
        registration=booking.registration,
        to=contact.email,
        language="ru",
        subject="Подтвердите регистрацию",
        body_text=f"Здравствуйте, {PERSONAL[0]}!",
    )
    return booking


def test_export_holds_everything_about_the_person(booking):
    data = contact_export(contact=booking.registration.contact)

    text = json.dumps(data, ensure_ascii=False)
    assert data["contact"]["email"] == PERSONAL[2]
    assert data["registrations"][0]["bookings"][0]["description"] == booking.description
    assert data["registrations"][0]["privacy_version"] == "1"
    assert data["emails"][0]["subject"] == "Подтвердите регистрацию"
    assert len(data["history"]) == 2
    assert PERSONAL[3] in text  # the old phone number, from the history


def test_erase_leaves_no_personal_field_anywhere_and_keeps_the_history(booking):
    contact = booking.registration.contact

    contact_erase(contact=contact)

    everything = json.dumps(
        [
            list(Contact.objects.values()),
            list(Contact.history.values()),
            list(Notification.objects.values("to", "subject", "body_text", "body_html")),
        ],
        default=str,
        ensure_ascii=False,
    )
    for value in PERSONAL + ("+7 495 111 11 11",):
        assert value not in everything
    assert Registration.objects.count() == 1
    assert Booking.objects.get(pk=booking.pk).status == booking.status
    assert Organisation.objects.get(pk=booking.organisation_id).name == booking.organisation.name


def test_staff_export_and_erase_actions(staff_client, booking):
    contact = booking.registration.contact
    url = reverse("admin:companies_contact_changelist")

    exported = staff_client.post(
        url, {"action": "export_personal_data", "_selected_action": [contact.pk]}
    )
    confirm = staff_client.post(
        url, {"action": "erase_personal_data", "_selected_action": [contact.pk]}
    )
    staff_client.post(
        url,
        {"action": "erase_personal_data", "_selected_action": [contact.pk], "confirm": "yes"},
    )

    assert json.loads(exported.content)[0]["contact"]["last_name"] == PERSONAL[1]
    assert 'name="confirm" value="yes"' in confirm.content.decode()
    assert Contact.objects.get(pk=contact.pk).email.endswith("@invalid")


def test_retention_command_anonymises_only_old_contacts(booking, settings):
    settings.CONTACT_RETENTION_MONTHS = 24
    Registration.objects.filter(pk=booking.registration_id).update(
        created_at=timezone.now() - datetime.timedelta(days=800)
    )
    recent = BookingFactory().registration.contact

    call_command("anonymise_old_contacts")

    assert Contact.objects.get(pk=booking.registration.contact_id).email.endswith("@invalid")
    assert not Contact.objects.get(pk=recent.pk).email.endswith("@invalid")


# Erasure, checked across the whole database ------------------------------------------------

WORDS = (
    "Zebedea",
    "Quaglierini",
    "zebedea.q@example.org",
    "+39 333 7654321",
    "Responsabile acquisti",
)


def text_columns():
    """Every column of every table that can hold text."""
    from django.apps import apps
    from django.db import models

    kinds = (models.CharField, models.TextField, models.JSONField)
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if isinstance(field, kinds):
                yield model, field.name


def occurrences(value: str) -> list[str]:
    return [
        f"{model._meta.label}.{name}"
        for model, name in text_columns()
        if model._default_manager.filter(**{f"{name}__icontains": value}).exists()
    ]


def test_erasure_leaves_the_person_in_no_column_of_any_table(
    client, staff_client, django_capture_on_commit_callbacks
):
    """The person registers through the form, writes their name and phone into the
    proposal, confirms, gets e-mails, fails a login with their address, and staff edit
    their contact; then staff erase them."""
    from tests.companies.test_registration_views import register_url, submission
    from tests.factories import OpenEditionFactory, SectoralTableFactory

    first, last, email, phone, role = WORDS
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    data = submission(
        [table], first_name=first, last_name=last, email=email, phone=phone, role=role
    )
    data[f"description_{table.pk}"] = f"Chiedete di {first} {last}, {phone}."
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(edition), data)
    registration = Registration.objects.get()
    link = mail_link(registration)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link)
    contact = Contact.objects.get(email=email)
    change = reverse("admin:companies_contact_change", args=[contact.pk])
    staff_client.post(
        change,
        {
            "organisation": contact.organisation_id,
            "first_name": first,
            "last_name": last,
            "role": role,
            "email": email,
            "phone": phone,
            "preferred_language": "it",
        },
    )
    client.post(reverse("admin:login"), {"username": email, "password": "wrong-password"})
    assert occurrences(last)  # the person is in the database, in many places

    staff_client.post(
        reverse("admin:companies_contact_changelist"),
        {"action": "erase_personal_data", "_selected_action": [contact.pk], "confirm": "yes"},
    )

    leftovers = {word: occurrences(word) for word in WORDS}
    assert leftovers == {word: [] for word in WORDS}
    booking = Booking.objects.get()
    assert (booking.table, booking.status) == (table, "accepted")  # the facts stay
    assert Registration.objects.get().status == "confirmed"


def mail_link(registration) -> str:
    import re

    from django.core import mail

    body = next(m.body for m in mail.outbox if registration.email in m.to)
    return re.search(r"/(?:it|ru|en)/registration/confirm/[^/\s]+/", body).group(0)
