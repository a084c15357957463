"""Checks of what people type about themselves and their organisation: no invisible control
characters (they break spreadsheets and e-mails, and PostgreSQL refuses NUL), and e-mail
addresses a mail server delivers to an ordinary mailbox."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# Control characters other than tab and newlines: invisible, and NUL is refused by PostgreSQL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value: str) -> None:
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError(
            _("Remove the invisible control characters from this text."), code="control"
        )


def validate_contact_email(value: str) -> None:
    """An address of an ordinary mailbox, name@domain.tld. Beside Django's own check of the
    field (which reports a malformed address), this refuses what the standard allows but no
    registrant needs and an attacker uses: quoted local parts ("\x01\x07"@example.org),
    control or space characters, addresses at a bare IP address (a@[127.0.0.1]) and domains
    without a dot."""
    value = value or ""
    try:
        validate_email(value)
    except ValidationError:
        return  # Django's validator of the field says so, once
    domain = value.rsplit("@", 1)[-1]
    if (
        CONTROL_CHARACTERS.search(value)
        or any(character.isspace() for character in value)
        or '"' in value
        or domain.startswith("[")
        or "." not in domain
    ):
        raise ValidationError(
            _("Enter the address of a mailbox, such as name@example.org."),
            code="invalid",
            params={"value": value},
        )
