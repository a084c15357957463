"""Template helpers of every public page: translated texts, evidence badges, dates."""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language

from base.dates import format_approximate_date
from base.enums import DatePrecision, EvidenceLevel

register = template.Library()


@register.simple_tag
def translated(obj, field: str):
    """A translated field in the active language, or its fallback marked with its language.

    Screen readers and browsers then read a fallback Italian text as Italian on a Russian page.
    """
    value = getattr(obj, f"{field}_{get_language()}", "")
    if value:
        return value
    for fallback in settings.MODELTRANSLATION_FALLBACK_LANGUAGES:
        value = getattr(obj, f"{field}_{fallback}", "")
        if value:
            return format_html('<span lang="{}">{}</span>', fallback, value)
    return ""


@register.inclusion_tag("base/evidence.html")
def evidence(level: str):
    """The badge of an evidence level (base.enums.EvidenceLevel)."""
    level = level if level in EvidenceLevel.values else EvidenceLevel.UNKNOWN
    return {
        "level": level,
        "css": f"evidence-{level.replace('_', '-')}",
        "label": EvidenceLevel(level).label,
        "unconfirmed": level == EvidenceLevel.SOURCE_DOC,
    }


@register.filter
def day_date(value):
    """A known day in the active language: "30 novembre 2018", "30 ноября 2018"."""
    if not value:
        return ""
    return format_approximate_date(value, None, DatePrecision.DAY)


@register.filter
def day_time(value):
    """A moment in the portal's time zone: "12 dicembre 2026, 08:20"."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{day_date(local.date())}, {local:%H:%M}"
