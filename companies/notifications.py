"""E-mails to registrants, in their language, sent after the transaction commits.

Each e-mail is first stored as a `Notification` in the same transaction as the change it
reports; after the commit a task (Django's tasks framework) sends it. A failed send is logged
and left for `manage.py send_notifications`, which retries; the registration itself is never
lost because mail failed.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10


def notification_render(*, registration, template: str, booking=None) -> dict:
    """The e-mail for `registration`, written in its language: the fields of a Notification.

    The registration need not be saved yet: its public identifier, language, edition,
    organisation and contact are all the e-mail reads.
    """
    language = registration.language
    with translation.override(language):
        context = {
            "registration": registration,
            "booking": booking,
            "edition": registration.edition,
            "contact": registration.contact,
            "confirm_url": _absolute("companies:registration_confirm", registration, "confirm"),
            "manage_url": _absolute("companies:registration_manage", registration, "manage"),
            "site_url": settings.SITE_URL,
            "confirm_days": settings.REGISTRATION_CONFIRM_DAYS,
        }
        subject = " ".join(render_to_string(f"emails/{template}.subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    return {
        "to": registration.contact.email,
        "language": language,
        "subject": subject[:250],
        "body_text": body_text,
        "body_html": body_html,
    }


def notification_queue(*, registration, template: str, booking=None, rendered=None):
    """Store the e-mail for `registration` and send it once the transaction commits.

    `rendered` is the e-mail already written by `notification_render` (outside the
    transaction, to keep it short); otherwise it is written here.
    """
    from .models import Notification

    if rendered is None:
        rendered = notification_render(
            registration=registration, template=template, booking=booking
        )
    notification = Notification.objects.create(registration=registration, **rendered)
    transaction.on_commit(lambda: notification_send.enqueue(notification.pk))
    return notification


def _absolute(url_name: str, registration, purpose: str) -> str:
    from django.urls import reverse

    from .tokens import registration_token

    path = reverse(url_name, kwargs={"token": registration_token(registration, purpose)})
    return f"{settings.SITE_URL}{path}"


@task()
def notification_send(notification_id: int) -> str:
    """Send one stored e-mail; on failure record the error for a later retry."""
    from .models import Notification

    notification = Notification.objects.filter(pk=notification_id).first()
    if notification is None or notification.status == Notification.Status.SENT:
        return "skipped"
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.to],
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    notification.attempts += 1
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any transport failure is retried later
        # The address is personal data: the log names the notification only.
        logger.warning("E-mail notification %s failed: %s", notification.pk, type(error).__name__)
        notification.status = Notification.Status.FAILED
        notification.last_error = str(error)[:2000]
        notification.save(update_fields=["status", "attempts", "last_error", "updated_at"])
        return "failed"
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["status", "attempts", "sent_at", "last_error", "updated_at"])
    return "sent"


def notifications_retry() -> dict[str, int]:
    """Send every e-mail still pending or failed (up to MAX_ATTEMPTS tries each)."""
    from .models import Notification

    outcome = {"sent": 0, "failed": 0, "skipped": 0}
    pending = Notification.objects.filter(
        status__in=[Notification.Status.PENDING, Notification.Status.FAILED],
        attempts__lt=MAX_ATTEMPTS,
    ).values_list("pk", flat=True)
    for pk in list(pending):
        outcome[notification_send.call(pk)] += 1
    return outcome
