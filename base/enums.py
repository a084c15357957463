"""Vocabularies shared by more than one app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    ITALY = "IT", _("Italy")
    RUSSIA = "RU", _("Russia")


class EvidenceLevel(models.TextChoices):
    """How well a recorded fact is supported (the edition history's legend: [A] public,
    [B] source document only, inferred, [C] unknown)."""

    PUBLIC = "public", _("public source")
    SOURCE_DOC = "source_doc", _("source document only")
    INFERRED = "inferred", _("inferred")
    UNKNOWN = "unknown", _("unknown")


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")
