"""GDPR tools for contact persons: export all their data, and erase (anonymise) them.

Erasure keeps what the Task Force's history needs (the organisation, its registrations and
bookings, agreements) and removes the person: the contact's fields, the same fields in the
contact's history records, the e-mails sent to them, and any login-attempt logs under their
address.
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .models import Booking, Contact, Notification, Registration

ERASED_NAME = "—"


def erased_email(contact_id: int) -> str:
    return f"erased-{contact_id}@invalid"


def contact_export(*, contact: Contact) -> dict:
    """Everything the portal holds about one person, as JSON-ready data."""
    registrations = Registration.objects.filter(contact=contact).select_related(
        "edition", "organisation"
    )
    return {
        "exported_at": timezone.now().isoformat(),
        "contact": {
            "first_name": contact.first_name,
            "last_name": contact.last_name,
            "role": contact.role,
            "email": contact.email,
            "phone": contact.phone,
            "preferred_language": contact.preferred_language,
            "organisation": contact.organisation.name,
            "created_at": contact.created_at.isoformat(),
        },
        "registrations": [
            {
                "edition": str(registration.edition),
                "organisation": registration.organisation.name,
                "status": registration.status,
                "created_at": registration.created_at.isoformat(),
                "confirmed_at": registration.confirmed_at.isoformat()
                if registration.confirmed_at
                else None,
                "privacy_version": registration.privacy_version,
                "privacy_accepted_at": registration.privacy_accepted_at.isoformat(),
                "public_listing_consent": registration.public_listing_consent,
                "interested_in_visits": registration.interested_in_visits,
                "bookings": [
                    {
                        "table": booking.table.title,
                        "status": booking.status,
                        "proposal_kind": booking.proposal_kind,
                        "offers": booking.offers,
                        "seeks": booking.seeks,
                        "description": booking.description,
                    }
                    for booking in registration.bookings.select_related("table")
                ],
            }
            for registration in registrations
        ],
        "emails": [
            {"subject": n.subject, "created_at": n.created_at.isoformat(), "status": n.status}
            for n in Notification.objects.filter(registration__contact=contact)
        ],
        "history": [
            {
                "date": record.history_date.isoformat(),
                "type": record.history_type,
                "first_name": record.first_name,
                "last_name": record.last_name,
                "email": record.email,
                "phone": record.phone,
            }
            for record in contact.history.all()
        ],
    }


@transaction.atomic
def contact_erase(*, contact: Contact) -> Contact:
    """Anonymise a person everywhere; the organisation's history stays intact.

    Everywhere means: the contact and its history; what the person wrote in the bookings of
    their registrations (the proposals, where people put their names and phones) and in
    the bookings' history; the details registrations held until a confirmation, and their
    history; the e-mails sent to them; the back office's log of changes to the contact;
    login-attempt logs under their address. The organisation, the registrations and the
    bookings themselves (tables, statuses, dates) are kept.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    original_email = contact.email
    anonymous = {
        "first_name": ERASED_NAME,
        "last_name": ERASED_NAME,
        "role": "",
        "email": erased_email(contact.pk),
        "phone": "",
    }
    for name, value in anonymous.items():
        setattr(contact, name, value)
    contact.save(update_fields=[*anonymous, "updated_at"])
    # The history keeps the fact that the record changed, not who the person was.
    contact.history.all().update(**anonymous)

    registrations = Registration.objects.filter(contact=contact) | Registration.objects.filter(
        email__iexact=original_email
    )
    registrations_forget(registration_ids=list(registrations.values_list("pk", flat=True)))
    Notification.objects.filter(to__iexact=original_email).update(
        to=anonymous["email"], body_text="", body_html=""
    )
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Contact), object_id=str(contact.pk)
    ).update(object_repr=ERASED_NAME)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=original_email).update(username="")
    return contact


def registrations_forget(*, registration_ids: list[int]) -> None:
    """Remove the person from registrations: the details they held until a confirmation,
    the words of their proposals (where people write names and phone numbers), the e-mails
    sent for them; in the records' history too. Tables, statuses and dates stay."""
    held = {
        "first_name": ERASED_NAME,
        "last_name": ERASED_NAME,
        "role": "",
        "email": "",
        "phone": "",
    }
    Registration.objects.filter(pk__in=registration_ids).update(**held)
    Registration.history.filter(id__in=registration_ids).update(**held)
    words = {"offers": "", "seeks": "", "description": ERASED_NAME}
    Booking.objects.filter(registration_id__in=registration_ids).update(**words)
    Booking.history.filter(registration_id__in=registration_ids).update(**words)
    Notification.objects.filter(registration_id__in=registration_ids).update(
        to=ERASED_ADDRESS, body_text="", body_html=""
    )


# Where the e-mails of a forgotten person were sent.
ERASED_ADDRESS = "erased@invalid"


def contacts_past_retention(*, now=None):
    """Contacts whose latest registration is older than CONTACT_RETENTION_MONTHS."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.CONTACT_RETENTION_MONTHS * 30)
    return (
        Contact.objects.annotate(latest=Max("registrations__created_at"))
        .filter(latest__lt=cutoff)
        .exclude(email__endswith="@invalid")
    )
