"""Abstract models and query helpers shared by the apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as translation_settings
from modeltranslation.utils import build_localized_fieldname


class SubqueryCount(models.Subquery):
    """The number of rows of a correlated subquery, e.g. a registration's bookings.

    Unlike `Count()` over a join, it needs no GROUP BY of the whole table: a database
    computes it only for the rows it returns (one page of a changelist).
    """

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _count)"
    output_field = models.IntegerField()

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset.order_by().values("pk"), **kwargs)


class TimeStampedModel(models.Model):
    """Creation and last-change times, filled automatically and read-only in the admin."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class SourceBase(models.Model):
    """A public or internal source supporting facts about a record."""

    url = models.URLField(_("URL"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    supports = models.CharField(
        _("what it supports"),
        max_length=300,
        blank=True,
        help_text=_("Which facts this source supports, e.g. dates, venue, sectors."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.publisher


def content_languages() -> tuple[str, ...]:
    """The languages of the translated content (settings.MODELTRANSLATION_LANGUAGES)."""
    return tuple(translation_settings.AVAILABLE_LANGUAGES)


def translation_columns(field: str) -> list[str]:
    """The column of a translated field in each language of the content, for only():
    "city" → ["city_it", "city_ru", "city_en"]; "region__name" → ["region__name_it", …]."""
    return [build_localized_fieldname(field, language) for language in content_languages()]


def related_model(model: type[models.Model], name: str) -> type[models.Model]:
    """The model at the other end of `model`'s relation `name` (forward or reverse):
    a queryset reaches the models it joins without importing them (models import their
    querysets)."""
    return model._meta.get_field(name).related_model
