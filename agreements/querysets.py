"""Named reads of the agreements app."""

from django.db import models
from django.db.models import F, Prefetch


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
        """A public agreement's page: parties, sectors, sources, public documents and
        outcomes, and the agreements it relates to (public ones only)."""
        from .models import AgreementDocument, AgreementRelation, Outcome

        return self.select_related("edition", "edition__region").prefetch_related(
            "parties__organisation",
            "sectors",
            "sources",
            Prefetch(
                "documents",
                queryset=AgreementDocument.objects.filter(is_public=True),
                to_attr="public_documents",
            ),
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.filter(is_public=True).order_by("date"),
                to_attr="public_outcomes",
            ),
            Prefetch(
                "relations",
                queryset=AgreementRelation.objects.filter(
                    target__visibility="public"
                ).select_related("target"),
                to_attr="public_relations",
            ),
            "actions",
        )
