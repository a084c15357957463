import pytest

from agreements.models import Agreement
from tests.factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db


def test_agreement_public_hides_staff_only_agreements():
    public = AgreementFactory()
    AgreementFactory(visibility=Agreement.Visibility.STAFF)

    assert list(Agreement.objects.public()) == [public]


@pytest.mark.parametrize("count", [1, 3])
def test_agreement_for_list_touches_edition_parties_and_sectors_in_four_queries(
    django_assert_num_queries, count
):
    for _ in range(count):
        AgreementPartyFactory.create_batch(2, agreement=AgreementFactory())

    with django_assert_num_queries(4):
        rows = [
            (
                a.edition.city,
                [p.organisation.name for p in a.parties.all()],
                [s.name for s in a.sectors.all()],
            )
            for a in Agreement.objects.for_list()
        ]

    assert len(rows) == count
