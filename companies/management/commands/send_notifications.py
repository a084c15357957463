from django.core.management.base import BaseCommand

from companies.notifications import notifications_retry


class Command(BaseCommand):
    help = "Send the e-mails still waiting or failed earlier (retries). Run it every few minutes."

    def handle(self, *args, **options):
        outcome = notifications_retry()
        self.stdout.write(f"{outcome['sent']} sent, {outcome['failed']} failed.")
