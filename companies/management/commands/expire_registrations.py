from django.conf import settings
from django.core.management.base import BaseCommand

from companies.services import registrations_expire


class Command(BaseCommand):
    help = (
        "Expire registrations whose e-mail address was not confirmed within "
        "REGISTRATION_CONFIRM_DAYS days. They never held a place. Run it daily (cron)."
    )

    def handle(self, *args, **options):
        count = registrations_expire()
        self.stdout.write(
            f"{count} unconfirmed registration(s) older than "
            f"{settings.REGISTRATION_CONFIRM_DAYS} days expired."
        )
