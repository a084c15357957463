"""The vocabularies of the sessions app, shared by its models and querysets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    REGION = "region", _("region")
    AUTONOMOUS_REGION = "autonomous_region", _("autonomous region")
    REPUBLIC = "republic", _("republic")
    OBLAST = "oblast", _("oblast")
    KRAI = "krai", _("krai")
    AUTONOMOUS_OKRUG = "autonomous_okrug", _("autonomous okrug")
    AUTONOMOUS_OBLAST = "autonomous_oblast", _("autonomous oblast")
    FEDERAL_CITY = "federal_city", _("federal city")


class EditionStatus(models.TextChoices):
    HELD = "held", _("held")
    PLANNED = "planned", _("planned")
    POSTPONED = "postponed", _("postponed")
    HELD_ONLINE = "held_online", _("held online")
    CANCELLED = "cancelled", _("cancelled")
    UNKNOWN = "unknown", _("unknown")


class AgendaKind(models.TextChoices):
    PLENARY = "plenary", _("plenary")
    SECTORAL_TABLE = "sectoral_table", _("sectoral tables")
    COMPANY_VISIT = "company_visit", _("company visits")
    B2B = "b2b", _("B2B meetings")
    SIGNING = "signing", _("signing ceremony")
    SEMINAR = "seminar", _("seminar")
    OTHER = "other", _("other")


class BookingMode(models.TextChoices):
    AUTOMATIC = "automatic", _("automatic up to capacity")
    APPROVAL = "approval", _("staff approval")


# Editions that took place, in person or online.
HELD_STATUSES = (EditionStatus.HELD, EditionStatus.HELD_ONLINE)
# Editions that did not take place: their number may be given to a later one.
UNHELD_STATUSES = (EditionStatus.POSTPONED, EditionStatus.CANCELLED)
# The slugs of the fictional editions of `manage.py seed_demo` start with this.
DEMO_SLUG_PREFIX = "demo-"


# Edition numbers ---------------------------------------------------------------------

ROMAN_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def to_roman(number: int) -> str:
    """1 → "I", 27 → "XXVII"."""
    if number < 1:
        raise ValueError("Roman numerals start at 1.")
    out = []
    for value, letters in ROMAN_NUMERALS:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)
