"""Smoke tests for every ModelAdmin, and the back office's grouping and language."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape

from companies.models import Notification
from tests import factories

pytestmark = pytest.mark.django_db


def _access(model_name):
    def create():
        from axes import models

        model = getattr(models, model_name)
        fields = {
            "user_agent": "pytest",
            "ip_address": "127.0.0.1",
            "username": f"editor{model.objects.count()}",
            "http_accept": "text/html",
            "path_info": "/admin/login/",
        }
        if model_name == "AccessAttempt":
            fields.update(get_data="", post_data="", failures_since_start=1)
        if model_name == "AccessFailureLog":
            fields.update(locked_out=False)
        return model.objects.create(**fields)

    return create


def _otp_device(model_path):
    def create():
        from django.contrib.auth import get_user_model
        from django.utils.module_loading import import_string

        user, _created = get_user_model().objects.get_or_create(
            username="device-owner", defaults={"is_staff": True}
        )
        model = import_string(model_path)
        return model.objects.create(user=user, name=f"device {model.objects.count() + 1}")

    return create


FACTORIES = {
    "otp_static.staticdevice": _otp_device("django_otp.plugins.otp_static.models.StaticDevice"),
    "otp_totp.totpdevice": _otp_device("django_otp.plugins.otp_totp.models.TOTPDevice"),
    "axes.accessattempt": _access("AccessAttempt"),
    "axes.accessfailurelog": _access("AccessFailureLog"),
    "axes.accesslog": _access("AccessLog"),
    "tf_sessions.region": factories.RegionFactory,
    "tf_sessions.sector": factories.SectorFactory,
    "tf_sessions.edition": factories.EditionFactory,
    "tf_sessions.sectoraltable": factories.SectoralTableFactory,
    "tf_sessions.agendaitem": factories.AgendaItemFactory,
    "companies.companyvisit": factories.CompanyVisitFactory,
    "companies.organisation": factories.OrganisationFactory,
    "companies.contact": factories.ContactFactory,
    "companies.district": factories.DistrictFactory,
    "agreements.agreement": factories.AgreementFactory,
    "agreements.agreementdocument": factories.AgreementDocumentFactory,
    "agreements.outcome": factories.OutcomeFactory,
    "agreements.workprogrammeaction": factories.WorkProgrammeActionFactory,
    "companies.registration": factories.RegistrationFactory,
    "companies.booking": factories.BookingFactory,
    "companies.notification": lambda: Notification.objects.create(
        to="anna@example.org", language="it", subject="Conferma", body_text="Testo"
    ),
    "auth.group": lambda: Group.objects.create(name=f"Group {Group.objects.count() + 1}"),
}


class MockSuperuserRequest:
    class user:  # noqa: N801 - stands in for request.user
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


def registered():
    return sorted(
        (model._meta.label_lower, model)
        for model in admin.site._registry
        if model._meta.label_lower != "auth.user"
    )


def test_every_admin_model_has_a_factory():
    missing = {label for label, _model in registered()} - set(FACTORIES)

    assert not missing


@pytest.mark.parametrize(
    ("label", "model"), registered(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_admin_smoke(staff_client, label, model):
    obj = FACTORIES[label]()
    opts = model._meta
    base = f"admin:{opts.app_label}_{opts.model_name}"

    changelist = staff_client.get(reverse(f"{base}_changelist"))
    search = staff_client.get(reverse(f"{base}_changelist"), {"q": "zzz-no-match"})
    change = staff_client.get(reverse(f"{base}_change", args=[obj.pk]))
    can_add = admin.site._registry[model].has_add_permission(MockSuperuserRequest())

    assert changelist.status_code == 200
    # (logging in writes an access log row of its own)
    assert changelist.content.decode().count('name="_selected_action"') == model.objects.count()
    assert search.status_code == 200
    assert search.content.decode().count('name="_selected_action"') == 0
    if can_add:
        assert staff_client.get(reverse(f"{base}_add")).status_code == 200
    else:  # created by the public site or by services only
        assert staff_client.get(reverse(f"{base}_add")).status_code == 403
    assert change.status_code == 200
    assert escape(str(obj)) in change.content.decode()


def test_admin_index_groups_the_three_areas_first(staff_client):
    content = staff_client.get(reverse("admin:index")).content.decode()

    positions = [
        content.index(f'href="/admin/{area}/"')
        for area in ("tf_sessions", "companies", "agreements", "auth")
    ]
    assert positions == sorted(positions)


def test_admin_is_italian_by_default_for_staff(staff_client):
    response = staff_client.get(reverse("admin:index"), headers={"accept-language": "en"})

    assert response.headers["Content-Language"] == "it"


def test_admin_follows_the_chosen_language(staff_client, settings):
    staff_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    response = staff_client.get(reverse("admin:index"))

    assert response.headers["Content-Language"] == "ru"


def test_admin_requires_login(client):
    response = client.get(reverse("admin:tf_sessions_edition_changelist"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_language_selector_switches_the_back_office(staff_client, settings):
    index = staff_client.get(reverse("admin:index")).content.decode()

    response = staff_client.post(
        reverse("set_language"), {"language": "en", "next": reverse("admin:index")}
    )

    assert 'name="language" value="ru"' in index
    assert response["Location"] == reverse("admin:index")
    assert staff_client.get(reverse("admin:index")).headers["Content-Language"] == "en"


def test_admin_translation_tabs_use_local_assets_only(staff_client):
    edition = factories.EditionFactory()

    content = staff_client.get(
        reverse("admin:tf_sessions_edition_change", args=[edition.pk])
    ).content.decode()

    assert "/static/vendor/jquery-ui/jquery-ui.min.js" in content
    assert "googleapis" not in content
    assert 'name="city_ru"' in content
