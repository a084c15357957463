import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from base.filters import PortalFilterSet
from sessions.models import Edition, Region, Sector

from .models import CompanyVisit


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
        ).for_choices(),
        label=_("Host region"),
        empty_label=_("Any region"),
    )
    edition = django_filters.ModelChoiceFilter(
        # Built per request: at import time, model columns would be bound before
        # simple-history copies the models' fields (SessionsConfig.ready).
        queryset=lambda request: (
            Edition.objects.published()
            .filter(Exists(CompanyVisit.objects.filter(edition=OuterRef("pk"))))
            .for_choices()
        ),
        label=_("Edition"),
        empty_label=_("Any edition"),
        field_name="edition",
        to_field_name="slug",
    )

    class Meta:
        model = CompanyVisit
        fields = ["sector", "region", "edition"]
