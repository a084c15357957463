"""Writes of the companies app: registrations, bookings, capacity and the waiting list.

Every change of a booking's status goes through `booking_transition`, which owns the
lifecycle (companies.enums.BOOKING_TRANSITIONS), the places and the e-mails; the named
services (accept, reject, cancel…) say which move they make.
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
from django.utils.translation import gettext_lazy

from sessions.enums import BookingMode
from sessions.models import Edition, SectoralTable

from .enums import (
    ACTIVE_BOOKING_STATUSES,
    ACTIVE_REGISTRATION_STATUSES,
    BOOKING_TRANSITIONS,
    OPEN_BOOKING_STATUSES,
    BookingStatus,
    RegistrationStatus,
)
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
                status=BookingStatus.PENDING,
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
    if registration.status != RegistrationStatus.PENDING:
        return registration
    try:
        with transaction.atomic():
            _registration_take(registration)
    except (RegistrationTaken, IntegrityError):
        # Another confirmed registration of the organisation, found or (a race) refused by
        # the database's unique constraint.
        return _registration_close(registration, RegistrationStatus.CANCELLED)
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
        registration.contact = _contact_apply(
            organisation_id=registration.organisation_id,
            language=registration.language,
            **{name: getattr(registration, name) for name in HELD_PERSON_FIELDS},
        )
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    # The details now live in the contact: one home for the person.
    for name in HELD_PERSON_FIELDS:
        setattr(registration, name, "")
    registration.save(
        update_fields=["contact", "status", "confirmed_at", *HELD_PERSON_FIELDS, "updated_at"]
    )
    for booking in registration.bookings.filter(status=BookingStatus.PENDING).order_by("pk"):
        booking = booking_transition(booking=booking, to=BookingStatus.SUBMITTED)
        if registration.edition.booking_mode == BookingMode.AUTOMATIC:
            # The confirmation e-mail tells each booking's status.
            booking_place(booking=booking, email="")


# The person's details a registration holds until its e-mail address is confirmed.
HELD_PERSON_FIELDS = ("email", "first_name", "last_name", "role", "phone")


def _registration_close(registration: Registration, status: str) -> Registration:
    """End a registration that never took a place (cancelled before or at confirmation, or
    expired): its bookings are cancelled, the person's details it held are forgotten."""
    now = timezone.now()
    for booking in registration.bookings.filter(status=BookingStatus.PENDING):
        booking_transition(booking=booking, to=BookingStatus.CANCELLED)
    registration.status = status
    registration.cancelled_at = now if status == RegistrationStatus.CANCELLED else None
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if not registration.contact_id:
        # Nobody confirmed this address: nothing of the person is kept.
        registrations_forget(registration_ids=[registration.pk])
        registration.refresh_from_db()
    return registration


# The booking lifecycle -------------------------------------------------------------------


class TableFull(BookingError):
    """No place is left at the table."""


# What the registrant is told of each move, unless the caller says otherwise: nothing of the
# moves they made themselves, nor of those a later e-mail reports.
BOOKING_EMAILS = {
    BookingStatus.ACCEPTED: "booking_accepted",
    BookingStatus.WAITING: "booking_waiting",
    BookingStatus.REJECTED: "booking_rejected",
}

# Why a move that BOOKING_TRANSITIONS does not allow is refused, by the status asked for.
MOVE_REFUSED = {
    BookingStatus.SUBMITTED: gettext_lazy("Only a booking awaiting confirmation can be submitted."),
    BookingStatus.ACCEPTED: gettext_lazy("Only a submitted or waiting booking can be accepted."),
    BookingStatus.WAITING: gettext_lazy(
        "Only a submitted or accepted booking can be moved to the waiting list."
    ),
    BookingStatus.REJECTED: gettext_lazy("Only an active booking can be rejected."),
    BookingStatus.CANCELLED: gettext_lazy("This booking is no longer active."),
    BookingStatus.PENDING: gettext_lazy("This booking is no longer active."),
}


