import pytest
from django.urls import reverse

from tests.factories import (
    CompanyVisitFactory,
    EditionFactory,
    RegionFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db


def test_visit_list_links_edition_and_host(client):
    visit = CompanyVisitFactory(host__name="Malo")

    content = client.get(reverse("companies:visit_list")).content.decode()

    assert f'href="{visit.host.get_absolute_url()}">Malo</a>' in content
    assert f'href="{visit.edition.get_absolute_url()}"' in content


def test_visit_list_filters_by_sector_region_and_edition(client):
    wine = SectorFactory(name_it="Vino")
    tuscany = RegionFactory(code="IT-52")
    lipetsk = RegionFactory(code="RU-LIP")
    florence = EditionFactory(region=tuscany, number=27)
    in_russia = EditionFactory(region=lipetsk, country="RU", number=13)
    frescobaldi = CompanyVisitFactory(edition=florence, sector=wine)
    malo = CompanyVisitFactory(edition=florence)
    russian = CompanyVisitFactory(edition=in_russia)
    url = reverse("companies:visit_list")

    assert list(client.get(url, {"sector": wine.pk}).context["visits"]) == [frescobaldi]
    assert list(client.get(url, {"region": lipetsk.pk}).context["visits"]) == [russian]
    assert set(client.get(url, {"edition": florence.slug}).context["visits"]) == {frescobaldi, malo}


def test_visit_list_hides_visits_of_unpublished_editions(client):
    CompanyVisitFactory(edition=EditionFactory(is_published=False), host__name="Segreta")

    assert "Segreta" not in client.get(reverse("companies:visit_list")).content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_visit_list_query_count_is_flat(client, django_assert_num_queries, count):
    CompanyVisitFactory.create_batch(count)

    client.get(reverse("companies:visit_list"))  # warm the caches of data

    # The count and the page of visits; the filters' choices are read once per change.
    with django_assert_num_queries(2):
        response = client.get(reverse("companies:visit_list"))

    assert response.content.decode().count("<tr") == count + 1


def test_filter_choices_are_read_once_and_follow_every_change(client, django_assert_num_queries):
    EditionFactory(region=RegionFactory(code="IT-52", name_it="Toscana"))
    client.get("/it/editions/")

    with django_assert_num_queries(3):
        content = client.get("/it/editions/?country=IT").content.decode()
    assert ">Toscana</option>" in content

    EditionFactory(region=RegionFactory(code="IT-57", name_it="Marche", name_en="Marche EN"))
    content = client.get("/it/editions/").content.decode()
    assert ">Toscana</option>" in content and ">Marche</option>" in content
    # Each language has its own labels.
    assert ">Marche EN</option>" in client.get("/en/editions/").content.decode()


def test_filter_choice_sent_back_is_still_checked(client):
    region = RegionFactory(code="IT-52")
    EditionFactory(region=region)
    client.get("/it/editions/")  # the choices are now cached

    response = client.get("/it/editions/?region=999999")

    assert response.status_code == 200
    assert "Scegli un&#x27;opzione valida" in response.content.decode()
