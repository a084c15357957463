import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from archive.loader import HISTORY_FILE, history_load


class Command(BaseCommand):
    help = (
        "Load the real history of the Task Force (regions, sectors, organisations, editions, "
        "agreements) from fixtures/history.json. Safe to run again: unchanged records are "
        "not written, and records added by staff are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=HISTORY_FILE, help="JSON file to load.")

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"History file not found: {file}") from None
        except json.JSONDecodeError as error:
            raise CommandError(f"{file} is not valid JSON: {error}") from None
        try:
            report = history_load(data=data)
        except ValidationError as error:
            raise CommandError(f"{file} holds an invalid record: {error}") from None
        except KeyError as error:
            raise CommandError(f"{file} refers to an unknown or missing key: {error}") from None
        for line in report.lines():
            self.stdout.write(f"  {line}")
        if report.changed:
            self.stdout.write(self.style.SUCCESS("History loaded."))
        else:
            self.stdout.write(self.style.SUCCESS("History already up to date: nothing changed."))