@transaction.atomic
def booking_transition(
    *, booking: Booking, to: str, by=None, reason: str = "", email: str | None = None
) -> Booking:
    """Move one booking along its lifecycle (companies.enums.BOOKING_TRANSITIONS), the one
    way every caller changes a booking's status: lock it, check the move, take or release
    its place (a freed place goes to the waiting list), write it, and queue the e-mail that
    tells the registrant (`email` names another template, or "" for none).

    Capacity is held by `SectoralTable.accepted_count`, changed only here with a guarded
    `UPDATE … WHERE accepted_count < capacity`: the update is atomic in the database, so two
    requests can never both take the last place (on SQLite writers are serialised by
    `transaction_mode: IMMEDIATE`; on PostgreSQL the row lock makes the second update
    re-check the condition). A check constraint refuses an oversold table as a last line of
    defence. Moving to ACCEPTED at a full table raises TableFull.
    """
    booking = _booking_locked(booking)
    current, to = BookingStatus(booking.status), BookingStatus(to)
    if to == current:
        return booking
    if to not in BOOKING_TRANSITIONS[current]:
        raise BookingError(MOVE_REFUSED[to])
    if to in (BookingStatus.ACCEPTED, BookingStatus.WAITING) and (
        booking.registration.status != RegistrationStatus.CONFIRMED
    ):
        raise BookingError(_("The registrant has not confirmed the e-mail address yet."))
    reason = (reason or "").strip()
    if to == BookingStatus.REJECTED and not reason:
        raise BookingError(_("Give the reason for the rejection: the registrant will read it."))
    if to == BookingStatus.ACCEPTED and not _table_take_place(booking.table_id):
        raise TableFull(_("The table is full: no place is left to accept this booking."))

    now = timezone.now()
    booking.status = to
    fields = ["status", "updated_at"]
    if to in (BookingStatus.ACCEPTED, BookingStatus.WAITING, BookingStatus.REJECTED):
        booking.decided_at, booking.decided_by = now, by
        fields += ["decided_at", "decided_by"]
    if to == BookingStatus.WAITING:
        booking.queued_at = now  # at the end of the list
        fields.append("queued_at")
    if to == BookingStatus.REJECTED:
        booking.rejection_reason = reason
        fields.append("rejection_reason")
    booking.save(update_fields=fields)

    if current == BookingStatus.ACCEPTED:
        _table_release_place(booking.table_id)
        # A booking moved to the waiting list does not get its place straight back: the
        # place goes to whoever queued before it, or stays free.
        _waiting_promote(
            booking.table_id, queued_before=now if to == BookingStatus.WAITING else None
        )
    template = BOOKING_EMAILS.get(to) if email is None else email
    if template:
        notification_queue(registration=booking.registration, template=template, booking=booking)
    return booking


def booking_place(*, booking: Booking, by=None, email: str | None = None) -> Booking:
    """Accept the booking if its table has room, otherwise put it on the waiting list."""
    try:
        return booking_transition(booking=booking, to=BookingStatus.ACCEPTED, by=by, email=email)
    except TableFull:
        return booking_transition(booking=booking, to=BookingStatus.WAITING, by=by, email=email)


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


def _booking_locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update()
        .select_related("registration", "table")
        .get(pk=booking.pk)
    )


def _waiting_promote(table_id: int, *, queued_before=None) -> None:
    """Give free places to the first bookings of the waiting list (those queued before
    `queued_before`, if given), and tell them."""
    while True:
        queue = Booking.objects.queue(table_id)
        if queued_before is not None:
            queue = queue.filter(queued_at__lt=queued_before)
        first = queue.first()
        if first is None:
            return
        try:
            booking_transition(booking=first, to=BookingStatus.ACCEPTED, email="booking_promoted")
        except TableFull:
            return
        except BookingError:
            continue  # it changed meanwhile: the next one


def booking_accept(*, booking: Booking, by) -> Booking:
    """Staff accept a booking, within the table's capacity."""
    return booking_transition(booking=booking, to=BookingStatus.ACCEPTED, by=by)


def booking_move_to_waiting(*, booking: Booking, by) -> Booking:
    """Staff put a booking at the end of the waiting list, freeing its place if it had one."""
    return booking_transition(booking=booking, to=BookingStatus.WAITING, by=by)


def booking_reject(*, booking: Booking, by, reason: str) -> Booking:
    """Staff reject a booking with a reason the registrant reads."""
    return booking_transition(booking=booking, to=BookingStatus.REJECTED, by=by, reason=reason)


def booking_cancel(*, booking: Booking) -> Booking:
    """The registrant cancels one booking; a freed place goes to the waiting list."""
    if booking.status not in OPEN_BOOKING_STATUSES:
        return booking
    return booking_transition(booking=booking, to=BookingStatus.CANCELLED)


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None) -> Registration:
    """Cancel everything, at the registrant's request or by staff (`by`): every open
    booking, then the registration; freed places go to the waiting lists."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in ACTIVE_REGISTRATION_STATUSES:
        return registration
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    for booking in registration.bookings.filter(status__in=ACTIVE_BOOKING_STATUSES):
        booking_cancel(booking=booking)
    _registration_close(registration, RegistrationStatus.CANCELLED)
    if was_confirmed:
        template = "registration_cancelled" if by is None else "registration_withdrawn"
        notification_queue(registration=registration, template=template)
    return registration


@transaction.atomic
def booking_mark_attended(*, booking: Booking, attended: bool = True) -> Booking:
    booking = _booking_locked(booking)
    if booking.status != BookingStatus.ACCEPTED:
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
    if booking.status not in ACTIVE_BOOKING_STATUSES:
        raise BookingError(_("This booking is no longer active."))
    proposal = ProposalData(
        table=booking.table,
        proposal_kind=proposal_kind,
        offers=offers,
        seeks=seeks,
        description=description,
    )
    _proposal_write(booking, proposal)
    return booking


@transaction.atomic
def registrations_expire(*, now=None) -> int:
    """Expire registrations whose e-mail was not confirmed in time: they held no place, and
    the details of the person nobody confirmed are forgotten."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.REGISTRATION_CONFIRM_DAYS)
    stale = Registration.objects.filter(status=RegistrationStatus.PENDING, created_at__lt=cutoff)
    expired = 0
    for registration in stale.select_for_update():
        _registration_close(registration, RegistrationStatus.EXPIRED)
        expired += 1
    return expired


