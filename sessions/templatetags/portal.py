"""Template helpers of the public site."""

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from taskforce.models import DatePrecision, format_approximate_date

register = template.Library()

FALLBACK_LANGUAGES = ("it", "en")


@register.simple_tag
def translated(obj, field: str):
    """A translated field in the active language, or its fallback marked with its language.

    Screen readers and browsers then read a fallback Italian text as Italian on a Russian page.
    """
    language = get_language()
    value = getattr(obj, f"{field}_{language}", "")
    if value:
        return value
    for fallback in FALLBACK_LANGUAGES:
        value = getattr(obj, f"{field}_{fallback}", "")
        if value:
            return format_html('<span lang="{}">{}</span>', fallback, value)
    return ""


# How well a fact is supported: (CSS class, label, tooltip) per evidence level.
EVIDENCE_BADGES = {
    "public": ("evidence-public", _("public source"), None),
    "source_doc": (
        "evidence-source-doc",
        _("ministry document only"),
        _("Not confirmed by public sources"),
    ),
    "inferred": ("evidence-inferred", _("inferred"), None),
}
EVIDENCE_UNKNOWN = ("evidence-unknown", _("unknown"), None)


@register.simple_tag
def evidence(level: str):
    """The badge of an evidence level (taskforce.models.EvidenceLevel)."""
    css, label, title = EVIDENCE_BADGES.get(level, EVIDENCE_UNKNOWN)
    if title:
        return format_html(
            '<span class="badge evidence {}" title="{}">{}</span>', css, title, label
        )
    return format_html('<span class="badge evidence {}">{}</span>', css, label)


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


@register.simple_tag
def chart_marks(chart, *, italy: str, russia: str):
    """The bars, grid and labels of an editions-per-year chart (sessions.charts.Chart)."""
    return chart.marks({"IT": italy, "RU": russia})


@register.filter
def list_items(values):
    """Each value as a list item, escaped: `<ul>{{ names|list_items }}</ul>`.

    The dossier lists an edition's participants, hundreds of names: joined here, a name
    costs a string, not a loop iteration and a variable node of the template engine.
    """
    return mark_safe("".join(f"<li>{escape(value)}</li>" for value in values))  # noqa: S308


@register.simple_tag
def region_line(region, editions_url: str):
    """A host region on the regions page: its name (a link to its editions), its code, how
    many editions it held and in which years (from Region.objects.hosts()).

    Written here rather than by the template: the regions page lists up to a hundred regions,
    and the template engine's work per line was most of the page's time.
    """
    held = ngettext("%(counter)s edition", "%(counter)s editions", region.edition_count) % {
        "counter": region.edition_count
    }
    first = region.first_date and region.first_date.year
    last = region.last_date and region.last_date.year
    years = "" if first is None else f", {first}" if first == last else f", {first}–{last}"
    # Escaped once each: the name, the code, the words; the rest are numbers.
    return mark_safe(  # noqa: S308
        f'<a href="{escape(editions_url)}?region={region.pk}"><strong>'
        f"{conditional_escape(translated(region, 'name'))}</strong></a> "
        f'<span class="text-muted small">{escape(region.code)}</span> – {escape(held)}{years}'
    )


@register.simple_tag
def timeline_item(edition, unknown: str):
    """An edition on the home page's timeline: number, place and date, a link to its page.

    Written here rather than by the template, as are the regions page's lines: the
    timeline shows up to thirty editions (sessions.views.HomeView.TIMELINE_LENGTH).
    """
    if edition.is_placeholder:
        where = unknown
    else:
        where = translated(edition, "city") or (
            translated(edition.region, "name") if edition.region else edition.get_status_display()
        )
    css = f"timeline-item timeline-{(edition.country or 'none').lower()}"
    if edition.is_placeholder:
        css += " edition-gap"
    return format_html(
        '<li class="{}"><a href="{}"><span class="timeline-number">{}</span> '
        '<span class="timeline-where">{}</span> <span class="timeline-when">{}</span></a></li>',
        css,
        edition.get_absolute_url(),
        edition.roman or "—",
        where,
        edition.display_date,
    )
