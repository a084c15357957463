import pytest

from agreements.models import Agreement
from tests.factories import AgreementFactory, AgreementPartyFactory

pytestmark = pytest.mark.django_db


def test_agreement_public_hides_staff_only_agreements():
    public = AgreementFactory()
    AgreementFactory(visibility=Agreement.Visibility.STAFF)

    assert list(Agreement.objects.public()) == [public]


@pytest.mark.parametrize("count", [1, 3])
def test_agreement_for_list_reads_what_a_line_shows_in_two_queries(
    django_assert_num_queries, count
):
    for _ in range(count):
        AgreementPartyFactory.create_batch(2, agreement=AgreementFactory())

    with django_assert_num_queries(2):
        rows = [
            (
                a.title,
                a.get_kind_display(),
                a.display_date,
                a.get_status_display(),
                a.evidence,
                a.get_absolute_url(),
                a.edition.get_absolute_url(),
                a.edition.roman,
                [p.organisation.name for p in a.parties.all()],
            )
            for a in Agreement.objects.for_list()
        ]

    assert len(rows) == count
