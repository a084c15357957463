from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from .models import Edition


@never_cache
def healthz(request):
    """The framework's floor: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


class HomeView(ListView):
    """The home page: every published edition, newest first, gaps included."""

    template_name = "sessions/home.html"
    context_object_name = "editions"

    def get_queryset(self):
        return Edition.objects.published().for_list()


class EditionDetailView(DetailView):
    template_name = "sessions/edition_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        return Edition.objects.published().for_detail()
