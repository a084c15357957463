from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import AgreementFilter
from .models import Agreement


class AgreementListView(FilterView):
    """Public agreements only; staff-only ones never reach the public site."""

    filterset_class = AgreementFilter
    template_name = "agreements/agreement_list.html"
    context_object_name = "agreements"
    paginate_by = 20

    def get_queryset(self):
        return Agreement.objects.public().for_list()


class AgreementDetailView(DetailView):
    template_name = "agreements/agreement_detail.html"
    context_object_name = "agreement"

    def get_queryset(self):
        return Agreement.objects.public().for_detail()
