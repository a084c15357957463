"""Every function of the back office declares its permission, and each staff role is refused
every one it lacks: each admin action of each registered ModelAdmin is POSTed as each role,
and the whole database must stay as it was; each import and export view is opened and
POSTed; each custom admin page is opened by staff without a role.

Walked from the admin's registry, so an action, import or page added later is checked
without a new test. Found by an attack: viewers rejected bookings (the registrant got the
viewer's reason by e-mail), changed agreements' status, resent e-mails and imported
registrations that took places.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import RequestFactory
from django.urls import URLPattern, reverse
from import_export.formats import base_formats

from base.exports import SafeCSV, SafeXLSX
from companies import services
from companies.roles import DESK, EDITORS, VIEWERS, role_permissions
from tests.taskforce.test_admin import FACTORIES, MockSuperuserRequest, registered

pytestmark = pytest.mark.django_db

ROLES = [None, VIEWERS, DESK, EDITORS]
# The form fields an action's second step asks for, so that a refused POST is a complete
# one: the refusal, not a missing field, must be what stops it.
ACTION_FORMS = {
    "reject": {"reason": "Posti esauriti"},
    "change_status": {"to": "in_force", "on": "2031-01-01", "note": "In vigore"},
    "erase_personal_data": {"confirm": "yes"},
}
# Actions that write: run by a role that has their permission, they must change the
# database (so that the snapshot below would see a change made by a refused one).
WRITING = {
    "accept",
    "move_to_waiting",
    "reject",
    "mark_attended",
    "resend",
    "change_status",
    "erase_personal_data",
    "delete_selected",
}


def snapshot() -> dict:
    """Every row of every model: what an action could change, anywhere."""
    return {
        model._meta.label: sorted(map(repr, model.objects.values_list()))
        for model in apps.get_models()
        if model._meta.label_lower
        not in {"sessions.session", "axes.accesslog", "axes.accessattempt", "admin.logentry"}
    }


@pytest.fixture
def login(client, django_user_model):
    def as_role(role):
        user = django_user_model.objects.create_user(
            f"user-{role or 'none'}-{django_user_model.objects.count()}",
            password="x" * 12,
            is_staff=True,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        client.force_login(user)
        return client

    return as_role


def admin_actions():
    """(label, action name, permissions) of every action of every registered ModelAdmin."""
    rows = []
    for label, model in registered():
        model_admin = admin.site._registry[model]
        for name, action in model_admin.get_actions(MockRequest()).items():
            # django-import-export still adds its export action as a (function, name,
            # description) tuple.
            function = action.func if hasattr(action, "func") else action[0]
            rows.append((label, name, getattr(function, "allowed_permissions", None)))
    return rows


class MockRequest(MockSuperuserRequest):
    GET = {}
    POST = {}
    method = "GET"


def role_has(role, label, permissions) -> bool:
    if role is None:
        return False
    app, model = label.split(".")
    granted = {(a, codename) for a, codename in role_permissions()[role]}
    return all((app, f"{permission}_{model}") in granted for permission in permissions)


def action_permissions(name, permissions):
    """The permission an action needs: its own declaration, or for the export action of
    django-import-export (added only for those who may export) the export permission."""
    if name == "export_admin_action":
        return (settings.IMPORT_EXPORT_EXPORT_PERMISSION_CODE,)
    return permissions


def test_every_admin_action_declares_its_permission():
    undeclared = [
        (label, name)
        for label, name, permissions in admin_actions()
        if not action_permissions(name, permissions)
    ]

    assert undeclared == []


def make(label, action=None):
    obj = FACTORIES[label]()
    if label == "companies.booking":
        # A booking the action can act on: submitted, of a confirmed registration; accepted
        # for marking attendance.
        assert obj.status == "submitted" and obj.registration.status == "confirmed"
        if action == "mark_attended":
            obj = services.booking_accept(booking=obj, by=None)
            mail.outbox.clear()
    if label == "companies.notification":
        obj.status = "failed"
        obj.save()
    return obj


def refusal_answer(client, role, label) -> int:
    """How the changelist answers an action the role may not run: no entry without the list
    (403); with the list, "No action selected" (302) if it offers the role other actions,
    or the list itself (200) if it offers none."""
    if not role_has(role, label, ("view",)):
        return 403
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    offered = admin.site._registry[apps.get_model(label)].get_actions(request)
    return 302 if offered else 200


def post_action(client, label, name, obj):
    app, model = label.split(".")
    return client.post(
        reverse(f"admin:{app}_{model}_changelist"),
        {
            "action": name,
            admin.helpers.ACTION_CHECKBOX_NAME: [obj.pk],
            "index": 0,
            "post": "yes",  # delete_selected's confirmation
            **ACTION_FORMS.get(name, {}),
        },
    )


REFUSED_ACTIONS = [
    (role, label, name)
    for label, name, permissions in admin_actions()
    for role in ROLES
    if not role_has(role, label, action_permissions(name, permissions))
]


@pytest.mark.parametrize(("role", "label", "name"), REFUSED_ACTIONS, ids=str)
def test_each_role_is_refused_the_actions_it_lacks_the_permission_for(login, role, label, name):
    obj = make(label, name)
    client = login(role)
    before = snapshot()

    response = post_action(client, label, name, obj)

    assert response.status_code == refusal_answer(client, role, label)
    assert response.get("Content-Disposition") is None  # no file was exported
    assert snapshot() == before
    assert mail.outbox == []


ALLOWED_WRITING_ACTIONS = [
    (next(role for role in ROLES if role_has(role, label, permissions)), label, name)
    for label, name, permissions in admin_actions()
    if name in WRITING and any(role_has(role, label, permissions) for role in ROLES)
]


def test_every_writing_action_of_the_portal_has_a_control():
    controlled = {(label, name) for _role, label, name in ALLOWED_WRITING_ACTIONS}

    assert {
        ("companies.booking", "accept"),
        ("companies.booking", "reject"),
        ("companies.notification", "resend"),
        ("agreements.agreement", "change_status"),
        ("companies.contact", "erase_personal_data"),
    } <= controlled


@pytest.mark.parametrize(("role", "label", "name"), ALLOWED_WRITING_ACTIONS, ids=str)
def test_a_role_with_the_permission_runs_the_writing_action(login, role, label, name):
    """The control of the refusals above: the same POST by a role that may run the action
    does change the database."""
    obj = make(label, name)
    client = login(role)
    before = snapshot()

    post_action(client, label, name, obj)

    assert snapshot() != before


# Imports and exports ---------------------------------------------------------------------


def import_export_admins():
    rows = []
    for label, model in registered():
        model_admin = admin.site._registry[model]
        if hasattr(model_admin, "import_action"):
            rows.append((label, "import"))
        if hasattr(model_admin, "export_action"):
            rows.append((label, "export"))
    return rows


def test_imports_and_exports_declare_their_permission():
    assert TRANSFER_PERMISSION["import"] == settings.IMPORT_EXPORT_IMPORT_PERMISSION_CODE
    assert TRANSFER_PERMISSION["export"] == settings.IMPORT_EXPORT_EXPORT_PERMISSION_CODE
    assert {label for label, _kind in import_export_admins()} >= {
        "companies.organisation",
        "companies.contact",
        "companies.registration",
        "companies.booking",
    }


CSV_IMPORT = (
    "edition,table,organisation,kind,country,tax_id,city,first_name,last_name,email,phone,"
    "language,proposal_kind,description,offers,seeks\n"
)


# The permission each kind of view needs (IMPORT_EXPORT_*_PERMISSION_CODE in the settings).
TRANSFER_PERMISSION = {"import": "add", "export": "view"}
REFUSED_TRANSFERS = [
    (role, label, kind)
    for label, kind in import_export_admins()
    for role in ROLES
    if not role_has(role, label, (TRANSFER_PERMISSION[kind],))
]


@pytest.mark.parametrize(("role", "label", "kind"), REFUSED_TRANSFERS, ids=str)
def test_each_role_is_refused_the_imports_and_exports_it_lacks_the_permission_for(
    login, role, label, kind
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    make(label)
    app, model = label.split(".")
    client = login(role)
    before = snapshot()

    if kind == "import":
        page = client.get(reverse(f"admin:{app}_{model}_import"))
        posted = client.post(
            reverse(f"admin:{app}_{model}_import"),
            {
                "format": "0",
                "resource": "0",
                "import_file": SimpleUploadedFile("rows.csv", CSV_IMPORT.encode()),
            },
        )
        processed = client.post(
            reverse(f"admin:{app}_{model}_process_import"),
            {"import_file_name": "x", "original_file_name": "rows.csv", "format": "0"},
        )
        responses = [page, posted, processed]
    else:
        page = client.get(reverse(f"admin:{app}_{model}_export"))
        posted = client.post(reverse(f"admin:{app}_{model}_export"), {"format": "0"})
        responses = [page, posted]

    assert [r.status_code for r in responses] == [403] * len(responses)
    assert snapshot() == before


def test_the_changelist_offers_no_import_or_export_button_to_those_refused(login):
    make("companies.registration")
    make("companies.booking")

    registrations = login(EDITORS).get(reverse("admin:companies_registration_changelist"))
    bookings = login(None)

    assert registrations.status_code == 200
    assert "/admin/companies/registration/import/" not in registrations.content.decode()
    assert bookings.get(reverse("admin:companies_booking_changelist")).status_code == 403


# Custom admin pages ----------------------------------------------------------------------

STANDARD = {
    "changelist",
    "add",
    "change",
    "delete",
    "history",
    "autocomplete",
    "import",
    "process_import",
    "export",
}


def custom_admin_urls():
    """The admin pages a ModelAdmin adds with get_urls() besides Django's and
    import-export's own, e.g. the agreements report or a document's download."""
    rows = []
    for label, model in registered():
        model_admin = admin.site._registry[model]
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            if not isinstance(pattern, URLPattern) or not pattern.name:
                continue
            suffix = pattern.name.removeprefix(prefix)
            if suffix not in STANDARD:
                rows.append((label, pattern.name, pattern.pattern.regex.groups))
    return rows


def test_the_custom_admin_pages_are_found():
    names = {name for _label, name, _args in custom_admin_urls()}

    assert {
        "agreements_agreement_report",
        "agreements_agreementdocument_download",
        "companies_booking_participants",
    } <= names


def page_args(obj, count: int) -> list:
    """An object's id, and for a page of its history (simple-history's revert page) the id
    of its latest version."""
    return [obj.pk, obj.history.first().history_id] if count == 2 else [obj.pk][:count]


@pytest.mark.parametrize(("label", "name", "arg_count"), custom_admin_urls(), ids=str)
@pytest.mark.parametrize("method", ["get", "post"])
def test_custom_admin_pages_refuse_staff_without_the_permission(
    login, label, name, arg_count, method
):
    obj = make(label)
    url = reverse(f"admin:{name}", args=page_args(obj, arg_count))
    client = login(None)
    before = snapshot()

    response = getattr(client, method)(url)

    assert response.status_code == 403
    assert snapshot() == before


REVERTIBLE = [(label, name) for label, name, count in custom_admin_urls() if count == 2]


@pytest.mark.parametrize(("label", "name"), REVERTIBLE, ids=str)
def test_viewers_cannot_revert_a_record_to_an_earlier_version(login, label, name):
    obj = make(label)
    url = reverse(f"admin:{name}", args=page_args(obj, 2))
    client = login(VIEWERS)
    before = snapshot()

    page = client.get(url)
    response = client.post(url, {"_save": "1"})

    assert page.status_code == 200  # viewers read the history
    assert 'name="_save"' not in page.content.decode()
    assert response.status_code == 403
    assert snapshot() == before


# Lifecycles ----------------------------------------------------------------------------

# A status that records a fact of the archive, not a step of a lifecycle: staff type it.
EDITORIAL_STATUSES = {"tf_sessions.edition"}  # held, postponed, cancelled… as the sources say


def lifecycle_models():
    return [
        label
        for label, model in registered()
        if label not in EDITORIAL_STATUSES
        and any(field.name == "status" and field.choices for field in model._meta.fields)
    ]


def test_the_lifecycles_are_found():
    assert set(lifecycle_models()) >= {
        "companies.registration",
        "companies.booking",
        "companies.notification",
        "agreements.agreement",
    }


@pytest.mark.parametrize("label", lifecycle_models())
def test_no_admin_form_changes_a_status_directly(staff_client, label):
    """A status changes through its service (an action, the registrant's link), which
    moves seats, waiting lists and e-mails with it; a form field would bypass all that."""
    obj = make(label)
    app, model = label.split(".")
    pages = [staff_client.get(reverse(f"admin:{app}_{model}_change", args=[obj.pk]))]
    add = staff_client.get(reverse(f"admin:{app}_{model}_add"))
    if add.status_code == 200:
        pages.append(add)

    for page in pages:
        assert page.status_code == 200
        form = page.context["adminform"].form
        assert "status" not in form.fields
        for formset in page.context["inline_admin_formsets"]:
            for inline_form in formset.formset.forms:
                assert "status" not in inline_form.fields


def test_every_import_and_export_uses_only_the_safe_spreadsheet_formats():
    """Exports escape formulas and illegal characters (base.exports); imports read only
    CSV and XLSX."""
    for label, kind in import_export_admins():
        model_admin = admin.site._registry[apps.get_model(label)]
        if kind == "export":
            assert model_admin.get_export_formats() == [SafeXLSX, SafeCSV], label
        else:
            assert model_admin.get_import_formats() == [base_formats.CSV, base_formats.XLSX]
