import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from taskforce.models import Country
from taskforce.pagecache import content_version
from taskforce.widgets import FastSelect

from .models import CompanyVisit, Edition, Region, Sector
from .querysets import SEARCH_MAX_LENGTH, SEARCH_MAX_TERMS


class PortalFilterSet(django_filters.FilterSet):
    """Bootstrap Italia classes on every widget of a public filter form; selects rendered
    without a template per option (FastSelect).

    The choices of a select drawn from the database (regions, sectors, editions) are the same
    on every page of a list, whatever its filters: they are read once per change of content
    and language (the content version of taskforce.pagecache), as plain (value, label) pairs.
    A value sent back is still checked against the database by the field itself.
    """

    @property
    def form(self):
        form = super().form
        for name, field in form.fields.items():
            if type(field.widget) is forms.Select:
                widget = FastSelect(attrs=field.widget.attrs)
                widget.choices = self._choices(name, field)
                field.widget = widget
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        return form

    def _choices(self, name: str, field: forms.Field) -> list:
        if not isinstance(field, forms.ModelChoiceField):
            return field.widget.choices
        key = f"filter-choices:{type(self).__name__}:{name}:{get_language()}:{content_version()}"
        return cache.get_or_set(
            key,
            lambda: [(str(value), str(label)) for value, label in field.choices],
            timeout=CHOICES_SECONDS,
        )


# A change of content replaces the choices at once (new content version); this only bounds
# how long unused ones stay in the cache.
CHOICES_SECONDS = 3600


def validate_search(value: str) -> None:
    """A search of a few words: more would not narrow it, and each costs a pass."""
    if len(set(value.split())) > SEARCH_MAX_TERMS:
        raise forms.ValidationError(
            ngettext(
                "Search with at most %(count)s word.",
                "Search with at most %(count)s words.",
                SEARCH_MAX_TERMS,
            )
            % {"count": SEARCH_MAX_TERMS},
            code="too_many_words",
        )


class YearFilter(django_filters.NumberFilter):
    """A year, typed as text so that a wrong entry stays visible next to its message."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "size": 4}))
        super().__init__(*args, **kwargs)


# The choices of the filters load only what their labels show: a few columns of a hundred
# rows, not every column (summaries, notes…) of each.
REGION_LABEL = ("pk", "country", "name_it", "name_ru", "name_en")
EDITION_LABEL = ("pk", "slug", "number", "start_date", "country", "city_it", "city_ru", "city_en")


def host_regions(request):
    return (
        Region.objects.filter(Exists(Edition.objects.published().filter(region=OuterRef("pk"))))
        .only(*REGION_LABEL)
        .order_by("country", "name")
    )


class EditionFilter(PortalFilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        max_length=SEARCH_MAX_LENGTH,
        validators=[validate_search],
    )
    country = django_filters.ChoiceFilter(
        choices=Country.choices, label=_("Host country"), empty_label=_("Any country")
    )
    region = django_filters.ModelChoiceFilter(
        queryset=host_regions, label=_("Host region"), empty_label=_("Any region")
    )
    year_from = YearFilter(
        field_name="start_date",
        lookup_expr="year__gte",
        label=_("From year"),
        min_value=1900,
        max_value=2999,
    )
    year_to = YearFilter(
        field_name="start_date",
        lookup_expr="year__lte",
        label=_("To year"),
        min_value=1900,
        max_value=2999,
    )
    sector = django_filters.ModelChoiceFilter(
        field_name="sectors",
        queryset=lambda request: Sector.objects.filter(
            Exists(Edition.objects.published().filter(sectors=OuterRef("pk")))
        ),
        label=_("Sector"),
        empty_label=_("Any sector"),
        distinct=True,
    )
    status = django_filters.ChoiceFilter(
        choices=Edition.Status.choices, label=_("Status"), empty_label=_("Any status")
    )

    class Meta:
        model = Edition
        fields = ["q", "country", "region", "year_from", "year_to", "sector", "status"]

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset


class CompanyVisitFilter(PortalFilterSet):
    sector = django_filters.ModelChoiceFilter(
        queryset=lambda request: Sector.objects.filter(
            Exists(CompanyVisit.objects.published().filter(sector=OuterRef("pk")))
        ),
        label=_("Sector"),
        empty_label=_("Any sector"),
    )
    region = django_filters.ModelChoiceFilter(
        field_name="edition__region",
        queryset=lambda request: Region.objects.filter(
            Exists(CompanyVisit.objects.published().filter(edition__region=OuterRef("pk")))
        ).only(*REGION_LABEL),
        label=_("Host region"),
        empty_label=_("Any region"),
    )
    edition = django_filters.ModelChoiceFilter(
        # Querysets are built per request: building them at import time would bind model
        # columns before simple-history copies the models' fields (see SessionsConfig.ready).
        queryset=lambda request: (
            Edition.objects.published()
            .filter(Exists(CompanyVisit.objects.filter(edition=OuterRef("pk"))))
            .newest_first()
            .only(*EDITION_LABEL)
        ),
        label=_("Edition"),
        empty_label=_("Any edition"),
        field_name="edition",
        to_field_name="slug",
    )

    class Meta:
        model = CompanyVisit
        fields = ["sector", "region", "edition"]
