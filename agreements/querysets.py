"""Named reads of the agreements app."""

from django.db import models
from django.db.models import F


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Agreements anyone may see."""
        return self.filter(visibility="public")

    def for_list(self):
        return (
            self.select_related("edition")
            .prefetch_related("parties__organisation", "sectors")
            .order_by(F("date_signed").desc(nulls_last=True), "pk")
        )

    def for_detail(self):
        return self.select_related("edition", "edition__region").prefetch_related(
            "parties__organisation", "sectors", "sources"
        )