@transaction.atomic
def registration_record(
    *,
    registration: Registration,
    by=None,
    privacy_version: str = "",
    notify: bool = True,
) -> Registration:
    """Staff record a registration taken by phone, by e-mail, on paper or in a partner's
    spreadsheet, for a contact of the organisation: it is confirmed at once (staff vouch for
    the person), and the person gets the e-mail with the link to follow it (unless
    `notify` is false). Its bookings are then added with `booking_add`, under the same
    rules as every other booking."""
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
    registration.status = RegistrationStatus.CONFIRMED
    registration.confirmed_at = now
    registration.privacy_accepted_at = now
    registration.privacy_version = privacy_version or STAFF_PRIVACY_VERSION
    registration.save()
    if notify:
        notification_queue(registration=registration, template="registration_confirmed")
    return registration


# Recorded instead of a notice version when staff take a registration by phone or on paper
# (they tell the person about the privacy notice), or import it from a spreadsheet.
STAFF_PRIVACY_VERSION = "staff"
IMPORTED_PRIVACY_VERSION = "imported"


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
    email: str | None = None,
) -> Booking:
    """Staff add a booking to a confirmed registration: it takes a place (or joins the
    waiting list) like any other, or waits for approval, as the edition decides; `email`
    as for booking_transition."""
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.CONFIRMED:
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
        booking = booking_place(booking=booking, by=by, email=email)
    return booking


@transaction.atomic
def registration_import(*, edition: Edition, data: RegistrationData) -> Registration:
    """Record a registration from a partner's spreadsheet, imported by staff, through the
    same services as a registration taken by phone (no e-mails: the partner informs them).

    The organisation (country and tax identifier), its contact (e-mail), its registration
    for the edition and its bookings are found again when they exist, so importing the same
    file twice changes nothing.
    """
    organisation = Organisation.objects.filter(
        country=data.country, tax_id=normalise_tax_id(data.country, data.tax_id)
    ).first() or _organisation_create(data)
    contact = _contact_apply(
        organisation_id=organisation.pk, language=data.language, **_person(data)
    )
    registration = (
        Registration.objects.confirmed().filter(edition=edition, organisation=organisation).first()
    ) or registration_record(
        registration=Registration(
            edition=edition,
            organisation=organisation,
            contact=contact,
            language=data.language,
            interested_in_visits=data.interested_in_visits,
            public_listing_consent=data.public_listing_consent,
        ),
        privacy_version=IMPORTED_PRIVACY_VERSION,
        notify=False,
    )
    for proposal in data.proposals:
        booking = registration.bookings.filter(
            table=proposal.table, status__in=ACTIVE_BOOKING_STATUSES
        ).first()
        if booking is None:
            booking_add(
                registration=registration,
                table=proposal.table,
                proposal_kind=proposal.proposal_kind,
                offers=proposal.offers,
                seeks=proposal.seeks,
                description=proposal.description,
                email="",
            )
        else:
            _proposal_write(booking, proposal)
    return registration


def _proposal_write(booking: Booking, proposal) -> None:
    """The words of a booking's proposal (a ProposalData, or anything with its fields)."""
    for name in PROPOSAL_FIELDS:
        setattr(booking, name, getattr(proposal, name))
    booking.save(update_fields=[*PROPOSAL_FIELDS, "updated_at"])


PROPOSAL_FIELDS = ("proposal_kind", "offers", "seeks", "description")


def _contact_apply(*, organisation_id: int, email: str, language: str, **person) -> Contact:
    """The organisation's contact with this address, made or brought up to date with these
    details: once the person proved the address, or staff vouch for it."""
    contact, _created = Contact.objects.update_or_create(
        organisation_id=organisation_id,
        email=email,
        defaults={**person, "preferred_language": language},
    )
    return contact
