import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from base.enums import Country
from base.filters import PortalFilterSet, YearFilter

from .models import Edition, Region, Sector
from .querysets import SEARCH_MAX_LENGTH, SEARCH_MAX_TERMS


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


def host_regions(request):
    return Region.objects.filter(
        Exists(Edition.objects.published().filter(region=OuterRef("pk")))
    ).for_choices()


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
    year_from = YearFilter(field_name="start_date", lookup_expr="year__gte", label=_("From year"))
    year_to = YearFilter(field_name="start_date", lookup_expr="year__lte", label=_("To year"))
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
