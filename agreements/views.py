import logging

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.generic import DetailView
from django_filters.views import FilterView

from .filters import AgreementFilter
from .models import Agreement, AgreementDocument
from .querysets import public_agreement

logger = logging.getLogger(__name__)


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


def document_response(document) -> FileResponse:
    """The PDF as a download with a safe name; browsers must not guess another type."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name(),
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        "private, no-store" if not document.is_public else "public, max-age=3600"
    )
    return response


def document_download(request, slug, language):
    """A public agreement's public document; anything else is simply not found."""
    document = get_object_or_404(
        AgreementDocument.objects.select_related("agreement").filter(
            public_agreement("agreement__")
        ),
        agreement__slug=slug,
        language=language,
        is_public=True,
    )
    try:
        return document_response(document)
    except FileNotFoundError:
        raise Http404 from None
    except OSError as error:
        # The storage is unreachable or refuses to read: say "try again", not a crash.
        logger.error("Agreement document %s could not be read: %s", document.pk, error)
        response = render(request, "503.html", status=503)
        response["Retry-After"] = "30"
        return response
