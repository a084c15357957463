from django.conf import settings
from django.core.management.base import BaseCommand

from companies.privacy import contact_erase, contacts_past_retention


class Command(BaseCommand):
    help = (
        "Anonymise the contact persons whose latest registration is older than "
        "CONTACT_RETENTION_MONTHS months. Organisations, bookings and agreements stay. "
        "Run it monthly (cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count the contacts concerned."
        )

    def handle(self, *args, dry_run=False, **options):
        contacts = list(contacts_past_retention())
        if not dry_run:
            for contact in contacts:
                contact_erase(contact=contact)
        verb = "would be" if dry_run else "were"
        self.stdout.write(
            f"{len(contacts)} contact(s) {verb} anonymised "
            f"(retention: {settings.CONTACT_RETENTION_MONTHS} months)."
        )
