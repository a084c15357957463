"""Editions of the Task Force and their programme: regions, sectors, tables, agenda."""

import pycountry
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from base.dates import format_approximate_date
from base.enums import Country, DatePrecision, EvidenceLevel
from base.models import SourceBase, TimeStampedModel

from .enums import (
    UNHELD_STATUSES,
    AgendaKind,
    BookingMode,
    EditionStatus,
    RegionKind,
    to_roman,
)
from .querysets import EditionQuerySet, RegionQuerySet


def validate_region_code(value: str) -> None:
    """The code must be a top-level ISO 3166-2 subdivision of Italy or Russia."""
    subdivision = pycountry.subdivisions.get(code=value)
    if subdivision is None or subdivision.country_code not in Country.values:
        raise ValidationError(
            _("“%(code)s” is not an ISO 3166-2 code of an Italian or Russian region."),
            code="invalid_region_code",
            params={"code": value},
        )
    if subdivision.parent_code is not None:
        raise ValidationError(
            _("“%(code)s” is a province or city, not a region."),
            code="not_a_region",
            params={"code": value},
        )


class Region(TimeStampedModel):
    """An Italian region or a Russian federal subject, identified by its ISO 3166-2 code."""

    Kind = RegionKind

    code = models.CharField(
        _("ISO 3166-2 code"),
        max_length=6,
        unique=True,
        validators=[validate_region_code],
        error_messages={"unique": _("A region with this ISO 3166-2 code already exists.")},
        help_text=_("For example IT-52 (Tuscany) or RU-LIP (Lipetsk Oblast)."),
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=120)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["country", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__startswith=F("country")),
                name="region_code_matches_country",
                violation_error_message=_("The ISO code must start with the region's country."),
            ),
        ]

    def __str__(self):
        return self.name


class Sector(TimeStampedModel):
    """An economic sector, the theme of sectoral tables and company visits."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "slug"]

    def __str__(self):
        return self.name


class Edition(TimeStampedModel):
    """A numbered session of the Task Force, or an honest placeholder for an unknown one."""

    Status = EditionStatus

    number = models.PositiveSmallIntegerField(
        _("number"),
        null=True,
        blank=True,
        help_text=_("Shown as a Roman numeral. Leave empty if the edition was not numbered."),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            "How precise the known date is. For a month, enter the first day of the month; "
            "for a year, 1 January."
        ),
    )
    date_inferred = models.BooleanField(
        _("date partly inferred"),
        default=False,
        help_text=_("Part of the date is an editorial deduction, not stated by a source."),
    )
    date_text = models.CharField(_("date as worded by the source"), max_length=200, blank=True)
    country = models.CharField(_("host country"), max_length=2, choices=Country.choices, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("host region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="editions",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("Conflicting sources, inferences, facts resting on one document only."),
    )
    evidence = models.CharField(
        _("evidence level"),
        max_length=12,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.PUBLIC,
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("sectors"), blank=True, related_name="editions"
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    booking_mode = models.CharField(
        _("booking mode"),
        max_length=10,
        choices=BookingMode.choices,
        default=BookingMode.AUTOMATIC,
        help_text=_(
            "Automatic: confirmed bookings are accepted up to each table's capacity, then go to "
            "the waiting list. Staff approval: staff accept each booking, within capacity."
        ),
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Shown on the public site. A new edition stays a draft until it is ticked."),
    )
    participants_public = models.BooleanField(
        _("participants list published"),
        default=False,
        help_text=_(
            "Shows on the edition's page the organisations with an accepted booking that "
            "agreed to be listed. Check the list (the tables' participants) before ticking it."
        ),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = [F("start_date").desc(nulls_last=True), F("number").desc(nulls_last=True)]
        indexes = [
            # The public lists: published editions by date, filtered by country or status.
            models.Index(fields=["is_published", "start_date"], name="edition_published_date_idx"),
            models.Index(fields=["country"], name="edition_country_idx"),
            models.Index(fields=["status"], name="edition_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="edition_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True, date_precision=DatePrecision.UNKNOWN)
                | (Q(start_date__isnull=False) & ~Q(date_precision=DatePrecision.UNKNOWN)),
                name="edition_precision_matches_date",
                violation_error_message=_(
                    "Set the date precision to “unknown” exactly when there is no start date."
                ),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=False),
                name="edition_end_needs_start",
                violation_error_message=_("An end date needs a start date."),
            ),
            models.CheckConstraint(
                condition=~Q(status=EditionStatus.UNKNOWN)
                | Q(start_date__isnull=True, country="", region__isnull=True, city="", venue=""),
                name="edition_placeholder_has_no_facts",
                violation_error_message=_(
                    "An edition whose status is unknown cannot have a date or a place."
                ),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="edition_registration_closes_after_opening",
                violation_error_message=_("Registration must close after it opens."),
            ),
            # A number is reused only when an earlier attempt was postponed or cancelled
            # (the XXVIII edition: planned in Kaliningrad, postponed, later held online).
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(status__in=[*UNHELD_STATUSES]),
                name="edition_number_unique_unless_postponed",
                violation_error_message=_(
                    "Another edition already has this number. A number can be shared only "
                    "with a postponed or cancelled edition."
                ),
            ),
        ]

    def __str__(self):
        label = self.roman or _("Unnumbered edition")
        where = self.city or self.get_country_display()
        return f"{label} – {where}" if where else str(label)

    def get_absolute_url(self):
        return reverse("archive:edition_detail", kwargs={"slug": self.slug})

    @property
    def roman(self) -> str:
        return to_roman(self.number) if self.number else ""

    @property
    def display_date(self) -> str:
        return format_approximate_date(self.start_date, self.end_date, self.date_precision)

    @property
    def is_placeholder(self) -> bool:
        return self.status == self.Status.UNKNOWN

    def registration_state(self, now) -> str:
        """ "open", "not_yet_open", "closed", or "none" when no window is set."""
        if not (self.registration_opens_at and self.registration_closes_at):
            return "none"
        if now < self.registration_opens_at:
            return "not_yet_open"
        if now >= self.registration_closes_at:
            return "closed"
        return "open"

    def clean(self):
        super().clean()
        errors = {}
        # Mirrors the database constraints so the message stands next to its field.
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if self.end_date and not self.start_date:
            errors["start_date"] = _("An end date needs a start date.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.region_id and self.country and self.region.country != self.country:
            errors["region"] = _("The host region is not in the host country.")
        if self.region_id and not self.country:
            self.country = self.region.country
        if errors:
            raise ValidationError(errors)


class EditionCoChair(models.Model):
    """A co-chair of one edition: the people changed over the years."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="co_chairs"
    )
    side = models.CharField(_("side"), max_length=2, choices=Country.choices)
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("Leave empty if only the role is known.")
    )
    role = models.CharField(_("role"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("co-chair")
        verbose_name_plural = _("co-chairs")
        ordering = ["edition", "side", "order"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="", role=""),
                name="cochair_has_name_or_role",
                violation_error_message=_("Give at least the name or the role of the co-chair."),
            ),
        ]

    def __str__(self):
        return self.name or self.role


