"""Staff roles: who can see and change what in the back office."""

from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from companies.roles import DESK, EDITORS, VIEWERS
from tests.taskforce.test_admin import FACTORIES

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    "tf_sessions.edition",
    "tf_sessions.sectoraltable",
    "companies.companyvisit",
    "companies.organisation",
    "agreements.agreement",
]


@pytest.fixture
def staff(django_user_model):
    def make(role=None):
        user = django_user_model.objects.create_user(
            f"user-{role or 'none'}", password="x" * 12, is_staff=True
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


def urls(label, obj):
    app, model = label.split(".")
    return (
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    )


def test_roles_exist_after_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS, DESK, VIEWERS}


@pytest.mark.parametrize("label", CONTENT_MODELS)
def test_anonymous_is_sent_to_login(client, label):
    changelist, _change = urls(label, FACTORIES[label]())

    response = client.get(changelist)

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("label", CONTENT_MODELS)
def test_staff_without_a_role_is_refused(client, staff, label):
    changelist, _change = urls(label, FACTORIES[label]())
    client.force_login(staff())

    assert client.get(changelist).status_code == 403


@pytest.mark.parametrize("label", CONTENT_MODELS)
def test_viewer_can_read_but_not_change(client, staff, label):
    obj = FACTORIES[label]()
    changelist, change = urls(label, obj)
    client.force_login(staff(VIEWERS))

    page = client.get(change)

    assert client.get(changelist).status_code == 200
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change, {}).status_code == 403


@pytest.mark.parametrize("label", CONTENT_MODELS)
def test_editor_can_change(client, staff, label):
    obj = FACTORIES[label]()
    _changelist, change = urls(label, obj)
    client.force_login(staff(EDITORS))

    page = client.get(change)

    assert 'name="_save"' in page.content.decode()


def test_registration_desk_processes_bookings_but_cannot_edit_editions(client, staff):
    booking = FACTORIES["companies.booking"]()
    edition = booking.registration.edition
    client.force_login(staff(DESK))

    bookings = client.get(reverse("admin:companies_booking_changelist"))
    edition_page = client.get(reverse("admin:tf_sessions_edition_change", args=[edition.pk]))

    assert bookings.status_code == 200
    assert 'value="accept"' in bookings.content.decode()
    assert 'name="_save"' not in edition_page.content.decode()


def test_create_staff_user_command_puts_the_user_in_the_role(django_user_model):
    with mock.patch("getpass.getpass", return_value="a-long-and-unusual-passphrase"):
        call_command("create_staff_user", "mrossi", "m.rossi@example.gov.it", "desk")

    user = django_user_model.objects.get(username="mrossi")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [DESK]
    assert user.check_password("a-long-and-unusual-passphrase")


# Every admin model, checked against the permissions of each role -------------------------


def permissions_of(role):
    from companies.roles import role_permissions

    return {codename for _app, codename in role_permissions()[role]}


def all_admin_models():
    from tests.taskforce.test_admin import registered

    return [label for label, _model in registered()]


@pytest.mark.parametrize("label", all_admin_models())
def test_every_admin_model_follows_the_roles(client, staff, label):
    obj = FACTORIES[label]()
    changelist, change = urls(label, obj)
    model_name = label.split(".")[1]
    nobody, viewer, editor = staff(), staff(VIEWERS), staff(EDITORS)

    client.force_login(nobody)
    assert client.get(changelist).status_code == 403

    client.force_login(viewer)
    viewer_page = client.get(change)
    if f"view_{model_name}" in permissions_of(VIEWERS):
        assert viewer_page.status_code == 200
        assert 'name="_save"' not in viewer_page.content.decode()
    else:
        assert viewer_page.status_code == 403

    client.force_login(editor)
    editor_page = client.get(change)
    if f"change_{model_name}" in permissions_of(EDITORS):
        assert 'name="_save"' in editor_page.content.decode()
    elif f"view_{model_name}" in permissions_of(EDITORS):
        assert editor_page.status_code == 200
        assert 'name="_save"' not in editor_page.content.decode()
    else:
        assert editor_page.status_code == 403
