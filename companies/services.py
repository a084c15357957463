"""Writes of the companies app: registrations, bookings and the waiting list.

Capacity is held by `SectoralTable.accepted_count`, changed only here with a guarded
`UPDATE … WHERE accepted_count < capacity`: the update is atomic in the database, so two
requests can never both take the last place (on SQLite writers are serialised by
`transaction_mode: IMMEDIATE`; on PostgreSQL the row lock makes the second update re-check
the condition). A check constraint refuses an oversold table as a last line of defence.
"""

import dataclasses
import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from sessions.enums import BookingMode
from sessions.models import Edition, SectoralTable

from .models import (
    Booking,
    Contact,
    Notification,
    Organisation,
    Registration,
    normalise_tax_id,
)
from .notifications import notification_queue, notification_render
from .privacy import registrations_forget


class BookingError(Exception):
    """A booking cannot change as asked; the message is meant for the person who asked."""


@dataclasses.dataclass
class ProposalData:
    table: SectoralTable
    proposal_kind: str
    offers: str
    seeks: str
    description: str


@dataclasses.dataclass
class RegistrationData:
    organisation_name: str
    organisation_kind: str
    organisation_size: str
    country: str
    tax_id: str
    city: str
    first_name: str
    last_name: str
    role: str
    email: str
    phone: str
    language: str
    interested_in_visits: bool
    public_listing_consent: bool
    proposals: list[ProposalData]


def registration_submit(
    *, edition: Edition, data: RegistrationData, submission_key: uuid.UUID
) -> tuple[Registration | None, bool]:
    """Save a registration awaiting e-mail confirmation; returns (registration, created).

    The same submission key always gives back the registration it created first, so a double
    click, a replay or the back button never creates a second one.

    The answer to the form is the same whatever the portal already holds: whether the
    organisation is already registered is said only in the e-mail, to whoever owns the
    address. If it is (a confirmed registration), no registration is created: the e-mail
    gives its contact person the link to it, or tells anyone else to ask the organisers.
    """
    # Everything that only reads comes before the transaction: on SQLite every registration
    # waits for the one inside its transaction (IMMEDIATE), so that part must be short. (A
    # submission key already used is found inside it.) The organisation is looked up again
    # after a failed attempt.
    tax_id = normalise_tax_id(data.country, data.tax_id)
    for attempt in range(3):
        known = Organisation.objects.filter(country=data.country, tax_id=tax_id).first()
        if known is not None:
            confirmed = (
                Registration.objects.confirmed()
                .filter(edition=edition, organisation=known)
                .select_related("contact", "organisation", "edition")
                .first()
            )
            if confirmed is not None:
                _registration_already_made(registration=confirmed, data=data)
                return None, False
        draft = Registration(
            public_id=uuid.uuid4(),
            edition=edition,
            language=data.language,
            organisation=known or Organisation(name=data.organisation_name),
            **_person(data),
        )
        confirmation = notification_render(registration=draft, template="registration_confirm")
        try:
            return _registration_create(
                edition=edition,
                data=data,
                organisation=known,
                submission_key=submission_key,
                public_id=draft.public_id,
                confirmation=confirmation,
            )
        except IntegrityError:
            # A concurrent request won a race: the same submission (then show that one), or
            # another registration creating the same organisation (then try again: it now
            # exists and is found).
            existing = Registration.objects.filter(submission_key=submission_key).first()
            if existing:
                return existing, False
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _email(data: RegistrationData) -> str:
    return data.email.strip().lower()


def _person(data: RegistrationData) -> dict:
    """The person's details as submitted, held by the registration until confirmed."""
    return {
        "email": _email(data),
        "first_name": data.first_name,
        "last_name": data.last_name,
        "role": data.role,
        "phone": data.phone,
    }


def _registration_already_made(*, registration: Registration, data: RegistrationData) -> None:
    """Tell the address just submitted that its organisation is already registered: its
    contact person gets the link to the registration again; anyone else learns that the
    organisation is registered, and whom to ask, and nothing about who registered it.

    At most one such e-mail an hour goes to an address: the form cannot be used to flood a
    mailbox."""
    address = _email(data)
    if Notification.objects.filter(
        to=address, created_at__gte=timezone.now() - datetime.timedelta(hours=1)
    ).exists():
        return
    if registration.person.email == address:
        notification_queue(registration=registration, template="registration_reminder")
        return
    stranger = Registration(
        public_id=uuid.uuid4(),
        edition=registration.edition,
        organisation=registration.organisation,
        language=data.language,
        **_person(data),
    )
    rendered = notification_render(registration=stranger, template="registration_taken")
    notification_queue(registration=None, template="registration_taken", rendered=rendered)


