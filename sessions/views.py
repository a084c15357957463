from django.views.generic import TemplateView
from django_filters.views import FilterView

from base.enums import Country

from .charts import editions_per_year
from .filters import EditionFilter
from .models import Edition, Region


class EditionListView(FilterView):
    filterset_class = EditionFilter
    template_name = "sessions/edition_list.html"
    context_object_name = "editions"
    paginate_by = 20

    def get_queryset(self):
        return Edition.objects.published().for_list().newest_first()


class RegionListView(TemplateView):
    """Host regions of both countries, and editions per year as a chart and a table."""

    template_name = "sessions/region_list.html"

    def get_context_data(self, **kwargs):
        regions = list(Region.objects.hosts())
        return super().get_context_data(
            region_groups=[
                (Country(country).label, [r for r in regions if r.country == country])
                for country in (Country.ITALY, Country.RUSSIA)
            ],
            chart=editions_per_year(Edition.objects.published().held()),
            **kwargs,
        )
