"""Named reads of the companies app."""

from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch


class OrganisationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("region", "district").prefetch_related("sectors")

    def with_counts(self):
        return self.annotate(
            contact_count=Count("contacts", distinct=True),
            visit_count=Count("hosted_visits", distinct=True),
        )

    def with_public_activity(self):
        """Organisations the public may read about: they hosted a visit, signed a public
        agreement or organised an edition that is published. Others have no public page."""
        from agreements.models import AgreementParty
        from sessions.models import CompanyVisit, EditionOrganiser

        return self.filter(
            Exists(CompanyVisit.objects.filter(host=OuterRef("pk"), edition__is_published=True))
            | Exists(
                AgreementParty.objects.filter(
                    organisation=OuterRef("pk"), agreement__visibility="public"
                )
            )
            | Exists(
                EditionOrganiser.objects.filter(
                    organisation=OuterRef("pk"), edition__is_published=True
                )
            )
        )

    def for_public_page(self):
        """An organisation's history across editions, public records only."""
        from agreements.models import AgreementParty
        from sessions.models import CompanyVisit, EditionOrganiser

        return self.select_related("region", "district").prefetch_related(
            "sectors",
            Prefetch(
                "hosted_visits",
                queryset=CompanyVisit.objects.published()
                .select_related("edition", "sector")
                .order_by("edition__start_date"),
                to_attr="public_visits",
            ),
            Prefetch(
                "agreement_parties",
                queryset=AgreementParty.objects.filter(agreement__visibility="public")
                .select_related("agreement", "agreement__edition")
                .order_by("agreement__date_signed"),
                to_attr="public_agreement_parties",
            ),
            Prefetch(
                "organiser_links",
                queryset=EditionOrganiser.objects.filter(edition__is_published=True)
                .select_related("edition")
                .order_by("edition__number"),
                to_attr="public_organiser_links",
            ),
        )
