import pytest

from companies.models import Organisation
from tests.factories import CompanyVisitFactory, ContactFactory, OrganisationFactory, SectorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_for_list_touches_relations_in_two_queries(django_assert_num_queries, count):
    for _ in range(count):
        OrganisationFactory().sectors.add(SectorFactory())

    with django_assert_num_queries(2):
        rows = [
            (o.region.name, o.district, [s.name for s in o.sectors.all()])
            for o in Organisation.objects.for_list()
        ]

    assert len(rows) == count


def test_organisation_with_counts():
    organisation = OrganisationFactory()
    ContactFactory.create_batch(2, organisation=organisation)
    ContactFactory(organisation=OrganisationFactory())  # another organisation's

    annotated = Organisation.objects.with_counts().get(pk=organisation.pk)

    assert annotated.contact_count == 2


def test_public_activity_count_matches_the_organisations_with_a_public_page():
    from tests.factories import (
        AgreementFactory,
        AgreementPartyFactory,
        EditionFactory,
        EditionOrganiserFactory,
    )

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

    assert Organisation.objects.public_activity_count() == 2
    assert Organisation.objects.with_public_activity().count() == 2
