"""Named reads of the companies app; each owns its joins."""

from django.db import models
from django.db.models import Exists, F, OuterRef

from base.models import SubqueryCount, related_model, translation_columns

from .enums import BookingStatus, RegistrationStatus


class OrganisationQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("region", "district").prefetch_related("sectors")

    def with_counts(self):
        """The number of contacts, shown in the back office's list of organisations."""
        contact = related_model(self.model, "contacts")
        return self.annotate(
            contact_count=SubqueryCount(contact.objects.filter(organisation=OuterRef("pk")))
        )


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        """Registrations whose e-mail address was confirmed (one per organisation and
        edition, at most)."""
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def listed_participants(self) -> list[tuple[str, list[str]]]:
        """The organisations that take part and agreed to be listed, by country:
        [(country code, [names, alphabetical])]. Taking part means a confirmed registration
        with at least one accepted booking (not one waiting, rejected or cancelled).
        Hundreds of names: read as plain values."""
        booking = related_model(self.model, "bookings")
        groups: dict[str, list[str]] = {}
        for country, name in (
            self.confirmed()
            .filter(public_listing_consent=True)
            .filter(
                Exists(
                    booking.objects.filter(
                        registration=OuterRef("pk"), status=BookingStatus.ACCEPTED
                    )
                )
            )
            .order_by("organisation__country", "organisation__name")
            .values_list("organisation__country", "organisation__name")
        ):
            groups.setdefault(country, []).append(name)
        return list(groups.items())


class BookingQuerySet(models.QuerySet):
    def waiting_positions(self, bookings) -> dict[int, int]:
        """{booking id: position on its table's waiting list} for the waiting ones, in one
        query whatever the number of tables."""
        waiting = [b for b in bookings if b.status == BookingStatus.WAITING]
        if not waiting:
            return {}
        queue = (
            self.filter(table_id__in={b.table_id for b in waiting}, status=BookingStatus.WAITING)
            .order_by("table_id", "queued_at", "pk")
            .values_list("pk", "table_id")
        )
        positions, counters = {}, {}
        for pk, table_id in queue:
            counters[table_id] = counters.get(table_id, 0) + 1
            positions[pk] = counters[table_id]
        return {b.pk: positions[b.pk] for b in waiting if b.pk in positions}

    def queue(self, table_id: int):
        """The waiting list of a table, first come first."""
        return self.filter(table_id=table_id, status=BookingStatus.WAITING).order_by(
            "queued_at", "pk"
        )

    def for_admin(self):
        return self.select_related(
            "registration",
            "registration__edition",
            "registration__contact",
            "table",
            "organisation",
        )


class CompanyVisitQuerySet(models.QuerySet):
    def published(self):
        return self.filter(edition__is_published=True)

    def for_list(self):
        """What the list of visits shows, and only that (docs/PERFORMANCE.md)."""
        return (
            self.select_related("edition", "edition__region", "host", "district", "sector")
            .only(
                "date",
                "edition",
                "host",
                "district",
                "sector",
                "edition__slug",
                "edition__number",
                *translation_columns("edition__city"),
                "edition__region",
                "host__slug",
                "host__name",
                *translation_columns("edition__region__name"),
                *translation_columns("district__name"),
                *translation_columns("sector__name"),
            )
            .order_by(
                F("edition__number").desc(nulls_last=True), F("date").asc(nulls_last=True), "pk"
            )
        )
