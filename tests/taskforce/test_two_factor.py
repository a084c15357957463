"""Two-factor authentication for staff (TOTP), when TWO_FACTOR_REQUIRED is on."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def editor(django_user_model, settings):
    settings.TWO_FACTOR_REQUIRED = True
    return django_user_model.objects.create_user(
        "editor", password=PASSWORD, is_staff=True, is_superuser=True
    )


def code(device):
    value = totp(
        device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift
    )
    return f"{value:06d}"


def test_login_without_a_code_is_refused(client, editor):
    TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)

    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": PASSWORD, "next": "/admin/"}
    )

    assert response.status_code == 200
    assert 'name="otp_token"' in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_login_with_password_and_a_valid_code_opens_the_back_office(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)

    response = client.post(
        reverse("admin:login"),
        {
            "username": "editor",
            "password": PASSWORD,
            "otp_device": device.persistent_id,
            "otp_token": code(device),
            "next": "/admin/",
        },
    )

    assert response.status_code == 302, response.content.decode()[-2000:]
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_session_logged_in_without_a_second_factor_is_refused(client, editor):
    client.force_login(editor)  # a password-only session

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
