import pytest

from companies.models import Organisation
from tests.factories import ContactFactory, OrganisationFactory, SectorFactory

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
