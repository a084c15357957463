"""Named reads of the sessions app; each owns its joins."""

from django.db import models
from django.db.models import Count, Q


class RegionQuerySet(models.QuerySet):
    def italian(self):
        return self.filter(country="IT")

    def russian(self):
        return self.filter(country="RU")

    def hosts(self):
        """Regions that hosted (or were to host) at least one published edition."""
        return self.filter(editions__is_published=True).distinct()


class SectorQuerySet(models.QuerySet):
    def with_table_counts(self):
        return self.annotate(table_count=Count("tables", distinct=True))


class EditionQuerySet(models.QuerySet):
    def published(self):
        """Editions shown to the public."""
        return self.filter(is_published=True)

    def known(self):
        """Editions with at least something known (not placeholders)."""
        return self.exclude(status="unknown")

    def for_list(self):
        """What a list of editions shows: region and sectors, without N+1 queries."""
        return self.select_related("region").prefetch_related("sectors")

    def for_detail(self):
        """What an edition page shows: its programme, visits, people and sources."""
        return self.select_related("region").prefetch_related(
            "sectors",
            "co_chairs",
            "organiser_links__organisation",
            "sources",
            "tables__sector",
            "agenda_items",
            "visits__host",
            "visits__sector",
            "visits__district",
        )

    def chronological(self):
        """Oldest first by number; unnumbered editions by date at the end."""
        return self.order_by(
            models.F("number").asc(nulls_last=True),
            models.F("start_date").asc(nulls_last=True),
            "pk",
        )

    def with_counts(self):
        return self.annotate(
            table_count=Count("tables", distinct=True),
            visit_count=Count("visits", distinct=True),
        )

    def registration_open(self, at):
        """Editions whose registration window contains the moment `at`."""
        return self.filter(Q(registration_opens_at__lte=at) & Q(registration_closes_at__gt=at))
