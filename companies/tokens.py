"""Signed, expiring links for registrants, who have no password account.

A token carries only the registration's random public identifier, signed with the project's
secret key and a purpose-specific salt: it cannot be guessed, forged, or reused for another
purpose, and it expires.
"""

from django.conf import settings
from django.core import signing

from .models import Registration

PURPOSES = {
    # purpose: (salt, lifetime in seconds)
    "confirm": ("registration-confirm", lambda: settings.REGISTRATION_CONFIRM_DAYS * 86400),
    "manage": ("registration-manage", lambda: settings.REGISTRATION_MANAGE_DAYS * 86400),
}


def registration_token(registration: Registration, purpose: str) -> str:
    salt, _lifetime = PURPOSES[purpose]
    return signing.TimestampSigner(salt=salt).sign(str(registration.public_id))


def registration_from_token(token: str, purpose: str) -> Registration | None:
    """The registration a valid, unexpired token points to; None for anything else."""
    salt, lifetime = PURPOSES[purpose]
    try:
        public_id = signing.TimestampSigner(salt=salt).unsign(token, max_age=lifetime())
    except signing.BadSignature:  # also SignatureExpired
        return None
    return (
        Registration.objects.select_related("edition", "organisation", "contact")
        .filter(public_id=public_id)
        .first()
    )
