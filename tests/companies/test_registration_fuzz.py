"""Random registration posts: whatever arrives, the answer is a page (never a server error)
and the database holds whole registrations or nothing."""

import uuid

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, event, example, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from companies.models import Booking, Contact, Notification, Organisation, Registration
from tests.factories import OpenEditionFactory, SectoralTableFactory

pytestmark = pytest.mark.django_db

VALID_TAX_IDS = [("IT", "00743110157"), ("IT", "IT00743110157"), ("RU", "7707083893")]
CONTROL_CHARACTERS = "".join(chr(code) for code in range(0x20)) + "\x7f"

# Text as people and bots type it: anything that UTF-8 can carry (a form post cannot hold a
# lone surrogate), control characters with NUL among them, very long strings.
any_character = st.characters(codec="utf-8")
nasty_text = st.one_of(
    st.text(any_character),
    st.text(alphabet=st.sampled_from(CONTROL_CHARACTERS + "aé Ж1-@."), max_size=30),
    st.builds(lambda c, n: c * n, any_character, st.integers(min_value=200, max_value=5000)),
    st.sampled_from(["\x00", "a\x00b", " ", "\u200b", "'; DROP TABLE x; --", "%s%n{0}"]),
)
checkbox = st.sampled_from([None, "on", "", "off", "0", "false", "true", "\x00"])


@st.composite
def table_choices(draw, table_ids):
    real = [str(pk) for pk in table_ids]
    fake = ["0", "-1", str(max(table_ids) + 1000), "abc", "\x00", "1.5", ""]
    return draw(
        st.one_of(
            st.lists(st.sampled_from(real), min_size=1, max_size=2, unique=True),
            st.lists(st.sampled_from(real + fake), max_size=4),
            st.lists(nasty_text, max_size=2),
        )
    )


@st.composite
def submissions(draw, table_ids):
    """Mostly valid posts with a few fields broken, missing or replaced by random text."""
    country, tax_id = draw(st.sampled_from(VALID_TAX_IDS))
    data = {
        "submission_key": str(draw(st.uuids())),
        "website": "",
        "organisation_name": draw(st.sampled_from(["Officine Esempio S.p.A.", "ООО Пример"])),
        "organisation_kind": draw(st.sampled_from(["sme", "bank", "university", "other"])),
        "organisation_size": draw(st.sampled_from(["", "micro", "large"])),
        "country": country,
        "tax_id": tax_id,
        "city": draw(st.sampled_from(["", "Prato", "Казань"])),
        "first_name": "Anna",
        "last_name": "Rossi",
        "role": "",
        "email": draw(st.sampled_from(["anna@example.org", "ANNA@example.org", "ivan@пример.рф"])),
        "phone": "",
        "language": draw(st.sampled_from(["it", "ru", "en"])),
        "tables": draw(table_choices(table_ids)),
        "interested_in_visits": draw(checkbox),
        "public_listing_consent": draw(checkbox),
        "privacy_accepted": "on",
    }
    for pk in table_ids:
        data[f"proposal_kind_{pk}"] = draw(st.sampled_from(["commercial_partners", "other"]))
        data[f"offers_{pk}"] = ""
        data[f"seeks_{pk}"] = ""
        data[f"description_{pk}"] = "We look for distributors."
    fields = sorted(data)
    broken = draw(
        st.one_of(
            st.lists(st.sampled_from(fields), max_size=3, unique=True),
            st.lists(st.sampled_from(fields), unique=True),
        )
    )
    for field in broken:
        if field == "tables":
            data[field] = draw(table_choices(table_ids))
        else:
            data[field] = draw(
                st.one_of(st.none(), nasty_text, checkbox, st.sampled_from(["sme", "IT", "ru"]))
            )
    return {field: value for field, value in data.items() if value is not None}


def valid_submission(table_ids, **overrides):
    data = {
        "submission_key": str(uuid.uuid4()),
        "organisation_name": "Officine Esempio S.p.A.",
        "organisation_kind": "sme",
        "country": "IT",
        "tax_id": "00743110157",
        "first_name": "Anna",
        "last_name": "Rossi",
        "email": "anna@example.org",
        "language": "en",
        "tables": [str(pk) for pk in table_ids],
        "privacy_accepted": "on",
    }
    for pk in table_ids:
        data[f"proposal_kind_{pk}"] = "other"
        data[f"description_{pk}"] = "We look for distributors."
    return data | overrides


@pytest.fixture
def open_edition_with_two_tables():
    edition = OpenEditionFactory()
    tables = SectoralTableFactory.create_batch(2, edition=edition)
    return edition, [table.pk for table in tables]


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (Registration, Booking, Contact, Organisation, Notification)
    }


def test_registration_random_posts_never_fail_and_never_half_save(open_edition_with_two_tables):
    edition, table_ids = open_edition_with_two_tables
    with translation.override("en"):
        url = reverse("companies:registration_create", kwargs={"slug": edition.slug})

    @hsettings(
        max_examples=300,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=submissions(table_ids))
    # Shapes worth trying on every run, whatever the random draw.
    @example(data=valid_submission(table_ids))
    @example(data=valid_submission(table_ids, tables=[str(table_ids[0])] * 2))
    @example(
        data={
            field: (value if field in ("submission_key", "tables") else "\x00")
            for field, value in valid_submission(table_ids).items()
        }
    )
    @example(data=valid_submission(table_ids, organisation_name="x" * 5000, city="\x00" * 200))
    def post_anything(data):
        cache.clear()  # the rate limit counts posts across examples otherwise
        # Each example runs in a savepoint that is rolled back: the next starts from no rows.
        with transaction.atomic():
            before = row_counts()
            assert set(before.values()) == {0}

            response = Client().post(url, data)

            after = row_counts()
            event(f"status {response.status_code}, {after['Registration']} registration(s) saved")
            assert response.status_code in (200, 302)  # refused with messages, or saved
            registrations = list(Registration.objects.prefetch_related("bookings"))
            if after["Registration"] == 0:
                assert after == before, "rows saved without a registration"
            for registration in registrations:
                bookings = list(registration.bookings.all())
                assert bookings, "a registration without bookings"
                assert {b.organisation_id for b in bookings} == {registration.organisation_id}
                assert {b.table_id for b in bookings} <= set(table_ids)
                # The person is held by the registration until the address is confirmed.
                assert registration.contact_id is None
                assert registration.email == data["email"].strip().lower()
                assert {b.status for b in bookings} == {"pending"}
            if response.status_code == 200:
                assert after["Registration"] == 0
                assert "Please correct the fields marked below." in response.content.decode()
            if response.status_code == 302 and not data.get("website"):
                assert after["Registration"] == 1
                assert len(registrations[0].bookings.all()) == len(set(data["tables"]))
            transaction.set_rollback(True)

    post_anything()
