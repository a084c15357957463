"""The public archive's pages that combine the apps: home, edition dossier, organisation."""

from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from base.caching import remember
from base.enums import Country
from companies.models import Registration
from sessions.models import Edition
from sessions.querysets import EditionLink

from .figures import key_figures
from .querysets import dossier, organisation_page


class HomeView(TemplateView):
    """The next (or latest) edition, key figures, a timeline and the ways in."""

    template_name = "archive/home.html"
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


class EditionDetailView(DetailView):
    """An edition's dossier: dates, place, people, tables, programme, visits, agreements,
    sources, participants."""

    template_name = "archive/edition_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        return dossier()

    def get_context_data(self, **kwargs):
        sequence = remember("edition-sequence", lambda: Edition.objects.published().sequence())
        previous_edition, next_edition = EditionLink.neighbours(sequence, self.object.pk)
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


class OrganisationDetailView(DetailView):
    """An organisation's public history. Contacts (people) are never shown."""

    template_name = "archive/organisation_detail.html"
    context_object_name = "organisation"

    def get_queryset(self):
        return organisation_page()
