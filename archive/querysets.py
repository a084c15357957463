"""Reads that cross the apps: what the public may see of an organisation, and an edition's
dossier."""

from django.db.models import Exists, F, OuterRef, Prefetch, QuerySet

from agreements.models import Agreement, AgreementParty
from agreements.querysets import public_agreement
from base.models import translation_columns
from companies.models import CompanyVisit, EditionOrganiser, Organisation
from sessions.models import Edition


def _public_visits():
    return CompanyVisit.objects.published()


def _public_parties():
    return AgreementParty.objects.filter(public_agreement("agreement__"))


def _public_organisers():
    return EditionOrganiser.objects.filter(edition__is_published=True)


def organisations_in_public(queryset: QuerySet | None = None) -> QuerySet:
    """Organisations the public may read about: they hosted a visit, signed a public
    agreement or organised an edition that is published. Others have no public page."""
    queryset = Organisation.objects.all() if queryset is None else queryset
    return queryset.filter(
        Exists(_public_visits().filter(host=OuterRef("pk")))
        | Exists(_public_parties().filter(organisation=OuterRef("pk")))
        | Exists(_public_organisers().filter(organisation=OuterRef("pk")))
    )


def organisations_in_public_count() -> int:
    """How many organisations `organisations_in_public()` finds, among all of them: one
    pass over the visits, parties and organisers (a union drops the repeats) instead of
    three lookups for each of tens of thousands of organisations."""
    return (
        _public_visits()
        .order_by()
        .values("host_id")
        .union(
            _public_parties().order_by().values("organisation_id"),
            _public_organisers().order_by().values("organisation_id"),
        )
        .count()
    )


def organisation_page() -> QuerySet:
    """An organisation's history across editions, public records only."""
    return (
        organisations_in_public()
        .select_related("region", "district")
        .prefetch_related(
            "sectors",
            Prefetch(
                "hosted_visits",
                queryset=_public_visits()
                .select_related("edition", "sector")
                .order_by("edition__start_date"),
                to_attr="public_visits",
            ),
            Prefetch(
                "agreement_parties",
                queryset=_public_parties()
                .select_related("agreement", "agreement__edition")
                .order_by("agreement__date_signed"),
                to_attr="public_agreement_parties",
            ),
            Prefetch(
                "organiser_links",
                queryset=_public_organisers().select_related("edition").order_by("edition__number"),
                to_attr="public_organiser_links",
            ),
        )
    )


def dossier() -> QuerySet:
    """What an edition's page shows: its own records (Edition.objects.for_detail), its
    organisers and company visits, and its public agreements. Its participants, hundreds of
    names, are read apart as plain values (Registration.objects.listed_participants)."""
    return (
        Edition.objects.published()
        .for_detail()
        .prefetch_related(
            Prefetch(
                "organiser_links",
                queryset=EditionOrganiser.objects.select_related("organisation"),
            ),
            Prefetch(
                "visits",
                queryset=CompanyVisit.objects.select_related("host", "sector", "district"),
            ),
            Prefetch(
                "agreements",
                # The columns of each agreement's line, not its texts (docs/PERFORMANCE.md).
                queryset=Agreement.objects.public()
                .order_by(F("date_signed").asc(nulls_last=True), "title")
                .only(
                    "slug",
                    "edition_id",
                    "kind",
                    *translation_columns("title"),
                    "date_signed",
                    "date_precision",
                    "evidence",
                ),
                to_attr="public_agreements",
            ),
        )
    )
