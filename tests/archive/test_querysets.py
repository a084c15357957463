"""Reads that cross the apps: an organisation's public activity, an edition's dossier."""

import pytest

from archive.querysets import dossier, organisations_in_public, organisations_in_public_count
from tests.factories import (
    AgendaItemFactory,
    AgreementFactory,
    AgreementPartyFactory,
    CompanyVisitFactory,
    EditionCoChairFactory,
    EditionFactory,
    EditionOrganiserFactory,
    EditionSourceFactory,
    OrganisationFactory,
    SectoralTableFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def test_the_count_of_organisations_in_public_matches_their_pages():
    host_and_signatory = OrganisationFactory()
    CompanyVisitFactory(host=host_and_signatory)
    AgreementPartyFactory(organisation=host_and_signatory)
    organiser = OrganisationFactory()
    EditionOrganiserFactory(organisation=organiser)
    # No public trace: a visit of an unpublished edition, a party to a private agreement.
    hidden = OrganisationFactory()
    CompanyVisitFactory(host=hidden, edition=EditionFactory(is_published=False))
    AgreementPartyFactory(organisation=hidden, agreement=AgreementFactory(visibility="staff"))
    OrganisationFactory()

    assert organisations_in_public_count() == 2
    assert organisations_in_public().count() == 2


@pytest.mark.parametrize("count", [1, 3])
def test_the_dossier_touches_everything_in_a_fixed_number_of_queries(
    django_assert_num_queries, count
):
    edition = EditionFactory()
    for _ in range(count):
        edition.sectors.add(SectorFactory())
        EditionCoChairFactory(edition=edition)
        EditionOrganiserFactory(edition=edition)
        EditionSourceFactory(edition=edition)
        SectoralTableFactory(edition=edition)
        AgendaItemFactory(edition=edition)
        CompanyVisitFactory(edition=edition)
        AgreementFactory(edition=edition)

    with django_assert_num_queries(9):
        edition = dossier().get(pk=edition.pk)
        touched = [
            edition.region.name,
            *[s.name for s in edition.sectors.all()],
            *[c.role for c in edition.co_chairs.all()],
            *[o.organisation.name for o in edition.organiser_links.all()],
            *[s.url for s in edition.sources.all()],
            *[t.sector.name for t in edition.tables.all()],
            *[a.title for a in edition.agenda_items.all()],
            *[(v.host.name, v.sector.name, v.district) for v in edition.visits.all()],
            *[a.title for a in edition.public_agreements],
        ]

    assert len(touched) == 1 + 8 * count
