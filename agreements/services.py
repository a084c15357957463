"""Writes of the agreements app: the lifecycle and the signed documents."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .documents import pdf_validate
from .models import Agreement, AgreementDocument, AgreementTransition


class TransitionError(Exception):
    """The agreement cannot move to that status; the message says why."""


@transaction.atomic
def agreement_transition(
    *,
    agreement: Agreement,
    to: str,
    by=None,
    note: str = "",
    on: datetime.date | None = None,
) -> Agreement:
    """Move an agreement along its lifecycle, recording who, when and why."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    current = Agreement.Status(agreement.status)
    try:
        target = Agreement.Status(to)
    except ValueError:
        raise TransitionError(_("“%(status)s” is not a status.") % {"status": to}) from None
    if target not in Agreement.TRANSITIONS[current]:
        raise TransitionError(
            _("An agreement that is “%(current)s” cannot become “%(target)s”.")
            % {"current": current.label, "target": target.label}
        )
    if target == Agreement.Status.SIGNED and agreement.date_signed is None:
        raise TransitionError(_("Enter the date of signature before marking it as signed."))
    AgreementTransition.objects.create(
        agreement=agreement,
        from_status=current,
        to_status=target,
        date=on or timezone.localdate(),
        note=note,
        by=by,
    )
    agreement.status = target
    agreement.save(update_fields=["status", "updated_at"])
    return agreement


@transaction.atomic
def agreement_document_attach(
    *, agreement: Agreement, language: str, upload, is_public: bool = False
) -> AgreementDocument:
    """Store the PDF of one authentic language, replacing an earlier one while still a draft."""
    pages = pdf_validate(upload)
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    existing = AgreementDocument.objects.filter(agreement=agreement, language=language).first()
    if existing and agreement.is_signed:
        raise ValidationError(
            _("The agreement is signed: its documents can no longer be replaced.")
        )
    document = existing or AgreementDocument(agreement=agreement, language=language)
    if existing:
        existing.file.delete(save=False)
    document.original_name = (upload.name or "")[:255]
    document.size = upload.size
    document.pages = pages
    document.is_public = is_public
    document.file.save("document.pdf", upload, save=False)
    document.save()
    return document
