from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView

from companies.models import Registration
from taskforce.models import Country

from .charts import editions_per_year
from .figures import key_figures
from .filters import CompanyVisitFilter, EditionFilter
from .models import CompanyVisit, Edition, Region


@never_cache
def healthz(request):
    """The framework's floor: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


class HomeView(TemplateView):
    """The next (or latest) edition, key figures, a timeline and the ways in."""

    template_name = "sessions/home.html"
    # The timeline shows the latest editions (the whole history today: 29 of them); the
    # list of editions has them all.
    TIMELINE_LENGTH = 30

    def get_context_data(self, **kwargs):
        editions = Edition.objects.published()
        featured = (
            editions.upcoming(timezone.localdate()).select_related("region").first()
            or editions.held().select_related("region").newest_first().first()
        )
        figures = key_figures()
        first = max(0, figures["editions_published"] - self.TIMELINE_LENGTH)
        timeline = list(editions.for_timeline().chronological()[first:])
        return super().get_context_data(
            featured=featured,
            timeline=timeline,
            timeline_hidden=first,
            figures=figures,
            **kwargs,
        )


class EditionListView(FilterView):
    filterset_class = EditionFilter
    template_name = "sessions/edition_list.html"
    context_object_name = "editions"
    paginate_by = 20

    def get_queryset(self):
        return Edition.objects.published().for_list().newest_first()


class EditionDetailView(DetailView):
    template_name = "sessions/edition_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        return Edition.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        previous_edition, next_edition = Edition.objects.neighbours(self.object)
        participants = (
            Registration.objects.filter(edition=self.object).listed_participants()
            if self.object.participants_public
            else []
        )
        return super().get_context_data(
            previous_edition=previous_edition,
            next_edition=next_edition,
            participant_groups=[(Country(code).label, names) for code, names in participants],
            **kwargs,
        )


class CompanyVisitListView(FilterView):
    filterset_class = CompanyVisitFilter
    template_name = "sessions/visit_list.html"
    context_object_name = "visits"
    paginate_by = 30

    def get_queryset(self):
        return CompanyVisit.objects.published().for_list()


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