@transaction.atomic
def _registration_create(
    *,
    edition: Edition,
    data: RegistrationData,
    organisation: Organisation | None,
    submission_key: uuid.UUID,
    public_id: uuid.UUID,
    confirmation: dict,
) -> tuple[Registration, bool]:
    # Checked again inside: the same form sent twice at once waits here for the first.
    existing = Registration.objects.filter(submission_key=submission_key).first()
    if existing:
        return existing, False
    now = timezone.now()
    if edition.registration_state(now) != "open":
        raise ValidationError(_("Registration for this edition is not open."))
    # The organisation was looked up before the transaction. One created meanwhile by
    # another registration makes the insert fail (unique country and tax identifier), one
    # deleted meanwhile makes the commit fail (foreign key): the caller then looks again.
    if organisation is None:
        organisation = _organisation_create(data)
    registration = Registration.objects.create(
        public_id=public_id,
        submission_key=submission_key,
        edition=edition,
        organisation=organisation,
        language=data.language,
        interested_in_visits=data.interested_in_visits,
        public_listing_consent=data.public_listing_consent,
        privacy_accepted_at=now,
        privacy_version=settings.PRIVACY_NOTICE_VERSION,
        **_person(data),
    )
    Booking.objects.bulk_create(
        [
            Booking(
                registration=registration,
                table=proposal.table,
                organisation=organisation,
                status=Booking.Status.PENDING,
                proposal_kind=proposal.proposal_kind,
                offers=proposal.offers,
                seeks=proposal.seeks,
                description=proposal.description,
            )
            for proposal in data.proposals
        ]
    )
    notification_queue(
        registration=registration, template="registration_confirm", rendered=confirmation
    )
    return registration, True


def _organisation_create(data: RegistrationData) -> Organisation:
    """A new organisation with this country and tax identifier."""
    organisation = Organisation(
        name=data.organisation_name,
        kind=data.organisation_kind,
        size=data.organisation_size,
        country=data.country,
        city=data.city,
        tax_id=normalise_tax_id(data.country, data.tax_id),
        slug=_organisation_slug(data.organisation_name),
    )
    # The fields are checked here; uniqueness is the database's (a registration creating the
    # same organisation at the same moment makes this one fail and try again, then find it).
    organisation.clean_fields()
    organisation.save()
    return organisation


def _organisation_slug(name: str) -> str:
    base = slugify(name, allow_unicode=False)[:80] or "organisation"
    slug = base
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{uuid.uuid4().hex[:6]}"
    return slug


class RegistrationTaken(Exception):
    """The organisation was registered for the edition by someone else meanwhile."""


@transaction.atomic
def registration_confirm(*, registration: Registration) -> Registration:
    """Confirm the e-mail address: the person submitted becomes (or updates) the
    organisation's contact, and the bookings take their places (or queue for them, or wait
    for staff approval).

    If the organisation was registered for the edition by someone else meanwhile, this
    registration is cancelled instead (its status says so): an organisation has one
    confirmed registration per edition.
    """
    registration = (
        Registration.objects.select_for_update()
        .select_related("edition", "organisation")
        .get(pk=registration.pk)
    )
    if registration.status != Registration.Status.PENDING:
        return registration
    try:
        with transaction.atomic():
            _registration_take(registration)
    except (RegistrationTaken, IntegrityError):
        # Another confirmed registration of the organisation, found or (a race) refused by
        # the database's unique constraint.
        return _registration_close(registration, Registration.Status.CANCELLED)
    notification_queue(registration=registration, template="registration_confirmed")
    return registration


def _registration_take(registration: Registration) -> None:
    if (
        Registration.objects.confirmed()
        .filter(edition_id=registration.edition_id, organisation_id=registration.organisation_id)
        .exists()
    ):
        raise RegistrationTaken
    now = timezone.now()
    if registration.contact_id is None:
        # The address is proven now: the person's details may become the contact's.
        registration.contact, _created = Contact.objects.update_or_create(
            organisation_id=registration.organisation_id,
            email=registration.email,
            defaults={
                "first_name": registration.first_name,
                "last_name": registration.last_name,
                "role": registration.role,
                "phone": registration.phone,
                "preferred_language": registration.language,
            },
        )
    registration.status = Registration.Status.CONFIRMED
    registration.confirmed_at = now
    # The details now live in the contact: one home for the person.
    for name in HELD_PERSON_FIELDS:
        setattr(registration, name, "")
    registration.save(
        update_fields=["contact", "status", "confirmed_at", *HELD_PERSON_FIELDS, "updated_at"]
    )
    registration.bookings.filter(status=Booking.Status.PENDING).update(
        status=Booking.Status.SUBMITTED, updated_at=now
    )
    if registration.edition.booking_mode == BookingMode.AUTOMATIC:
        for booking in registration.bookings.filter(status=Booking.Status.SUBMITTED).order_by("pk"):
            _booking_place(booking, by=None)


