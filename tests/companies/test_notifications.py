"""Every e-mail, written in its two parts: the plain text as typed, the HTML escaped."""

import re
from pathlib import Path

import pytest

from companies.notifications import notification_render
from tests.factories import BookingFactory

pytestmark = pytest.mark.django_db

EMAILS = Path(__file__).resolve().parents[2] / "templates" / "emails"
TEMPLATES = sorted(path.name.removesuffix(".subject.txt") for path in EMAILS.glob("*.subject.txt"))
ENTITY = re.compile(r"&(#x?[0-9a-f]+|[a-z]+);", re.I)


def test_every_email_template_is_found():
    assert {"registration_confirm", "registration_confirmed", "booking_rejected"} <= set(TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("language", ["it", "ru", "en"])
def test_the_text_part_shows_names_as_typed_and_the_html_part_escapes_them(template, language):
    booking = BookingFactory(
        registration__language=language,
        registration__organisation__name="D'Angelo & <Figli>",
        registration__contact__first_name="Zoë D'Arco",
        table__title_it='Tavolo "Moda" & <Tessile>',
        table__title_ru='Стол "Мода" & <Текстиль>',
        table__title_en='Table "Fashion" & <Textiles>',
        status="rejected",
        rejection_reason="Posti <esauriti> & chiusi",
    )

    mail = notification_render(
        registration=booking.registration, template=template, booking=booking
    )

    assert ENTITY.findall(mail["body_text"]) == [], mail["body_text"]
    assert ENTITY.findall(mail["subject"]) == []
    assert "Zoë D'Arco" in mail["body_text"]
    assert "<Figli>" not in mail["body_html"] and "<Tessile>" not in mail["body_html"]
    assert "<esauriti>" not in mail["body_html"]
    assert "Zoë D&#x27;Arco" in mail["body_html"]
