"""Audit trail: who changed what and when, visible in the admin, with revert for editors."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from companies.roles import EDITORS, VIEWERS
from sessions.models import Edition
from tests.factories import EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def viewer(django_user_model):
    user = django_user_model.objects.create_user("viewer", password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=VIEWERS))
    return user


def change_city(client, edition, city):
    data = {
        "number": edition.number,
        "slug": edition.slug,
        "status": edition.status,
        "is_published": "on",
        "start_date": edition.start_date.isoformat(),
        "end_date": edition.end_date.isoformat(),
        "date_precision": edition.date_precision,
        "country": edition.country,
        "region": edition.region_id,
        "city_it": city,
        "evidence": edition.evidence,
        "booking_mode": edition.booking_mode,
    }
    for prefix in ("co_chairs", "organiser_links", "tables", "agenda_items", "visits", "sources"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return client.post(reverse("admin:tf_sessions_edition_change", args=[edition.pk]), data)


def test_changes_are_recorded_with_their_author(client, editor):
    edition = EditionFactory(city_it="Firenze")
    client.force_login(editor)

    response = change_city(client, edition, "Fiesole")

    assert response.status_code == 302
    latest = Edition.history.filter(id=edition.pk).latest("history_date")
    assert (latest.city_it, latest.history_user, latest.history_type) == ("Fiesole", editor, "~")


def test_history_is_visible_to_viewers_and_revert_is_for_editors(client, editor, viewer):
    edition = EditionFactory(city_it="Firenze")
    client.force_login(editor)
    change_city(client, edition, "Fiesole")
    original = Edition.history.filter(id=edition.pk).earliest("history_date")
    history_url = reverse("admin:tf_sessions_edition_history", args=[edition.pk])
    revert_url = reverse(
        "admin:tf_sessions_edition_simple_history", args=[edition.pk, original.history_id]
    )

    client.force_login(viewer)
    seen = client.get(history_url)
    refused = client.post(revert_url, {})
    client.force_login(editor)
    form = client.get(revert_url)

    assert seen.status_code == 200
    assert "editor" in seen.content.decode()  # who changed it
    assert refused.status_code == 403
    assert Edition.objects.get(pk=edition.pk).city_it == "Fiesole"  # the viewer reverted nothing
    assert 'name="_save"' not in refused.content.decode()
    assert form.status_code == 200
    assert 'name="_save"' in form.content.decode()
    assert 'value="Firenze"' in form.content.decode()
