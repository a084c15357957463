"""Named reads of the sessions app; each owns its joins."""

from django.db import models
from django.db.models import Count


class RegionQuerySet(models.QuerySet):
    def italian(self):
        return self.filter(country="IT")

    def russian(self):
        return self.filter(country="RU")


class EditionQuerySet(models.QuerySet):
    def published(self):
        """Editions shown to the public."""
        return self.filter(is_published=True)

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

    def with_counts(self):
        return self.annotate(
            table_count=Count("tables", distinct=True),
            visit_count=Count("visits", distinct=True),
        )
