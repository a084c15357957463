from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.builder import demo_counts, demo_data_present, demo_delete, demo_seed
from demo.records import DEFAULT_SEED, SCALES, DemoDataError, real_editions


class Command(BaseCommand):
    help = (
        "Fill the database with clearly fictional demo data: titles marked [DEMO], slugs "
        "starting with demo-, edition numbers from 1001, fake but checksum-valid tax "
        "identifiers. small: 40 editions, 1,000 organisations, 2,000 contacts, 10,000 "
        "bookings, 300 agreements, 100 company visits; large: 100 editions and ten times as "
        "many of the rest. The same "
        "--seed gives the same data, except that the upcoming editions and the registration "
        "window open now are dated from today. Refuses a database that holds real history "
        "unless --force, and one that already holds demo data unless --replace."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=list(SCALES),
            metavar="{small,large}",
            default="small",
            help="How much data to make (default: small).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Seed of the random choices; the same seed gives the same data "
            f"(default: {DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Add demo data even though the database holds real editions.",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the demo data already here (and what hangs on it) before seeding.",
        )

    def handle(self, *args, scale, seed, force, replace, **options):
        real = list(real_editions().order_by("pk").values_list("slug", flat=True)[:3])
        if real and not force:
            raise CommandError(
                "This database holds real editions (for example "
                f"{', '.join(real)}): demo data would mix with the real history. Seed a "
                "separate database, or pass --force to add demo data beside it."
            )
        present = demo_data_present()
        if present and not replace:
            raise CommandError(
                "Demo data is already in this database. Run again with --replace to delete "
                "it (and what hangs on it) and seed anew."
            )
        self.stdout.write(f"Seeding the {scale} demo data set (seed {seed})…")
        try:
            with transaction.atomic():
                if present:
                    demo_delete(progress=self.stdout.write)
                demo_seed(scale=SCALES[scale], seed=seed, progress=self.stdout.write)
        except DemoDataError as error:
            raise CommandError(str(error)) from None
        self.stdout.write("Demo records now in the database:")
        for name, count in demo_counts().items():
            self.stdout.write(f"  {name}: {count:,}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
