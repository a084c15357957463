"""Organisations taking part in the Task Force, their contacts, industrial districts, and
their registrations and bookings for the sectoral tables of an edition."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.it import iva
from stdnum.ru import inn, ogrn

from base.enums import Country
from base.models import TimeStampedModel

from .enums import (
    ACTIVE_BOOKING_STATUSES,
    ACTIVE_REGISTRATION_STATUSES,
    BOOKING_TRANSITIONS,
    OPEN_BOOKING_STATUSES,
    BookingStatus,
    DistrictKind,
    NotificationStatus,
    OrganisationKind,
    OrganisationSize,
    ProposalKind,
    RegistrationStatus,
)
from .querysets import (
    BookingQuerySet,
    CompanyVisitQuerySet,
    OrganisationQuerySet,
    RegistrationQuerySet,
)
from .validators import no_control_characters, validate_contact_email


def normalise_tax_id(country: str, value: str) -> str:
    """Validate a tax identifier for its country and return its compact form.

    Italy: partita IVA (11 digits). Russia: INN (10 or 12 digits) or OGRN (13 or 15 digits).
    Raises ValidationError with a message meant for the person who typed it.
    """
    value = (value or "").strip()
    if not value:
        return ""
    if country == Country.ITALY:
        try:
            return iva.validate(value)
        except StdnumValidationError:
            raise ValidationError(
                _("“%(value)s” is not a valid Italian VAT number (partita IVA, 11 digits)."),
                code="invalid_tax_id",
                params={"value": value},
            ) from None
    if country == Country.RUSSIA:
        compact = inn.compact(value)
        validator = ogrn if len(compact) in (13, 15) else inn
        try:
            return validator.validate(compact)
        except StdnumValidationError:
            raise ValidationError(
                _(
                    "“%(value)s” is not a valid Russian INN (10 or 12 digits) "
                    "or OGRN (13 or 15 digits)."
                ),
                code="invalid_tax_id",
                params={"value": value},
            ) from None
    raise ValidationError(
        _("Choose the country before entering a tax identifier."), code="no_country"
    )


class District(TimeStampedModel):
    """An Italian industrial district, a Russian special economic zone, a park or a cluster."""

    Kind = DistrictKind

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    region = models.ForeignKey(
        "tf_sessions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="districts",
    )
    sectors = models.ManyToManyField(
        "tf_sessions.Sector", verbose_name=_("sectors"), blank=True, related_name="districts"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["country", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.region_id and self.region.country != self.country:
            raise ValidationError({"region": _("The region is not in the chosen country.")})


class Organisation(TimeStampedModel):
    """A firm or an institution: SME, region, association, chamber, university, bank…"""

    Kind = OrganisationKind

    Size = OrganisationSize

    name = models.CharField(_("name"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    size = models.CharField(_("size"), max_length=8, choices=Size.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    region = models.ForeignKey(
        "tf_sessions.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    sectors = models.ManyToManyField(
        "tf_sessions.Sector",
        verbose_name=_("sectors"),
        blank=True,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)
    tax_id = models.CharField(
        _("tax identifier"),
        max_length=20,
        blank=True,
        help_text=_("Italy: partita IVA. Russia: INN or OGRN."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
    )
    description = models.TextField(_("description"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"], name="organisation_name_idx"),
            models.Index(fields=["country", "kind"], name="organisation_country_kind_idx"),
            # Registration looks organisations up by tax identifier; SQLite does not use the
            # partial unique index below for that lookup.
            models.Index(fields=["country", "tax_id"], name="organisation_tax_id_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "tax_id"],
                condition=~Q(tax_id=""),
                name="unique_tax_id_per_country",
                violation_error_message=_(
                    "An organisation with this tax identifier already exists in this country."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:organisation_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        errors = {}
        if self.tax_id:
            try:
                self.tax_id = normalise_tax_id(self.country, self.tax_id)
            except ValidationError as error:
                errors["tax_id"] = error
            else:
                duplicate = Organisation.objects.filter(country=self.country, tax_id=self.tax_id)
                if duplicate.exclude(pk=self.pk).exists():
                    errors["tax_id"] = _(
                        "An organisation with this tax identifier already exists in this country."
                    )
        if self.region_id and self.country and self.region.country != self.country:
            errors["region"] = _("The region is not in the chosen country.")
        if errors:
            raise ValidationError(errors)


class Contact(TimeStampedModel):
    """A person at an organisation. Personal data: never shown on the public site."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    role = models.CharField(_("role"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), validators=[validate_contact_email])
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[no_control_characters]
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="it",
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                name="unique_contact_email_per_organisation",
                violation_error_message=_(
                    "This organisation already has a contact with this e-mail address."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    def clean(self):
        super().clean()
        if self.email:
            self.email = self.email.strip().lower()


class Registration(TimeStampedModel):
    """An organisation's registration for an edition, made by one contact person.

    It takes no place at any table until the person confirms the e-mail address (double
    opt-in); unconfirmed registrations expire. Until then the person's details are held
    here, as submitted: they become (or update) the organisation's contact only when the
    address is confirmed, so that nobody can change a contact by typing its e-mail.
    """

    Status = RegistrationStatus

    ACTIVE = ACTIVE_REGISTRATION_STATUSES

    public_id = models.UUIDField(
        _("public identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    submission_key = models.UUIDField(
        _("submission key"),
        unique=True,
        help_text=_("Sent with the form, so that the same submission posted twice is saved once."),
    )
    edition = models.ForeignKey(
        "tf_sessions.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        related_name="registrations",
        null=True,
        blank=True,
        help_text=_("Set when the e-mail address is confirmed."),
    )
    # The person as submitted, until the e-mail address is confirmed.
    email = models.EmailField(
        _("e-mail to confirm"), blank=True, validators=[validate_contact_email]
    )
    first_name = models.CharField(_("first name as submitted"), max_length=100, blank=True)
    last_name = models.CharField(_("last name as submitted"), max_length=100, blank=True)
    role = models.CharField(_("role as submitted"), max_length=150, blank=True)
    phone = models.CharField(_("phone as submitted"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="it",
    )
    interested_in_visits = models.BooleanField(_("interested in company visits"), default=False)
    public_listing_consent = models.BooleanField(
        _("consents to be listed publicly as a participant"), default=False
    )
    privacy_accepted_at = models.DateTimeField(_("privacy notice accepted at"))
    privacy_version = models.CharField(_("privacy notice version"), max_length=20)
    confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]
        indexes = [
            # The exact order of the back office (newest first, then id): no sort of the table.
            models.Index(fields=["-created_at", "-id"], name="registration_newest_idx"),
            models.Index(fields=["status", "edition"], name="registration_status_idx"),
        ]
        constraints = [
            # Unconfirmed registrations do not count: anyone can type an organisation's
            # public tax identifier, and an unconfirmed registration must not lock the
            # organisation out.
            models.UniqueConstraint(
                fields=["edition", "organisation"],
                condition=Q(status=RegistrationStatus.CONFIRMED),
                name="one_confirmed_registration_per_organisation",
                violation_error_message=_(
                    "This organisation is already registered for this edition."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.CONFIRMED) | Q(contact__isnull=False),
                name="confirmed_registration_has_a_contact",
                violation_error_message=_("A confirmed registration needs its contact person."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.edition}"

    @property
    def person(self) -> Contact:
        """Who registered: the contact once confirmed, before that the details submitted
        (an unsaved Contact, for e-mails and the back office)."""
        if self.contact_id:
            return self.contact
        return Contact(
            organisation_id=self.organisation_id,
            first_name=self.first_name,
            last_name=self.last_name,
            role=self.role,
            email=self.email,
            phone=self.phone,
            preferred_language=self.language,
        )


class Booking(TimeStampedModel):
    """A place requested at one sectoral table, with the collaboration proposal for it."""

    Status = BookingStatus

    ACTIVE = ACTIVE_BOOKING_STATUSES
    OPEN = OPEN_BOOKING_STATUSES
    TRANSITIONS = BOOKING_TRANSITIONS

    ProposalKind = ProposalKind

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="bookings",
    )
    table = models.ForeignKey(
        "tf_sessions.SectoralTable",
        verbose_name=_("sectoral table"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    # Copied from the registration so that the database can refuse a second active booking
    # of the same organisation at the same table.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    queued_at = models.DateTimeField(
        _("queued at"), null=True, blank=True, help_text=_("Order on the waiting list.")
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    proposal_kind = models.CharField(
        _("kind of proposal"), max_length=24, choices=ProposalKind.choices
    )
    offers = models.TextField(_("what the organisation offers"), max_length=2000, blank=True)
    seeks = models.TextField(_("what the organisation seeks"), max_length=2000, blank=True)
    description = models.TextField(_("short description"), max_length=2000)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        # By the table's id, not its own ordering: no join to sort (docs/PERFORMANCE.md).
        ordering = ["table_id", "status", "queued_at", "id"]
        indexes = [
            # The waiting list of a table, and the back office's default order.
            models.Index(fields=["table", "status", "queued_at", "id"], name="booking_queue_idx"),
            models.Index(fields=["status"], name="booking_status_idx"),
            models.Index(fields=["proposal_kind"], name="booking_proposal_kind_idx"),
            models.Index(fields=["created_at"], name="booking_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["table", "organisation"],
                condition=Q(status__in=[*ACTIVE_BOOKING_STATUSES]),
                name="one_active_booking_per_organisation_and_table",
                violation_error_message=_("This organisation has already booked this table."),
            ),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.WAITING) | Q(queued_at__isnull=False),
                name="waiting_booking_has_a_queue_time",
                violation_error_message=_("A booking on the waiting list needs a queue time."),
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.table}"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE


class Notification(TimeStampedModel):
    """An e-mail to send. Written in the same transaction as the change it reports, sent
    after the commit, and retried until it goes out: a failed send never loses the change."""

    Status = NotificationStatus

    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="notifications",
        null=True,
        blank=True,
    )
    to = models.EmailField(_("to"))
    language = models.CharField(_("language"), max_length=2)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail notification")
        verbose_name_plural = _("e-mail notifications")
        ordering = ["-created_at"]
        indexes = [
            # What the sender looks for every few seconds: the few e-mails not sent yet,
            # among every one ever sent.
            models.Index(
                fields=["status", "updated_at"],
                condition=Q(status__in=[NotificationStatus.PENDING, NotificationStatus.FAILED]),
                name="notification_to_send_idx",
            ),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"


# What ties an organisation to an edition, shown on the edition's page -------------------


class EditionOrganiser(models.Model):
    """An organisation that organised or co-organised an edition."""

    edition = models.ForeignKey(
        "tf_sessions.Edition",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="organiser_links",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="organiser_links",
    )
    role = models.CharField(_("role"), max_length=200, blank=True)

    class Meta:
        # Made in the sessions app, moved here (docs/ARCHITECTURE.md): same table.
        db_table = "tf_sessions_editionorganiser"
        verbose_name = _("organiser")
        verbose_name_plural = _("organisers")
        ordering = ["edition", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "organisation"],
                name="unique_edition_organiser",
                violation_error_message=_("This organisation is already an organiser."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class CompanyVisit(TimeStampedModel):
    """A visit of the foreign delegation to a firm of a local industrial district."""

    edition = models.ForeignKey(
        "tf_sessions.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("host organisation"),
        on_delete=models.PROTECT,
        related_name="hosted_visits",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("industrial district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )
    sector = models.ForeignKey(
        "tf_sessions.Sector",
        verbose_name=_("sector"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
    )
    date = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = CompanyVisitQuerySet.as_manager()

    class Meta:
        # Made in the sessions app, moved here (docs/ARCHITECTURE.md): same table.
        db_table = "tf_sessions_companyvisit"
        verbose_name = _("company visit")
        verbose_name_plural = _("company visits")
        ordering = ["edition", F("date").asc(nulls_last=True), "id"]
        indexes = [models.Index(fields=["edition", "date"], name="visit_edition_date_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "host"],
                name="unique_visit_per_edition_host",
                violation_error_message=_("This edition already has a visit to this organisation."),
            ),
        ]

    def __str__(self):
        return str(self.host)
