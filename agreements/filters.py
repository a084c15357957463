import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from base.enums import Country
from base.filters import PortalFilterSet, YearFilter
from sessions.models import Sector

from .models import Agreement


class AgreementFilter(PortalFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Agreement.Kind.choices, label=_("Kind"), empty_label=_("Any kind")
    )
    year = YearFilter(field_name="date_signed", lookup_expr="year", label=_("Year signed"))
    sector = django_filters.ModelChoiceFilter(
        field_name="sectors",
        # Exists, not a DISTINCT over every agreement's sectors.
        queryset=lambda request: Sector.objects.filter(
            Exists(Agreement.objects.public().filter(sectors=OuterRef("pk")))
        ),
        label=_("Sector"),
        empty_label=_("Any sector"),
        distinct=True,
    )
    party_country = django_filters.ChoiceFilter(
        field_name="parties__organisation__country",
        choices=Country.choices,
        label=_("Country of a party"),
        empty_label=_("Any country"),
        distinct=True,
    )

    class Meta:
        model = Agreement
        fields = ["kind", "year", "sector", "party_country"]