# The person's details a registration holds until its e-mail address is confirmed.
HELD_PERSON_FIELDS = ("email", "first_name", "last_name", "role", "phone")


def _registration_close(registration: Registration, status: str) -> Registration:
    """End a registration that never took a place (cancelled before or at confirmation, or
    expired): its bookings are cancelled, the person's details it held are forgotten."""
    now = timezone.now()
    registration.bookings.filter(status=Booking.Status.PENDING).update(
        status=Booking.Status.CANCELLED, updated_at=now
    )
    registration.status = status
    registration.cancelled_at = now if status == Registration.Status.CANCELLED else None
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if not registration.contact_id:
        # Nobody confirmed this address: nothing of the person is kept.
        registrations_forget(registration_ids=[registration.pk])
        registration.refresh_from_db()
    return registration


def _table_take_place(table_id: int) -> bool:
    """Take one place at the table if one is left; atomic in the database."""
    taken = (
        SectoralTable.objects.filter(pk=table_id)
        .filter(Q(capacity__isnull=True) | Q(accepted_count__lt=F("capacity")))
        .update(accepted_count=F("accepted_count") + 1)
    )
    return taken == 1


def _table_release_place(table_id: int) -> None:
    SectoralTable.objects.filter(pk=table_id, accepted_count__gt=0).update(
        accepted_count=F("accepted_count") - 1
    )


def _booking_place(booking: Booking, *, by) -> Booking:
    """Accept the booking if its table has room, otherwise put it on the waiting list."""
    now = timezone.now()
    if _table_take_place(booking.table_id):
        booking.status = Booking.Status.ACCEPTED
        booking.decided_at = now
        booking.decided_by = by
    else:
        booking.status = Booking.Status.WAITING
        booking.queued_at = booking.queued_at or now
    booking.save(update_fields=["status", "decided_at", "decided_by", "queued_at", "updated_at"])
    return booking


def _booking_locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update()
        .select_related("registration", "table")
        .get(pk=booking.pk)
    )


def _waiting_promote(table_id: int) -> list[Booking]:
    """Fill free places with the first bookings of the waiting list, and tell them."""
    promoted = []
    while True:
        first = (
            Booking.objects.select_for_update()
            .filter(table_id=table_id, status=Booking.Status.WAITING)
            .order_by("queued_at", "pk")
            .first()
        )
        if first is None or not _table_take_place(table_id):
            return promoted
        first.status = Booking.Status.ACCEPTED
        first.decided_at = timezone.now()
        first.save(update_fields=["status", "decided_at", "updated_at"])
        notification_queue(
            registration=first.registration, template="booking_promoted", booking=first
        )
        promoted.append(first)


@transaction.atomic
def booking_accept(*, booking: Booking, by) -> Booking:
    """Staff accept a booking, within the table's capacity."""
    booking = _booking_locked(booking)
    if booking.status == Booking.Status.ACCEPTED:
        return booking
    if booking.status not in (Booking.Status.SUBMITTED, Booking.Status.WAITING):
        raise BookingError(_("Only a submitted or waiting booking can be accepted."))
    if booking.registration.status != Registration.Status.CONFIRMED:
        raise BookingError(_("The registrant has not confirmed the e-mail address yet."))
    if not _table_take_place(booking.table_id):
        raise BookingError(_("The table is full: no place is left to accept this booking."))
    booking.status = Booking.Status.ACCEPTED
    booking.decided_at = timezone.now()
    booking.decided_by = by
    booking.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    notification_queue(
        registration=booking.registration, template="booking_accepted", booking=booking
    )
    return booking


