"""Organisations taking part in the Task Force, their contacts and industrial districts."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.it import iva
from stdnum.ru import inn, ogrn

from taskforce.models import Country, TimeStampedModel

from .querysets import OrganisationQuerySet


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

    class Kind(models.TextChoices):
        INDUSTRIAL_DISTRICT = "industrial_district", _("Italian industrial district")
        SPECIAL_ECONOMIC_ZONE = (
            "special_economic_zone",
            _("Russian special economic zone (Federal Law 116-FZ of 22 July 2005)"),
        )
        INDUSTRIAL_PARK = "industrial_park", _("industrial park")
        TECHNOLOGY_PARK = "technology_park", _("technology park")
        CLUSTER = "cluster", _("cluster")

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

    class Kind(models.TextChoices):
        SME = "sme", _("SME")
        LARGE_COMPANY = "large_company", _("large company")
        PUBLIC_BODY = "public_body", _("region or public body")
        ASSOCIATION = "association", _("association")
        CHAMBER_OF_COMMERCE = "chamber_of_commerce", _("chamber of commerce")
        TRADE_FAIR = "trade_fair", _("trade fair")
        UNIVERSITY = "university", _("university")
        RESEARCH_CENTRE = "research_centre", _("research centre")
        TECHNOLOGY_PARK = "technology_park", _("technology park")
        BANK = "bank", _("bank")
        MINISTRY = "ministry", _("ministry or agency")
        OTHER = "other", _("other")

    class Size(models.TextChoices):
        # EU SME definition (Recommendation 2003/361/EC).
        MICRO = "micro", _("micro (fewer than 10 staff)")
        SMALL = "small", _("small (fewer than 50 staff)")
        MEDIUM = "medium", _("medium (fewer than 250 staff)")
        LARGE = "large", _("large (250 staff or more)")

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
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[("it", _("Italian")), ("ru", _("Russian")), ("en", _("English"))],
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
