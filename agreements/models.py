"""Protocols, memoranda, agreements and work programmes signed at or around editions, with
their documents, lifecycle, relations and follow-up."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from base.dates import format_approximate_date
from base.enums import Country, DatePrecision, EvidenceLevel
from base.models import SourceBase, TimeStampedModel

from .enums import (
    AGREEMENT_TRANSITIONS,
    AgreementKind,
    AgreementStatus,
    Currency,
    OutcomeKind,
    Progress,
    RelationKind,
    Visibility,
)
from .querysets import AgreementQuerySet


# Documents live outside the static and media roots and are served only through views that
# check who is asking (never a guessable public URL).
class PrivateDocumentStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from the settings at each use (tests move it),
    with no public URL."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Agreement documents have no public URL; use the download views.")


def private_storage():
    # A callable, so that migrations name it instead of freezing this machine's path.
    return PrivateDocumentStorage()


class Agreement(TimeStampedModel):
    Kind = AgreementKind

    Status = AgreementStatus

    Visibility = Visibility

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
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
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
        _("visibility"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.STAFF,
        help_text=_(
            "Public agreements appear on the public site once signed (never as drafts), "
            "if their edition is published."
        ),
    )
    sectors = models.ManyToManyField(
        "tf_sessions.Sector", verbose_name=_("sectors"), blank=True, related_name="agreements"
    )
    sectoral_table = models.ForeignKey(
        "tf_sessions.SectoralTable",
        verbose_name=_("from the sectoral table"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    company_visit = models.ForeignKey(
        "companies.CompanyVisit",
        verbose_name=_("from the company visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = [F("date_signed").desc(nulls_last=True), "title"]
        indexes = [
            models.Index(fields=["date_signed"], name="agreement_date_signed_idx"),
            models.Index(fields=["visibility", "status"], name="agreement_visibility_idx"),
            models.Index(fields=["kind"], name="agreement_kind_idx"),
            # The public list, newest first: read in index order instead of sorting every
            # public agreement (SQLite; on PostgreSQL "DESC NULLS LAST" still sorts).
            models.Index(
                fields=["visibility", "-date_signed", "id"], name="agreement_public_newest_idx"
            ),
        ]
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

    # The lifecycle (agreements.enums.AGREEMENT_TRANSITIONS).
    TRANSITIONS = AGREEMENT_TRANSITIONS

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:agreement_detail", kwargs={"slug": self.slug})

    @property
    def is_signed(self) -> bool:
        """Once signed, the text, parties, date and documents no longer change."""
        return self.status != self.Status.DRAFT

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


def document_upload_to(instance, filename: str) -> str:
    """A server-made name: nothing the uploader typed reaches the file system."""
    return f"agreements/{uuid.uuid4().hex}.pdf"


class AgreementDocument(TimeStampedModel):
    """The signed text in one authentic language, as a PDF."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="documents"
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=settings.LANGUAGES,
    )
    file = models.FileField(
        _("PDF file"), upload_to=document_upload_to, storage=private_storage, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_("Downloadable by anyone once the agreement is public."),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["agreement", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "language"],
                name="one_document_per_language",
                violation_error_message=_(
                    "This agreement already has a document in this language."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.agreement} ({self.get_language_display()})"

    def download_name(self) -> str:
        """A safe file name for Content-Disposition: ASCII slug of the title + language."""
        stem = slugify(self.agreement.title_it or self.agreement.slug)[:80] or "document"
        return f"{stem}-{self.language}.pdf"

    def get_absolute_url(self):
        return reverse(
            "agreements:document_download",
            kwargs={"slug": self.agreement.slug, "language": self.language},
        )


class AgreementTransition(models.Model):
    """One step of an agreement's lifecycle: who moved it, when, and why."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=Agreement.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=Agreement.Status.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["agreement", "recorded_at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class AgreementRelation(models.Model):
    """How one agreement relates to another: amends, supersedes, implements."""

    Kind = RelationKind

    source = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="relations"
    )
    kind = models.CharField(_("relation"), max_length=12, choices=Kind.choices)
    target = models.ForeignKey(
        Agreement,
        verbose_name=_("related agreement"),
        on_delete=models.PROTECT,
        related_name="related_from",
    )

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["source", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"],
                name="unique_agreement_relation",
                violation_error_message=_("This relation is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="agreement_not_related_to_itself",
                violation_error_message=_("An agreement cannot be related to itself."),
            ),
        ]

    def __str__(self):
        return f"{self.source} {self.get_kind_display()} {self.target}"


class Outcome(TimeStampedModel):
    """What an agreement led to: investments, joint ventures, contracts, jobs."""

    Kind = OutcomeKind

    Currency = Currency

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="outcomes"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    jobs = models.PositiveIntegerField(_("jobs"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    is_public = models.BooleanField(_("public"), default=False)

    class Meta:
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")
        ordering = ["agreement", "-date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="outcome_amount_has_currency",
                violation_error_message=_("An amount needs its currency."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="outcome_amount_not_negative",
                violation_error_message=_("The amount cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date})"

    def clean(self):
        super().clean()
        if self.amount is not None and not self.currency:
            raise ValidationError({"currency": _("An amount needs its currency.")})


class WorkProgrammeAction(TimeStampedModel):
    """An action item of a three-year work programme, for one year, with its progress."""

    Progress = Progress

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("work programme"),
        on_delete=models.CASCADE,
        related_name="actions",
        limit_choices_to={"kind": Agreement.Kind.WORK_PROGRAMME},
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    progress = models.CharField(
        _("progress"), max_length=12, choices=Progress.choices, default=Progress.NOT_STARTED
    )

    class Meta:
        verbose_name = _("work programme action")
        verbose_name_plural = _("work programme actions")
        ordering = ["agreement", "year", "id"]

    def __str__(self):
        return f"{self.year}: {self.title}"

    def clean(self):
        super().clean()
        programme = self.agreement if self.agreement_id else None
        if programme and programme.kind != Agreement.Kind.WORK_PROGRAMME:
            raise ValidationError({"agreement": _("Actions belong to work programmes only.")})
        if (
            programme
            and programme.period_start
            and programme.period_end
            and not programme.period_start.year <= self.year <= programme.period_end.year
        ):
            raise ValidationError({"year": _("The year is outside the programme's period.")})