class EditionSource(SourceBase):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sources"
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["edition", "id"]


class SectoralTable(TimeStampedModel):
    """A sectoral working table of an edition, where companies present proposals."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="tables"
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="tables"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Maximum number of accepted bookings. Leave empty for no limit."),
    )
    # Kept by the booking services with a guarded UPDATE; the constraint below makes the
    # database itself refuse an oversold table.
    accepted_count = models.PositiveIntegerField(_("accepted bookings"), default=0, editable=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sectoral table")
        verbose_name_plural = _("sectoral tables")
        ordering = ["edition", "sector__order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "sector", "title"],
                name="unique_table_per_edition_sector_title",
                violation_error_message=_(
                    "This edition already has a table with this sector and title."
                ),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(starts_at__isnull=True)
                | Q(ends_at__gte=F("starts_at")),
                name="table_end_after_start",
                violation_error_message=_("The end cannot be before the start."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="table_capacity_positive",
                violation_error_message=_("The capacity must be at least 1, or empty."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(accepted_count__lte=F("capacity")),
                name="table_never_oversold",
                violation_error_message=_(
                    "The capacity cannot be lower than the bookings already accepted."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.accepted_count, 0)

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("The end cannot be before the start.")
        if self.capacity is not None and self.capacity < self.accepted_count:
            errors["capacity"] = _(
                "The capacity cannot be lower than the %(count)s bookings already accepted."
            ) % {"count": self.accepted_count}
        if errors:
            raise ValidationError(errors)


class AgendaItem(models.Model):
    """One item of an edition's programme."""

    Kind = AgendaKind

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), null=True, blank=True)
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["edition", F("date").asc(nulls_last=True), F("start_time").asc(nulls_last=True)]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True)
                | Q(start_time__isnull=True)
                | Q(end_time__gte=F("start_time")),
                name="agenda_end_after_start",
                violation_error_message=_("The end time cannot be before the start time."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise ValidationError({"end_time": _("The end time cannot be before the start time.")})
