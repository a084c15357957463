"""Checking uploaded agreement documents: only real PDFs, within the size limit.

The file name and the first bytes prove nothing: a file is accepted only if pypdf can parse
it as a PDF with at least one page, and it is stored under a name the server makes up.
"""

import io
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

logger = logging.getLogger(__name__)


def pdf_validate(upload) -> int:
    """Return the page count of a valid PDF upload; raise ValidationError otherwise."""
    limit = settings.AGREEMENT_DOCUMENT_MAX_BYTES
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.lstrip().startswith(b"%PDF-"):
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        pages = len(reader.pages)
        # Touch every page: a PDF header followed by junk fails here.
        for page in reader.pages:
            page.get_contents()
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        logger.info("Refused an upload that is not a readable PDF: %s", error)
        raise ValidationError(
            _("The file is not a readable PDF document."), code="unreadable_pdf"
        ) from None
    if pages == 0:
        raise ValidationError(_("The PDF document has no pages."), code="no_pages")
    return pages
