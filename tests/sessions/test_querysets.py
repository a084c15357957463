import pytest

from sessions.models import Edition, Region
from tests.factories import (
    CompanyVisitFactory,
    EditionFactory,
    RegionFactory,
    SectoralTableFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def test_region_italian_and_russian():
    RegionFactory(code="IT-52")
    RegionFactory(code="RU-LIP")

    assert list(Region.objects.italian().values_list("code", flat=True)) == ["IT-52"]
    assert list(Region.objects.russian().values_list("code", flat=True)) == ["RU-LIP"]


def test_edition_published_excludes_hidden_editions():
    shown = EditionFactory()
    EditionFactory(is_published=False)

    assert list(Edition.objects.published()) == [shown]


@pytest.mark.parametrize("count", [1, 3])
def test_edition_for_list_touches_region_and_sectors_in_two_queries(
    django_assert_num_queries, count
):
    for _ in range(count):
        EditionFactory().sectors.add(SectorFactory())

    with django_assert_num_queries(2):
        rows = [
            (e.region.name, [s.name for s in e.sectors.all()]) for e in Edition.objects.for_list()
        ]

    assert len(rows) == count


def test_edition_with_counts():
    edition = EditionFactory()
    SectoralTableFactory.create_batch(2, edition=edition)
    CompanyVisitFactory(edition=edition)

    annotated = Edition.objects.with_counts().get(pk=edition.pk)

    assert (annotated.table_count, annotated.visit_count) == (2, 1)