@transaction.atomic
def booking_move_to_waiting(*, booking: Booking, by) -> Booking:
    """Put a booking at the end of the waiting list, freeing its place if it had one."""
    booking = _booking_locked(booking)
    if booking.status not in (Booking.Status.SUBMITTED, Booking.Status.ACCEPTED):
        raise BookingError(
            _("Only a submitted or accepted booking can be moved to the waiting list.")
        )
    if booking.registration.status != Registration.Status.CONFIRMED:
        raise BookingError(_("The registrant has not confirmed the e-mail address yet."))
    had_place = booking.status == Booking.Status.ACCEPTED
    booking.status = Booking.Status.WAITING
    booking.queued_at = timezone.now()
    booking.decided_at = booking.queued_at
    booking.decided_by = by
    booking.save(update_fields=["status", "queued_at", "decided_at", "decided_by", "updated_at"])
    if had_place:
        _table_release_place(booking.table_id)
        # The freed place goes to whoever queued before; if nobody did, it stays free
        # (promoting now would hand it straight back to the booking just moved).
        others = Booking.objects.filter(
            table_id=booking.table_id,
            status=Booking.Status.WAITING,
            queued_at__lt=booking.queued_at,
        )
        if others.exists():
            _waiting_promote(booking.table_id)
    notification_queue(
        registration=booking.registration, template="booking_waiting", booking=booking
    )
    return booking


@transaction.atomic
def booking_reject(*, booking: Booking, by, reason: str) -> Booking:
    """Reject a booking with a reason; a freed place goes to the waiting list."""
    reason = (reason or "").strip()
    if not reason:
        raise BookingError(_("Give the reason for the rejection: the registrant will read it."))
    booking = _booking_locked(booking)
    if booking.status not in Booking.ACTIVE:
        raise BookingError(_("Only an active booking can be rejected."))
    had_place = booking.status == Booking.Status.ACCEPTED
    booking.status = Booking.Status.REJECTED
    booking.rejection_reason = reason
    booking.decided_at = timezone.now()
    booking.decided_by = by
    booking.save(
        update_fields=["status", "rejection_reason", "decided_at", "decided_by", "updated_at"]
    )
    if had_place:
        _table_release_place(booking.table_id)
        _waiting_promote(booking.table_id)
    notification_queue(
        registration=booking.registration, template="booking_rejected", booking=booking
    )
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking) -> Booking:
    """The registrant cancels one booking; a freed place goes to the waiting list."""
    booking = _booking_locked(booking)
    if booking.status not in Booking.ACTIVE:
        return booking
    had_place = booking.status == Booking.Status.ACCEPTED
    booking.status = Booking.Status.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    if had_place:
        _table_release_place(booking.table_id)
        _waiting_promote(booking.table_id)
    return booking


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None) -> Registration:
    """Cancel everything, at the registrant's request or by staff (`by`): every open
    booking, then the registration; freed places go to the waiting lists."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in Registration.ACTIVE:
        return registration
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    for booking in registration.bookings.filter(status__in=Booking.ACTIVE):
        booking_cancel(booking=booking)
    _registration_close(registration, Registration.Status.CANCELLED)
    if was_confirmed:
        template = "registration_cancelled" if by is None else "registration_withdrawn"
        notification_queue(registration=registration, template=template)
    return registration


@transaction.atomic
def booking_mark_attended(*, booking: Booking, attended: bool = True) -> Booking:
    booking = _booking_locked(booking)
    if booking.status != Booking.Status.ACCEPTED:
        raise BookingError(_("Only an accepted booking can be marked as attended."))
    booking.attended = attended
    booking.save(update_fields=["attended", "updated_at"])
    return booking


@transaction.atomic
def booking_update_proposal(
    *, booking: Booking, proposal_kind: str, offers: str, seeks: str, description: str
) -> Booking:
    """The registrant edits a proposal while the registration window is open."""
    booking = _booking_locked(booking)
    if booking.registration.edition.registration_state(timezone.now()) != "open":
        raise BookingError(_("Registration has closed: proposals can no longer be changed."))
    if booking.status not in Booking.ACTIVE:
        raise BookingError(_("This booking is no longer active."))
    booking.proposal_kind = proposal_kind
    booking.offers = offers
    booking.seeks = seeks
    booking.description = description
    booking.save(update_fields=["proposal_kind", "offers", "seeks", "description", "updated_at"])
    return booking


@transaction.atomic
def registrations_expire(*, now=None) -> int:
    """Expire registrations whose e-mail was not confirmed in time: they held no place, and
    the details of the person nobody confirmed are forgotten."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.REGISTRATION_CONFIRM_DAYS)
    stale = Registration.objects.filter(status=Registration.Status.PENDING, created_at__lt=cutoff)
    expired = 0
    for registration in stale.select_for_update():
        _registration_close(registration, Registration.Status.EXPIRED)
        expired += 1
    return expired


