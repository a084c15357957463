"""Named reads of the agreements app."""

from django.db import models
from django.db.models import F, Prefetch, Q

from base.models import related_model, translation_columns

from .enums import AgreementStatus, Visibility


def public_agreement(prefix: str = "") -> Q:
    """What makes an agreement public: staff made it public, it is no longer a draft, and
    its edition, if it has one, is published. `prefix` reaches it across a relation
    (`public_agreement("agreement__")`), so that every page asks the same question."""
    return (
        Q(**{f"{prefix}visibility": Visibility.PUBLIC})
        & ~Q(**{f"{prefix}status": AgreementStatus.DRAFT})
        & (Q(**{f"{prefix}edition__isnull": True}) | Q(**{f"{prefix}edition__is_published": True}))
    )


class AgreementQuerySet(models.QuerySet):
    def public(self):
        """Agreements anyone may see (public_agreement)."""
        return self.filter(public_agreement())

    def for_list(self):
        """What a line of the list shows, and only that: not the summaries of the agreement
        or of its edition, nor anything of its parties but their names
        (docs/PERFORMANCE.md)."""
        party = related_model(self.model, "parties")
        return (
            self.select_related("edition")
            .only(
                "slug",
                "kind",
                *translation_columns("title"),
                "date_signed",
                "date_precision",
                "status",
                "evidence",
                "edition__slug",
                "edition__number",
            )
            .prefetch_related(
                Prefetch(
                    "parties",
                    # In each agreement's own order, without joining the agreements to
                    # sort by theirs.
                    queryset=party.objects.select_related("organisation")
                    .only("agreement_id", "organisation__name")
                    .order_by("agreement_id", "side", "order", "id"),
                ),
            )
            .order_by(F("date_signed").desc(nulls_last=True), "pk")
        )

    def for_detail(self):
        """A public agreement's page: parties, sectors, sources, public documents and
        outcomes, and the agreements it relates to (public ones only)."""
        document = related_model(self.model, "documents")
        outcome = related_model(self.model, "outcomes")
        relation = related_model(self.model, "relations")
        return self.select_related("edition", "edition__region").prefetch_related(
            "parties__organisation",
            "sectors",
            "sources",
            Prefetch(
                "documents",
                queryset=document.objects.filter(is_public=True),
                to_attr="public_documents",
            ),
            Prefetch(
                "outcomes",
                queryset=outcome.objects.filter(is_public=True).order_by("date"),
                to_attr="public_outcomes",
            ),
            Prefetch(
                "relations",
                queryset=relation.objects.filter(public_agreement("target__")).select_related(
                    "target"
                ),
                to_attr="public_relations",
            ),
            "actions",
        )
