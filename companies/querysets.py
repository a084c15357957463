"""Named reads of the companies app."""

from django.db import models
from django.db.models import Count


class OrganisationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("region", "district").prefetch_related("sectors")

    def with_counts(self):
        return self.annotate(
            contact_count=Count("contacts", distinct=True),
            visit_count=Count("hosted_visits", distinct=True),
        )