@transaction.atomic
def registration_record(*, registration: Registration, by=None) -> Registration:
    """Staff record a registration taken by phone, by e-mail or on paper, for a contact of
    the organisation they chose: it is confirmed at once (staff vouch for the person), and
    the person gets the e-mail with the link to follow it. Its bookings are then added with
    `booking_add`, under the same rules as every other booking."""
    if registration.contact is None or registration.contact.organisation_id != (
        registration.organisation_id
    ):
        raise ValidationError({"contact": _("Choose a contact person of the organisation.")})
    if (
        Registration.objects.confirmed()
        .filter(edition=registration.edition, organisation=registration.organisation)
        .exists()
    ):
        raise ValidationError(
            {"organisation": _("This organisation is already registered for this edition.")}
        )
    now = timezone.now()
    registration.submission_key = registration.submission_key or uuid.uuid4()
    registration.status = Registration.Status.CONFIRMED
    registration.confirmed_at = now
    registration.privacy_accepted_at = now
    registration.privacy_version = STAFF_PRIVACY_VERSION
    registration.save()
    notification_queue(registration=registration, template="registration_confirmed")
    return registration


# Recorded instead of a notice version when staff take a registration by phone or on paper
# (they tell the person about the privacy notice).
STAFF_PRIVACY_VERSION = "staff"


@transaction.atomic
def booking_add(
    *,
    registration: Registration,
    table: SectoralTable,
    proposal_kind: str,
    offers: str = "",
    seeks: str = "",
    description: str = "",
    by=None,
) -> Booking:
    """Staff add a booking to a confirmed registration: it takes a place (or joins the
    waiting list) like any other, or waits for approval, as the edition decides."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != Registration.Status.CONFIRMED:
        raise BookingError(_("Bookings can be added to confirmed registrations only."))
    if table.edition_id != registration.edition_id:
        raise BookingError(_("The table belongs to another edition."))
    try:
        with transaction.atomic():
            booking = Booking.objects.create(
                registration=registration,
                table=table,
                organisation_id=registration.organisation_id,
                proposal_kind=proposal_kind,
                offers=offers,
                seeks=seeks,
                description=description,
            )
    except IntegrityError:
        raise BookingError(_("This organisation has already booked this table.")) from None
    if registration.edition.booking_mode == BookingMode.AUTOMATIC:
        _booking_place(booking, by=by)
        accepted = booking.status == Booking.Status.ACCEPTED
        template = "booking_accepted" if accepted else "booking_waiting"
        notification_queue(registration=registration, template=template, booking=booking)
    return booking


@transaction.atomic
def registration_import(*, edition: Edition, data: RegistrationData) -> Registration:
    """Record a registration from a partner's spreadsheet, imported by staff.

    The organisation (country and tax identifier), its contact (e-mail) and its active
    registration for the edition are found again when they exist, so importing the same file
    twice changes nothing. Imported registrations are confirmed: staff vouch for them.
    """
    organisation = Organisation.objects.filter(
        country=data.country, tax_id=normalise_tax_id(data.country, data.tax_id)
    ).first() or _organisation_create(data)
    contact, _created = Contact.objects.update_or_create(
        organisation=organisation,
        email=_email(data),
        defaults={
            "first_name": data.first_name,
            "last_name": data.last_name,
            "role": data.role,
            "phone": data.phone,
            "preferred_language": data.language,
        },
    )
    registration = (
        Registration.objects.confirmed().filter(edition=edition, organisation=organisation).first()
    )
    if registration is None:
        now = timezone.now()
        registration = Registration.objects.create(
            submission_key=uuid.uuid4(),
            edition=edition,
            organisation=organisation,
            contact=contact,
            status=Registration.Status.CONFIRMED,
            confirmed_at=now,
            language=data.language,
            interested_in_visits=data.interested_in_visits,
            public_listing_consent=data.public_listing_consent,
            privacy_accepted_at=now,
            privacy_version=IMPORTED_PRIVACY_VERSION,
        )
    for proposal in data.proposals:
        booking = registration.bookings.filter(
            table=proposal.table, status__in=Booking.ACTIVE
        ).first()
        if booking is None:
            booking = Booking.objects.create(
                registration=registration,
                table=proposal.table,
                organisation=organisation,
                proposal_kind=proposal.proposal_kind,
                offers=proposal.offers,
                seeks=proposal.seeks,
                description=proposal.description,
            )
            if edition.booking_mode == BookingMode.AUTOMATIC:
                _booking_place(booking, by=None)
        else:
            for name in ("proposal_kind", "offers", "seeks", "description"):
                setattr(booking, name, getattr(proposal, name))
            booking.save(
                update_fields=["proposal_kind", "offers", "seeks", "description", "updated_at"]
            )
    return registration


# Recorded instead of a notice version when staff import a registration from a spreadsheet.
IMPORTED_PRIVACY_VERSION = "imported"
