"""Named reads of the companies app."""

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch

from agreements.querysets import public_agreement
from taskforce.models import SubqueryCount


class OrganisationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("region", "district").prefetch_related("sectors")

    def with_counts(self):
        """The number of contacts, shown in the back office's list of organisations."""
        from .models import Contact

        return self.annotate(
            contact_count=SubqueryCount(Contact.objects.filter(organisation=OuterRef("pk")))
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
                    public_agreement("agreement__"), organisation=OuterRef("pk")
                )
            )
            | Exists(
                EditionOrganiser.objects.filter(
                    organisation=OuterRef("pk"), edition__is_published=True
                )
            )
        )

    def public_activity_count(self) -> int:
        """How many organisations `with_public_activity()` finds, among all of them.

        One pass over the visits, parties and organisers (a union drops the repeats)
        instead of three lookups for each of tens of thousands of organisations.
        """
        from agreements.models import AgreementParty
        from sessions.models import CompanyVisit, EditionOrganiser

        hosts = CompanyVisit.objects.filter(edition__is_published=True, host__isnull=False)
        parties = AgreementParty.objects.filter(public_agreement("agreement__"))
        organisers = EditionOrganiser.objects.filter(edition__is_published=True)
        return (
            hosts.order_by()
            .values("host_id")
            .union(
                parties.order_by().values("organisation_id"),
                organisers.order_by().values("organisation_id"),
            )
            .count()
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
                queryset=AgreementParty.objects.filter(public_agreement("agreement__"))
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


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        """Registrations whose e-mail address was confirmed (one per organisation and
        edition, at most)."""
        return self.filter(status="confirmed")

    def listed_participants(self) -> list[tuple[str, list[str]]]:
        """The organisations that take part and agreed to be listed, by country:
        [(country code, [names, alphabetical])]. Taking part means a confirmed registration
        with at least one accepted booking (not one waiting, rejected or cancelled).
        Hundreds of names: read as plain values."""
        from .models import Booking

        groups: dict[str, list[str]] = {}
        for country, name in (
            self.filter(status="confirmed", public_listing_consent=True)
            .filter(Exists(Booking.objects.filter(registration=OuterRef("pk"), status="accepted")))
            .order_by("organisation__country", "organisation__name")
            .values_list("organisation__country", "organisation__name")
        ):
            groups.setdefault(country, []).append(name)
        return list(groups.items())


class BookingQuerySet(models.QuerySet):
    def waiting_positions(self, bookings) -> dict[int, int]:
        """{booking id: position on its table's waiting list} for the waiting ones, in one
        query whatever the number of tables."""
        waiting = [b for b in bookings if b.status == "waiting"]
        if not waiting:
            return {}
        queue = (
            self.filter(table_id__in={b.table_id for b in waiting}, status="waiting")
            .order_by("table_id", "queued_at", "pk")
            .values_list("pk", "table_id")
        )
        positions, counters = {}, {}
        for pk, table_id in queue:
            counters[table_id] = counters.get(table_id, 0) + 1
            positions[pk] = counters[table_id]
        return {b.pk: positions[b.pk] for b in waiting if b.pk in positions}

    def for_admin(self):
        return self.select_related(
            "registration",
            "registration__edition",
            "registration__contact",
            "table",
            "organisation",
        )
