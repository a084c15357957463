"""Protocols, memoranda, agreements and work programmes signed at or around editions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from taskforce.models import (
    Country,
    DatePrecision,
    EvidenceLevel,
    SourceBase,
    TimeStampedModel,
    format_approximate_date,
)

from .querysets import AgreementQuerySet


class Agreement(TimeStampedModel):
    class Kind(models.TextChoices):
        SESSION_PROTOCOL = "session_protocol", _("session protocol")
        MEMORANDUM = "memorandum", _("memorandum of understanding")
        COOPERATION_AGREEMENT = "cooperation_agreement", _("cooperation agreement")
        LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
        WORK_PROGRAMME = "work_programme", _("three-year work programme")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SIGNED = "signed", _("signed")
        IN_FORCE = "in_force", _("in force")
        IMPLEMENTED = "implemented", _("implemented")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")
        SUPERSEDED = "superseded", _("superseded")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        STAFF = "staff", _("staff only")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    edition = models.ForeignKey(
        "tf_sessions.Edition",
        verbose_name=_("edition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    date_signed = models.DateField(_("date signed"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    date_text = models.CharField(_("date as worded by the source"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SIGNED
    )
    period_start = models.DateField(
        _("period start"), null=True, blank=True, help_text=_("For work programmes.")
    )
    period_end = models.DateField(
        _("period end"), null=True, blank=True, help_text=_("For work programmes.")
    )
    evidence = models.CharField(
        _("evidence level"),
        max_length=12,
        choices=EvidenceLevel.choices,
        default=EvidenceLevel.PUBLIC,
    )
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    sectors = models.ManyToManyField(
        "tf_sessions.Sector", verbose_name=_("sectors"), blank=True, related_name="agreements"
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = [F("date_signed").desc(nulls_last=True), "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="agreement_period_end_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(date_signed__isnull=True, date_precision=DatePrecision.UNKNOWN)
                | (Q(date_signed__isnull=False) & ~Q(date_precision=DatePrecision.UNKNOWN)),
                name="agreement_precision_matches_date",
                violation_error_message=_(
                    "Set the date precision to “unknown” exactly when there is no date signed."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:agreement_detail", kwargs={"slug": self.slug})

    @property
    def parties_by_side(self) -> list[tuple[str, list]]:
        """[(side, parties)] — the Italian side first; uses the prefetched parties."""
        sides = {Country.ITALY: [], Country.RUSSIA: []}
        for party in self.parties.all():
            sides[party.side].append(party)
        return [(side.value, parties) for side, parties in sides.items() if parties]

    @property
    def display_date(self) -> str:
        return format_approximate_date(self.date_signed, None, self.date_precision)

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})


class AgreementParty(models.Model):
    """A party to an agreement, on the Italian or the Russian side, with its signatory."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        "companies.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    side = models.CharField(_("side"), max_length=2, choices=Country.choices)
    signatory_name = models.CharField(_("signatory"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["agreement", "side", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"],
                name="unique_party_per_agreement",
                violation_error_message=_("This organisation is already a party to the agreement."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


class AgreementSource(SourceBase):
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="sources"
    )

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["agreement", "id"]
