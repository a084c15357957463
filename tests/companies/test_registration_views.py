"""The public registration flow, as the registrant sees it: form, e-mail, confirmation link,
manage page. Texts are asserted on /en/ pages, where the messages are the source strings."""

import datetime
import re
import time
import uuid
from html import unescape
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from companies.models import Booking, Contact, Organisation, Registration
from companies.tokens import registration_token
from sessions.models import SectoralTable
from tests.factories import (
    BookingFactory,
    ConfirmedRegistrationFactory,
    EditionFactory,
    OpenEditionFactory,
    OrganisationFactory,
    RegistrationFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db

ITALIAN_VAT = "00743110157"
RUSSIAN_INN = "7707083893"


# Helpers ------------------------------------------------------------------------------------


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def register_url(edition, language="en"):
    return url("companies:registration_create", language, slug=edition.slug)


def sent_url(edition, language="en"):
    return url("companies:registration_sent", language, slug=edition.slug)


def confirm_url(registration, language="en", token=None):
    token = token or registration_token(registration, "confirm")
    return url("companies:registration_confirm", language, token=token)


def manage_url(registration, language="en", token=None):
    token = token or registration_token(registration, "manage")
    return url("companies:registration_manage", language, token=token)


def submission(tables, **overrides):
    """A complete, valid registration POST for `tables`; an override of None drops a field."""
    data = {
        "submission_key": str(uuid.uuid4()),
        "website": "",
        "organisation_name": "Officine Esempio S.p.A.",
        "organisation_kind": "sme",
        "organisation_size": "small",
        "country": "IT",
        "tax_id": ITALIAN_VAT,
        "city": "Prato",
        "first_name": "Anna",
        "last_name": "Rossi",
        "role": "Export manager",
        "email": "anna@example.org",
        "phone": "+39 0574 000000",
        "language": "en",
        "tables": [str(table.pk) for table in tables],
        "interested_in_visits": "on",
        "privacy_accepted": "on",
    }
    for table in tables:
        data[f"proposal_kind_{table.pk}"] = "commercial_partners"
        data[f"offers_{table.pk}"] = "Technical textiles"
        data[f"seeks_{table.pk}"] = "Distributors"
        data[f"description_{table.pk}"] = f"We look for distributors ({table.title_en})."
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def russian_submission(tables, **overrides):
    return submission(
        tables,
        **{
            "organisation_name": "OOO Primer",
            "country": "RU",
            "tax_id": RUSSIAN_INN,
            "city": "Kazan",
            "first_name": "Ivan",
            "last_name": "Petrov",
            "email": "ivan@example.ru",
            **overrides,
        },
    )


def html_of(response) -> str:
    return response.content.decode()


def text_of(html: str) -> str:
    """The visible text of an HTML fragment, tags removed and whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def field_errors(html: str, field_id: str) -> str:
    """The text of the error list rendered next to the field `field_id` (Django 6 markup)."""
    match = re.search(
        rf'<ul class="errorlist" id="{re.escape(field_id)}_error">(.*?)</ul>', html, re.S
    )
    assert match, f"no error list next to {field_id}"
    return text_of(match.group(1))


def booking_section(html: str, booking: Booking) -> str:
    """The text of one booking's section on the manage page."""
    match = re.search(
        rf'<section class="booking[^"]*" aria-labelledby="booking-{booking.pk}">(.*?)</section>',
        html,
        re.S,
    )
    assert match, f"booking {booking.pk} is not on the page"
    return text_of(match.group(1))


def confirm_path_in(message) -> str:
    match = re.search(r"/(?:it|ru|en)/registration/confirm/[^/\s]+/", message.body)
    assert match, "no confirmation link in the e-mail"
    return match.group(0)


def register_and_confirm(client, capture, edition, data) -> str:
    """Register through the form, confirm through the e-mailed link; the manage page URL."""
    with capture(execute=True):
        response = client.post(register_url(edition), data)
    assert response.status_code == 302, field_errors_summary(html_of(response))
    message = [m for m in mail.outbox if m.to == [data["email"]]][-1]
    with capture(execute=True):
        response = client.post(confirm_path_in(message))
    assert response.status_code == 302
    return response.url


def field_errors_summary(html: str) -> str:
    return "; ".join(
        f"{field_id}: {text_of(errors)}"
        for field_id, errors in re.findall(
            r'<ul class="errorlist[^"]*" id="([^"]+)">(.*?)</ul>', html, re.S
        )
    )


def row_counts():
    return (
        Registration.objects.count(),
        Booking.objects.count(),
        Contact.objects.count(),
        Organisation.objects.count(),
    )


# The form -----------------------------------------------------------------------------------


def test_registration_form_shows_every_table_the_privacy_link_and_a_submission_key(client):
    edition = OpenEditionFactory()
    tables = [
        SectoralTableFactory(edition=edition, title_it=title)
        for title in ("Meccanica", "Agroalimentare", "Moda e tessile")
    ]
    SectoralTableFactory(edition=OpenEditionFactory(), title_it="Tavolo di un'altra edizione")

    first = html_of(client.get(register_url(edition, "it")))
    second = html_of(client.get(register_url(edition, "it")))

    for table in tables:
        assert f'id="id_tables_{table.pk}"' in first
        assert f"<strong>{table.title_it}</strong>" in first
        assert f'name="description_{table.pk}"' in first
    assert "altra edizione" not in first
    assert f'href="{url("pages:privacy", "it")}"' in first
    keys = [
        re.search(r'<input type="hidden" name="submission_key" value="([^"]+)"', html)
        for html in (first, second)
    ]
    assert all(keys)
    first_key, second_key = (uuid.UUID(key.group(1)) for key in keys)
    assert first_key != second_key  # every form carries its own key
    assert 'name="privacy_accepted"' in first


@pytest.mark.parametrize(
    ("window", "message"),
    [
        pytest.param(
            {"registration_opens_at": 10, "registration_closes_at": 40},
            "Registration is not open yet. It opens on",
            id="not-yet-open",
        ),
        pytest.param(
            {"registration_opens_at": -40, "registration_closes_at": -10},
            "Registration closed on",
            id="closed",
        ),
        pytest.param(
            {"registration_opens_at": None, "registration_closes_at": None},
            "There is no registration for this edition.",
            id="no-window",
        ),
    ],
)
def test_registration_outside_the_window_shows_a_friendly_page_and_saves_nothing(
    client, window, message
):
    now = timezone.now()
    edition = OpenEditionFactory(
        **{
            name: None if days is None else now + datetime.timedelta(days=days)
            for name, days in window.items()
        }
    )
    table = SectoralTableFactory(edition=edition)

    page = html_of(client.get(register_url(edition)))
    response = client.post(register_url(edition), submission([table]))

    assert message in text_of(page)
    assert 'name="submission_key"' not in page
    with translation.override("en"):
        assert f'href="{edition.get_absolute_url()}"' in page  # the way back to the edition
    assert message in text_of(html_of(response))
    assert row_counts() == (0, 0, 0, 0)


def test_registration_of_an_unpublished_edition_is_not_found(client):
    edition = OpenEditionFactory(is_published=False)
    table = SectoralTableFactory(edition=edition)

    response = client.post(register_url(edition), submission([table]))

    assert response.status_code == 404
    assert Registration.objects.count() == 0


# The whole flow -----------------------------------------------------------------------------


def test_registration_from_form_to_confirmation_to_cancelled_booking(
    client, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    mechanics = SectoralTableFactory(edition=edition, title_en="Mechanics", capacity=5)
    textiles = SectoralTableFactory(edition=edition, title_en="Textiles", capacity=5)

    # Register for two tables.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(edition), submission([mechanics, textiles]))

    assert response.status_code == 302
    assert response.url == sent_url(edition)
    sent_page = text_of(html_of(client.get(response.url)))
    assert "Check your e-mail" in sent_page
    assert "Open the link within 7 days" in sent_page
    registration = Registration.objects.get()
    assert registration.status == "pending"
    assert registration.organisation.name == "Officine Esempio S.p.A."
    # The person is held with the registration until the address is confirmed.
    assert registration.contact is None
    assert registration.email == "anna@example.org"
    assert sorted(registration.bookings.values_list("table__title_en", "status")) == [
        ("Mechanics", "pending"),
        ("Textiles", "pending"),
    ]
    assert list(SectoralTable.objects.values_list("accepted_count", flat=True)) == [0, 0]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.org"]
    link = confirm_path_in(mail.outbox[0])

    # Following the link only asks: mail scanners open links too.
    confirm_page = html_of(client.get(link))
    assert "Confirm my e-mail address" in confirm_page
    assert '<form method="post">' in confirm_page
    registration.refresh_from_db()
    assert registration.status == "pending"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link)

    assert response.status_code == 302
    assert response.url.startswith("/en/registration/manage/")
    manage = response.url
    registration.refresh_from_db()
    assert registration.status == "confirmed"
    assert registration.contact.email == "anna@example.org"
    assert registration.contact.first_name == "Anna"
    assert registration.email == registration.first_name == ""
    page = html_of(client.get(manage))
    mechanics_booking = registration.bookings.get(table=mechanics)
    textiles_booking = registration.bookings.get(table=textiles)
    assert "Mechanics" in booking_section(page, mechanics_booking)
    assert "Textiles" in booking_section(page, textiles_booking)
    assert "accepted" in booking_section(page, mechanics_booking)
    assert "accepted" in booking_section(page, textiles_booking)
    assert "Officine Esempio S.p.A." in text_of(page)
    assert SectoralTable.objects.get(pk=mechanics.pk).accepted_count == 1

    # Cancel one booking.
    response = client.post(manage, {"action": "cancel_booking", "booking": mechanics_booking.pk})

    assert response.status_code == 302
    assert response.url == manage
    page = html_of(client.get(manage))
    assert "cancelled" in booking_section(page, mechanics_booking)
    assert "Cancel this booking" not in booking_section(page, mechanics_booking)
    assert "accepted" in booking_section(page, textiles_booking)
    assert SectoralTable.objects.get(pk=mechanics.pk).accepted_count == 0
    assert SectoralTable.objects.get(pk=textiles.pk).accepted_count == 1


def test_registration_on_the_italian_page_redirects_to_the_italian_sent_page(
    client, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(edition, "it"), submission([table], language="it"))

    assert response.status_code == 302
    assert response.url == sent_url(edition, "it")
    assert "/it/registration/confirm/" in mail.outbox[0].body
    assert Registration.objects.get().language == "it"


def test_registration_waiting_list_position_and_promotion_when_a_place_frees_up(
    client, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition, title_en="Aerospace", capacity=1)
    first_manage = register_and_confirm(
        client, django_capture_on_commit_callbacks, edition, submission([table])
    )
    second_manage = register_and_confirm(
        client, django_capture_on_commit_callbacks, edition, russian_submission([table])
    )
    first = Booking.objects.get(registration__contact__email="anna@example.org")
    second = Booking.objects.get(registration__contact__email="ivan@example.ru")

    assert "accepted" in booking_section(html_of(client.get(first_manage)), first)
    waiting = booking_section(html_of(client.get(second_manage)), second)
    assert "waiting list" in waiting
    assert "position 1 on the waiting list" in waiting

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(first_manage, {"action": "cancel_booking", "booking": first.pk})

    assert "cancelled" in booking_section(html_of(client.get(first_manage)), first)
    promoted = booking_section(html_of(client.get(second_manage)), second)
    assert "accepted" in promoted
    assert "position" not in promoted
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1
    assert [message.to for message in mail.outbox] == [["ivan@example.ru"]]
    assert "Aerospace" in mail.outbox[0].subject
    assert "/en/registration/manage/" in mail.outbox[0].body


# Bad input ----------------------------------------------------------------------------------


def test_registration_empty_post_shows_errors_next_to_the_required_fields(client):
    edition = OpenEditionFactory()
    SectoralTableFactory(edition=edition)

    response = client.post(register_url(edition), {"submission_key": str(uuid.uuid4())})

    page = html_of(response)
    assert response.status_code == 200
    assert "Please correct the fields marked below." in text_of(page)
    for field in ("organisation_name", "tax_id", "email"):
        assert "This field is required." in field_errors(page, f"id_{field}")
    assert "Choose at least one sectoral table." in field_errors(page, "id_tables")
    assert "You must accept the privacy notice to register." in field_errors(
        page, "id_privacy_accepted"
    )
    assert row_counts() == (0, 0, 0, 0)


def test_registration_form_error_ids_are_unique(client):
    """aria-describedby points at "id_<field>_error": two elements with that id break it."""
    edition = OpenEditionFactory()
    SectoralTableFactory(edition=edition)

    page = html_of(client.post(register_url(edition), {"submission_key": str(uuid.uuid4())}))

    ids = re.findall(r'\sid="([^"]+)"', page)
    duplicates = sorted({element_id for element_id in ids if ids.count(element_id) > 1})
    assert duplicates == []


@pytest.mark.parametrize("language", ["it", "ru"])
def test_registration_errors_are_shown_next_to_fields_in_every_language(client, language):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    response = client.post(
        register_url(edition, language),
        submission([table], tax_id="12345678901", privacy_accepted=None, language=language),
    )

    page = html_of(response)
    assert response.status_code == 200
    assert field_errors(page, "id_tax_id")
    assert field_errors(page, "id_privacy_accepted")
    assert 'value="12345678901"' in page
    assert Registration.objects.count() == 0


def test_registration_invalid_italian_tax_id_is_refused_and_the_typed_value_kept(client):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    response = client.post(register_url(edition), submission([table], tax_id="12345678901"))

    page = html_of(response)
    assert "“12345678901” is not a valid Italian VAT number" in field_errors(page, "id_tax_id")
    assert 'value="12345678901"' in page
    assert 'value="Officine Esempio S.p.A."' in page  # the rest is kept too
    assert row_counts() == (0, 0, 0, 0)


def test_registration_russian_inn_in_the_italian_format_is_refused(client):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    response = client.post(
        register_url(edition), submission([table], country="RU", tax_id=ITALIAN_VAT)
    )

    assert "is not a valid Russian INN" in field_errors(html_of(response), "id_tax_id")
    assert Registration.objects.count() == 0


def test_registration_email_registered_for_another_edition_is_accepted(client):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    RegistrationFactory(edition=OpenEditionFactory(), contact__email="anna@example.org")

    response = client.post(register_url(edition), submission([table]))

    assert response.status_code == 302
    assert Registration.objects.filter(edition=edition).count() == 1


# What the form reveals, and what it may overwrite ------------------------------------------


def test_the_form_answers_the_same_whether_or_not_the_organisation_is_registered(
    client, django_capture_on_commit_callbacks
):
    """Whether an organisation or an address is registered is said only in the e-mail, to
    the owner of the address: the page after the form is the same in every case."""
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    registered = ConfirmedRegistrationFactory(
        edition=edition,
        organisation__country="RU",
        organisation__tax_id=RUSSIAN_INN,
        contact__email="ivan@example.ru",
        language="en",
    )
    answers = []
    for data in (
        submission([table]),  # a new organisation
        russian_submission([table]),  # the registered one, by its contact person
        russian_submission([table], email="someone.else@example.org"),  # by someone else
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(register_url(edition), data)
        answers.append((response.status_code, response.url, html_of(client.get(response.url))))

    assert answers[0] == answers[1] == answers[2]
    assert Registration.objects.count() == 2  # the new one, and the registered one
    confirm, reminder, taken = mail.outbox
    assert confirm.to == ["anna@example.org"] and "/registration/confirm/" in confirm.body
    assert reminder.to == ["ivan@example.ru"]
    assert manage_url(registered).split("/manage/")[0] in reminder.body
    assert "already registered" in reminder.body
    assert taken.to == ["someone.else@example.org"]
    assert "Another person has already registered the organisation" in taken.body
    assert "/registration/" not in taken.body  # no link to anyone's registration
    assert registered.contact.first_name not in taken.body


def test_an_unconfirmed_registration_does_not_lock_the_organisation_out(
    client, django_capture_on_commit_callbacks
):
    """Anyone can type a company's public VAT number; until they confirm an address, the
    company itself can still register, and the first confirmed registration wins."""
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(edition), submission([table], email="impostor@example.net"))
        client.post(register_url(edition), submission([table]))
    impostor_link, real_link = (confirm_path_in(message) for message in mail.outbox)

    assert Registration.objects.filter(status="pending").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(real_link)
        late = client.post(impostor_link)

    real = Registration.objects.get(contact__email="anna@example.org")
    impostor = Registration.objects.exclude(pk=real.pk).get()
    assert confirmed.status_code == 302 and real.status == "confirmed"
    assert "The organisation is already registered" in text_of(html_of(late))
    assert impostor.status == "cancelled"
    assert impostor.email == "" and impostor.first_name == "—"  # nothing of the person kept
    assert list(impostor.bookings.values_list("status", flat=True)) == ["cancelled"]
    assert Contact.objects.filter(email="impostor@example.net").count() == 0


def test_submitting_never_changes_a_contact_the_details_wait_for_the_confirmation(
    client, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    from tests.factories import ContactFactory

    contact = ContactFactory(
        organisation__country="IT",
        organisation__tax_id=ITALIAN_VAT,
        email="anna@example.org",
        first_name="Anna",
        last_name="Rossi",
        phone="+39 055 111111",
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            register_url(edition),
            submission([table], first_name="Impostore", last_name="Falso", phone="+7 999 0000000"),
        )

    contact.refresh_from_db()
    registration = Registration.objects.get()
    assert (contact.first_name, contact.last_name, contact.phone) == (
        "Anna",
        "Rossi",
        "+39 055 111111",
    )
    assert registration.contact is None
    assert (registration.first_name, registration.phone) == ("Impostore", "+7 999 0000000")

    # Only whoever reads anna@example.org can confirm, and the details apply then.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path_in(mail.outbox[0]))

    contact.refresh_from_db()
    assert (contact.first_name, contact.phone) == ("Impostore", "+7 999 0000000")
    assert Registration.objects.get().contact == contact
    assert Contact.objects.count() == 1


def test_registration_chosen_table_without_description_is_refused(client):
    edition = OpenEditionFactory()
    chosen, other = SectoralTableFactory.create_batch(2, edition=edition)

    response = client.post(
        register_url(edition), submission([chosen], **{f"description_{chosen.pk}": "   "})
    )

    page = html_of(response)
    assert "Describe the proposal in a few lines." in field_errors(
        page, f"id_description_{chosen.pk}"
    )
    assert f'id="id_description_{other.pk}_error"' not in page
    assert re.search(rf'value="{chosen.pk}" id="id_tables_{chosen.pk}" checked', page)
    assert row_counts() == (0, 0, 0, 0)


def test_registration_for_a_table_of_another_edition_is_refused(client):
    edition = OpenEditionFactory()
    SectoralTableFactory(edition=edition)
    foreign = SectoralTableFactory(edition=OpenEditionFactory())

    response = client.post(register_url(edition), submission([foreign]))

    assert "Select a valid choice" in field_errors(html_of(response), "id_tables")
    assert row_counts() == (0, 0, 0, 0)


def test_registration_naming_the_same_table_twice_is_not_a_server_error(client):
    """Browsers send each checkbox once; a crafted post may repeat one."""
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    data = submission([table])
    data["tables"] = [str(table.pk), str(table.pk)]

    response = client.post(register_url(edition), data)

    if response.status_code == 302:
        assert response.url == sent_url(edition)
        assert list(Booking.objects.values_list("table_id", flat=True)) == [table.pk]
    else:
        assert response.status_code == 200
        assert field_errors(html_of(response), "id_tables")
        assert row_counts() == (0, 0, 0, 0)


# Double posts, bots, floods -----------------------------------------------------------------


def test_registration_posted_twice_with_the_same_key_is_saved_once(
    client, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    data = submission([table])

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(register_url(edition), data)
        second = client.post(register_url(edition), data)

    assert (first.status_code, first.get("Location")) == (302, sent_url(edition))
    assert (second.status_code, second.get("Location")) == (302, sent_url(edition)), (
        field_errors_summary(html_of(second))
    )
    assert Registration.objects.count() == 1
    assert Booking.objects.count() == 1
    assert len(mail.outbox) == 1


def test_registration_with_the_honeypot_filled_pretends_success_and_saves_nothing(
    client, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            register_url(edition), submission([table], website="https://spam.example")
        )

    assert response.status_code == 302
    assert response.url == sent_url(edition)
    assert row_counts() == (0, 0, 0, 0)
    assert mail.outbox == []


def test_registration_posts_over_the_rate_limit_get_a_429_page(client, settings):
    settings.REGISTRATION_RATE_LIMIT = 2
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    for _ in range(2):
        assert (
            client.post(register_url(edition), {"submission_key": uuid.uuid4()}).status_code == 200
        )

    response = client.post(register_url(edition), submission([table]))
    from_elsewhere = client.post(
        register_url(edition), {"submission_key": uuid.uuid4()}, REMOTE_ADDR="192.0.2.7"
    )

    assert response.status_code == 429
    assert "Too many attempts" in text_of(html_of(response))
    assert "Please try again in an hour" in text_of(html_of(response))
    assert Registration.objects.count() == 0
    assert from_elsewhere.status_code == 200  # the limit is per address


def test_registration_form_get_is_not_rate_limited(client, settings):
    settings.REGISTRATION_RATE_LIMIT = 1
    edition = OpenEditionFactory()
    SectoralTableFactory(edition=edition)

    statuses = [client.get(register_url(edition)).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


# Links in the e-mails -----------------------------------------------------------------------


def tampered(token: str) -> str:
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


def bad_token(registration, purpose: str, badness: str) -> str:
    if badness == "tampered":
        return tampered(registration_token(registration, purpose))
    if badness == "other_purpose":
        return registration_token(registration, "manage" if purpose == "confirm" else "confirm")
    assert badness == "expired"
    three_days_ago = time.time() - 3 * 86400
    with mock.patch("django.core.signing.time.time", return_value=three_days_ago):
        return registration_token(registration, purpose)


@pytest.mark.parametrize("badness", ["tampered", "other_purpose", "expired"])
def test_confirm_link_that_is_not_valid_is_refused_and_changes_nothing(client, settings, badness):
    settings.REGISTRATION_CONFIRM_DAYS = 2
    settings.REGISTRATION_MANAGE_DAYS = 2
    booking = BookingFactory(registration=RegistrationFactory())
    link = confirm_url(
        booking.registration, token=bad_token(booking.registration, "confirm", badness)
    )

    get = client.get(link)
    post = client.post(link)

    for response in (get, post):
        assert response.status_code == 400
        assert "This link is not valid" in text_of(html_of(response))
        assert "Confirm my e-mail address" not in text_of(html_of(response))
    booking.refresh_from_db()
    booking.registration.refresh_from_db()
    assert booking.registration.status == "pending"
    assert booking.status == "pending"


@pytest.mark.parametrize("badness", ["tampered", "other_purpose", "expired"])
def test_manage_link_that_is_not_valid_is_refused_and_changes_nothing(client, settings, badness):
    settings.REGISTRATION_CONFIRM_DAYS = 2
    settings.REGISTRATION_MANAGE_DAYS = 2
    booking = BookingFactory(description="Secret proposal")
    registration = booking.registration
    link = manage_url(registration, token=bad_token(registration, "manage", badness))

    get = client.get(link)
    post = client.post(link, {"action": "cancel_registration"})

    for response in (get, post):
        assert response.status_code == 400
        assert "This link is not valid" in text_of(html_of(response))
        assert "Secret proposal" not in html_of(response)
        assert registration.organisation.name not in html_of(response)
    registration.refresh_from_db()
    booking.refresh_from_db()
    assert registration.status == "confirmed"
    assert booking.status == "submitted"


def test_valid_links_still_work_within_their_lifetime(client, settings):
    settings.REGISTRATION_CONFIRM_DAYS = 2
    registration = BookingFactory(registration=RegistrationFactory()).registration
    yesterday = time.time() - 86400
    with mock.patch("django.core.signing.time.time", return_value=yesterday):
        token = registration_token(registration, "confirm")

    response = client.post(confirm_url(registration, token=token))

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_confirm_link_of_a_cancelled_registration_is_refused(client):
    registration = BookingFactory(
        registration=RegistrationFactory(status=Registration.Status.CANCELLED)
    ).registration

    response = client.post(confirm_url(registration))

    assert response.status_code == 400
    assert "This link is not valid" in text_of(html_of(response))
    registration.refresh_from_db()
    assert registration.status == "cancelled"


# The manage page ----------------------------------------------------------------------------


def test_manage_page_never_shows_another_registrations_data(client):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    mine = BookingFactory(
        registration__edition=edition,
        registration__organisation__name="Mia Impresa S.r.l.",
        table=table,
        description="Our own proposal",
    )
    theirs = BookingFactory(
        registration__edition=edition,
        registration__organisation__name="Altra Impresa S.p.A.",
        registration__contact__email="other.person@example.org",
        registration__contact__last_name="Bianchi",
        table=table,
        description="Their confidential proposal",
    )

    page = html_of(client.get(manage_url(mine.registration)))

    assert "Mia Impresa S.r.l." in text_of(page)
    assert "Our own proposal" in page
    assert "Altra Impresa" not in page
    assert "Their confidential proposal" not in page
    assert "other.person@example.org" not in page
    assert "Bianchi" not in page
    assert f'value="{theirs.pk}"' not in page


def test_manage_page_cannot_cancel_another_registrations_booking(client):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    mine = BookingFactory(registration__edition=edition, table=table)
    theirs = BookingFactory(registration__edition=edition, table=table)

    response = client.post(
        manage_url(mine.registration), {"action": "cancel_booking", "booking": theirs.pk}
    )

    assert response.status_code == 200
    assert "This action is not available." in text_of(html_of(response))
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert (theirs.status, mine.status) == ("submitted", "submitted")


def test_manage_page_updates_a_proposal(client):
    booking = BookingFactory(registration__edition=OpenEditionFactory())
    prefix = f"b{booking.pk}"

    response = client.post(
        manage_url(booking.registration),
        {
            "action": "update_proposal",
            "booking": booking.pk,
            f"{prefix}-proposal_kind": "joint_venture",
            f"{prefix}-offers": "Know-how",
            f"{prefix}-seeks": "A partner in Tatarstan",
            f"{prefix}-description": "A joint venture for textile machinery.",
        },
    )

    assert response.status_code == 302
    page = html_of(client.get(response.url))
    assert "A joint venture for textile machinery." in page
    booking.refresh_from_db()
    assert (booking.proposal_kind, booking.seeks) == ("joint_venture", "A partner in Tatarstan")


@pytest.mark.parametrize("description", ["Nuova\x00proposta", "Bell\x07 character", "   "])
def test_manage_page_refuses_a_bad_proposal_next_to_the_field_and_changes_nothing(
    client, description
):
    booking = BookingFactory(
        registration__edition=OpenEditionFactory(), description="The original proposal"
    )
    prefix = f"b{booking.pk}"

    response = client.post(
        manage_url(booking.registration),
        {
            "action": "update_proposal",
            "booking": booking.pk,
            f"{prefix}-proposal_kind": "financing",
            f"{prefix}-offers": "",
            f"{prefix}-seeks": "",
            f"{prefix}-description": description,
        },
    )

    page = html_of(response)
    assert response.status_code == 200
    assert field_errors(page, f"id_{prefix}-description")
    assert re.search(r"<details open>", page)  # the form with the error is unfolded
    booking.refresh_from_db()
    assert (booking.proposal_kind, booking.description) == (
        "commercial_partners",
        "The original proposal",
    )


def test_manage_page_after_the_window_closed_refuses_a_proposal_change_and_shows_the_saved_one(
    client,
):
    booking = BookingFactory(
        registration__edition=OpenEditionFactory(), description="The original proposal"
    )
    edition = booking.registration.edition
    edition.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    edition.save()
    prefix = f"b{booking.pk}"

    response = client.post(
        manage_url(booking.registration),
        {
            "action": "update_proposal",
            "booking": booking.pk,
            f"{prefix}-proposal_kind": "financing",
            f"{prefix}-description": "A late change",
        },
    )

    page = html_of(response)
    assert "Registration has closed: proposals can no longer be changed." in text_of(page)
    assert "The original proposal" in page
    assert "A late change" not in page
    booking.refresh_from_db()
    assert booking.description == "The original proposal"


def test_manage_page_cancels_the_whole_registration_and_frees_the_places(client):
    table = SectoralTableFactory(edition=OpenEditionFactory(), capacity=3)
    registration = ConfirmedRegistrationFactory(edition=table.edition)
    booking = BookingFactory(registration=registration, table=table, status="accepted")
    SectoralTable.objects.filter(pk=table.pk).update(accepted_count=1)

    response = client.post(manage_url(registration), {"action": "cancel_registration"})

    page = html_of(client.get(response.url))
    assert "cancelled" in booking_section(page, booking)
    assert "Cancel my registration and all bookings" not in page
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 0
    registration.refresh_from_db()
    assert registration.status == "cancelled"


# Navigation and performance -----------------------------------------------------------------


def main_navigation_links(html: str) -> list[str]:
    return re.findall(r'<a class="nav-link[^"]*" href="([^"]+)"', html)


def test_register_link_is_in_the_main_navigation_while_a_window_is_open(client):
    edition = OpenEditionFactory()

    links = main_navigation_links(html_of(client.get(url("archive:home", "it"))))
    english = html_of(client.get(url("archive:home", "en")))

    assert register_url(edition, "it") in links
    assert register_url(edition, "en") in main_navigation_links(english)
    assert re.search(
        rf'href="{re.escape(register_url(edition, "en"))}"[^>]*><span>Register</span>', english
    )


@pytest.mark.parametrize(
    "window",
    [
        pytest.param({"registration_opens_at": 10, "registration_closes_at": 40}, id="not-yet"),
        pytest.param({"registration_opens_at": -40, "registration_closes_at": -10}, id="closed"),
        pytest.param({"registration_opens_at": None, "registration_closes_at": None}, id="none"),
    ],
)
def test_register_link_is_not_in_the_navigation_without_an_open_window(client, window):
    now = timezone.now()
    edition = OpenEditionFactory(
        **{
            name: None if days is None else now + datetime.timedelta(days=days)
            for name, days in window.items()
        }
    )
    EditionFactory()

    page = html_of(client.get(url("archive:home", "it")))

    assert register_url(edition, "it") not in page
    assert not any("/register/" in link for link in main_navigation_links(page))


def test_register_link_is_not_in_the_navigation_for_an_unpublished_edition(client):
    edition = OpenEditionFactory(is_published=False)

    page = html_of(client.get(url("archive:home", "it")))

    assert register_url(edition, "it") not in page


def test_register_link_disappears_when_the_window_is_closed_by_staff(client):
    edition = OpenEditionFactory()
    client.get(url("archive:home", "it"))  # the open window is now cached
    edition.registration_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    edition.registration_opens_at = timezone.now() - datetime.timedelta(days=2)
    edition.save()

    page = html_of(client.get(url("archive:home", "it")))

    assert register_url(edition, "it") not in page


@pytest.mark.parametrize("count", [1, 3])
def test_registration_form_query_count_does_not_grow_with_the_tables(
    client, django_assert_num_queries, count
):
    edition = OpenEditionFactory()
    SectoralTableFactory.create_batch(count, edition=edition)
    client.get(register_url(edition))  # warm the navigation cache

    # The edition and its tables with their sectors.
    with django_assert_num_queries(2):
        response = client.get(register_url(edition))

    assert response.status_code == 200
    assert html_of(response).count('name="tables"') == count


@pytest.mark.parametrize(
    "email",
    ['"\x01\x07"@example.org', '"anna"@example.org', "anna@[127.0.0.1]", "anna@localhost"],
)
def test_registration_refuses_addresses_no_mailbox_has_next_to_the_field(client, email):
    """Control characters in a quoted address broke the desk's XLSX export and failed the
    e-mail on every retry; an address at a bare IP reaches no ordinary mailbox."""
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    response = client.post(register_url(edition), submission([table], email=email))

    assert "Enter the address of a mailbox" in field_errors(html_of(response), "id_email")
    assert Registration.objects.count() == 0


def test_contacts_refuse_such_addresses_in_the_back_office_too():
    from django.core.exceptions import ValidationError

    from tests.factories import ContactFactory

    contact = ContactFactory.build(organisation=OrganisationFactory(), email="a@[127.0.0.1]")

    with pytest.raises(ValidationError) as error:
        contact.full_clean()

    assert list(error.value.message_dict) == ["email"]


def test_the_form_cannot_flood_a_mailbox_with_already_registered_e_mails(
    client, django_capture_on_commit_callbacks
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    ConfirmedRegistrationFactory(
        edition=edition, organisation__country="RU", organisation__tax_id=RUSSIAN_INN
    )

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post(
                register_url(edition), russian_submission([table], email="victim@example.org")
            )

    assert [message.to for message in mail.outbox] == [["victim@example.org"]]
