"""Named reads of the agreements app."""

from django.db import models


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Agreements anyone may see."""
        return self.filter(visibility="public")

    def for_list(self):
        return self.select_related("edition").prefetch_related("parties__organisation")
