"""E-mails to registrants, in their language, sent after the transaction commits.

Each e-mail is first stored as a `Notification` in the same transaction as the change it
reports. Then either the request sends it once the transaction commits (a task of Django's
tasks framework; NOTIFICATIONS_SENT_BY=request, the default) or `manage.py
send_notifications --watch`, a process beside the web server, sends the stored ones a few
seconds later (NOTIFICATIONS_SENT_BY=worker): no request then waits for the mail server. A
failed send is logged and retried later; the registration itself is never lost because mail
failed.
"""

import contextvars
import datetime
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import close_old_connections, transaction
from django.db.models import Q
from django.tasks import task
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import Notification
from .tokens import registration_token

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
            "contact": registration.person,
            "confirm_url": _absolute("companies:registration_confirm", registration, "confirm"),
            "manage_url": _absolute("companies:registration_manage", registration, "manage"),
            "site_url": settings.SITE_URL,
            "confirm_days": settings.REGISTRATION_CONFIRM_DAYS,
        }
        subject = " ".join(_render_text(f"emails/{template}.subject.txt", context).split())
        body_text = _render_text(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    return {
        "to": registration.person.email,
        "language": language,
        "subject": subject[:250],
        "body_text": body_text,
        "body_html": body_html,
    }


def _render_text(name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping: "D'Angelo & Figli" stays as typed (in
    an HTML part, escaping is right; in text, "D&#x27;Angelo &amp; Figli" is wrong)."""
    return get_template(name).template.render(Context(context, autoescape=False))


_muted = contextvars.ContextVar("notifications_muted", default=False)


@contextmanager
def notifications_muted():
    """No e-mail is written for the changes made inside (the demo data: its people and their
    addresses are made up)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def notification_queue(*, registration, template: str, booking=None, rendered=None):
    """Store the e-mail for `registration` and send it once the transaction commits.

    `rendered` is the e-mail already written by `notification_render` (outside the
    transaction, to keep it short); otherwise it is written here.
    """
    if _muted.get():
        return None
    if rendered is None:
        rendered = notification_render(
            registration=registration, template=template, booking=booking
        )
    notification = Notification.objects.create(registration=registration, **rendered)
    if settings.NOTIFICATIONS_SENT_BY == "request":
        transaction.on_commit(lambda: notification_send.enqueue(notification.pk))
    return notification


def _absolute(url_name: str, registration, purpose: str) -> str:
    path = reverse(url_name, kwargs={"token": registration_token(registration, purpose)})
    return f"{settings.SITE_URL}{path}"


@task()
def notification_send(notification_id: int) -> str:
    """Send one stored e-mail; on failure record the error for a later retry."""
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
    # The outcome is written with update(): the e-mail may have been deleted meanwhile
    # (with its registration, or erased at the person's request), and that is no error.
    stored = Notification.objects.filter(pk=notification.pk)
    attempts = notification.attempts + 1
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any transport failure is retried later
        # The address is personal data: the log names the notification only.
        logger.warning("E-mail notification %s failed: %s", notification.pk, type(error).__name__)
        stored.update(
            status=Notification.Status.FAILED,
            attempts=attempts,
            last_error=str(error)[:2000],
            updated_at=timezone.now(),
        )
        return "failed"
    now = timezone.now()
    stored.update(
        status=Notification.Status.SENT,
        attempts=attempts,
        sent_at=now,
        last_error="",
        updated_at=now,
    )
    return "sent"


def notifications_retry(*, failed_before=None) -> dict[str, int]:
    """Send every e-mail still to send, and the failed ones again (up to MAX_ATTEMPTS tries
    each); with `failed_before`, only those that failed before that moment."""
    outcome = {"sent": 0, "failed": 0, "skipped": 0}
    failed = Q(status=Notification.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
    if failed_before is not None:
        failed &= Q(updated_at__lt=failed_before)
    pending = (
        Notification.objects.filter(Q(status=Notification.Status.PENDING) | failed)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for pk in list(pending):
        outcome[notification_send.call(pk)] += 1
    return outcome


# How long a failed e-mail waits before the watching sender tries it again.
RETRY_AFTER = datetime.timedelta(minutes=5)


def notifications_watch(*, interval: float, stop, sleep=time.sleep) -> int:
    """Send the stored e-mails as they come, every `interval` seconds, until `stop()`
    is true; failed ones are tried again after RETRY_AFTER. Returns how many were sent."""
    sent = 0
    while not stop():
        # A connection kept across loops is checked (and replaced when the database went
        # away), as Django does between requests.
        close_old_connections()
        try:
            sent += notifications_retry(failed_before=timezone.now() - RETRY_AFTER)["sent"]
        except Exception:
            # The database may be restarting: the sender keeps going and tries again.
            logger.exception("Sending the stored e-mails failed; trying again")
        sleep(interval)
    return sent
