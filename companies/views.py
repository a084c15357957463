from django.views.generic import DetailView

from .models import Organisation


class OrganisationDetailView(DetailView):
    """An organisation's public history. Contacts (people) are never shown."""

    template_name = "companies/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return Organisation.objects.with_public_activity().for_public_page()
