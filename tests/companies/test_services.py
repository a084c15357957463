import datetime
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from companies import services
from companies.models import Booking, Notification, Organisation, Registration
from companies.services import ProposalData, RegistrationData
from companies.tokens import registration_from_token
from sessions.models import SectoralTable
from tests.factories import (
    BookingFactory,
    OpenEditionFactory,
    OrganisationFactory,
    RegistrationFactory,
    SectoralTableFactory,
)

pytestmark = pytest.mark.django_db


def registration_data(tables, *, tax_id="00743110157", email="anna@example.org", language="it"):
    return RegistrationData(
        organisation_name="Officine Esempio S.p.A.",
        organisation_kind="sme",
        organisation_size="small",
        country="IT",
        tax_id=tax_id,
        city="Prato",
        first_name="Anna",
        last_name="Rossi",
        role="Export manager",
        email=email,
        phone="",
        language=language,
        interested_in_visits=True,
        public_listing_consent=False,
        proposals=[
            ProposalData(
                table=table,
                proposal_kind="commercial_partners",
                offers="Tessuti",
                seeks="Distributori",
                description="Cerchiamo distributori.",
            )
            for table in tables
        ],
    )


def test_registration_submit_creates_a_pending_registration_that_holds_no_place(
    django_capture_on_commit_callbacks,
):
    edition = OpenEditionFactory()
    tables = SectoralTableFactory.create_batch(2, edition=edition, capacity=1)

    with django_capture_on_commit_callbacks(execute=True):
        registration, created = services.registration_submit(
            edition=edition, data=registration_data(tables), submission_key=uuid.uuid4()
        )

    assert created
    assert registration.status == Registration.Status.PENDING
    assert registration.privacy_version == "1"
    assert [b.status for b in registration.bookings.all()] == ["pending", "pending"]
    assert set(SectoralTable.objects.values_list("accepted_count", flat=True)) == {0}
    assert len(mail.outbox) == 1
    assert "/registration/confirm/" in mail.outbox[0].body
    assert mail.outbox[0].to == ["anna@example.org"]


def test_registration_submit_twice_with_the_same_key_creates_one():
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    key = uuid.uuid4()

    first, _ = services.registration_submit(
        edition=edition, data=registration_data([table]), submission_key=key
    )
    second, created = services.registration_submit(
        edition=edition, data=registration_data([table]), submission_key=key
    )

    assert second == first
    assert not created
    assert Registration.objects.count() == 1


def test_registration_submit_reuses_the_organisation_with_the_same_tax_identifier():
    organisation = OrganisationFactory(country="IT", tax_id="00743110157", name="Nome storico")
    edition = OpenEditionFactory()

    registration, _ = services.registration_submit(
        edition=edition,
        data=registration_data([SectoralTableFactory(edition=edition)], tax_id="IT00743110157"),
        submission_key=uuid.uuid4(),
    )

    assert registration.organisation == organisation
    assert Organisation.objects.count() == 1


def test_confirmation_mail_written_before_the_transaction_names_the_stored_organisation(
    django_capture_on_commit_callbacks,
):
    OrganisationFactory(country="IT", tax_id="00743110157", name="Nome storico")
    edition = OpenEditionFactory()

    with django_capture_on_commit_callbacks(execute=True):
        registration, _ = services.registration_submit(
            edition=edition,
            data=registration_data([SectoralTableFactory(edition=edition)], language="en"),
            submission_key=uuid.uuid4(),
        )

    (message,) = mail.outbox
    assert "Nome storico" in message.body and "Officine Esempio" not in message.body
    # The link in the mail opens this registration (its public identifier was chosen first).
    token = message.body.split("/registration/confirm/")[1].split("/")[0]
    assert registration_from_token(token, "confirm") == registration
    assert registration.notifications.get().language == "en"


def test_the_person_becomes_a_contact_only_when_the_address_is_confirmed():
    edition, other = OpenEditionFactory(), OpenEditionFactory()
    first, _ = services.registration_submit(
        edition=edition,
        data=registration_data([SectoralTableFactory(edition=edition)]),
        submission_key=uuid.uuid4(),
    )
    organisation = Organisation.objects.get()
    assert organisation.contacts.count() == 0

    services.registration_confirm(registration=first)
    second, _ = services.registration_submit(
        edition=other,
        data=registration_data([SectoralTableFactory(edition=other)], email="ANNA@example.org"),
        submission_key=uuid.uuid4(),
    )
    services.registration_confirm(registration=second)

    assert list(organisation.contacts.values_list("email", flat=True)) == ["anna@example.org"]
    assert {r.contact_id for r in organisation.registrations.all()} == {
        organisation.contacts.get().pk
    }


def test_a_second_registration_of_a_confirmed_organisation_is_not_recorded_but_told_by_mail(
    django_capture_on_commit_callbacks,
):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    first, _ = services.registration_submit(
        edition=edition, data=registration_data([table]), submission_key=uuid.uuid4()
    )
    services.registration_confirm(registration=first)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = services.registration_submit(
            edition=edition,
            data=registration_data([table], email="other@example.org"),
            submission_key=uuid.uuid4(),
        )

    assert result == (None, False)
    assert Registration.objects.count() == 1
    (message,) = mail.outbox
    assert message.to == ["other@example.org"]
    assert Notification.objects.filter(to="other@example.org", registration=None).count() == 1


def test_unconfirmed_registrations_of_one_organisation_coexist_the_first_confirmed_wins():
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition, capacity=5)
    first, _ = services.registration_submit(
        edition=edition, data=registration_data([table]), submission_key=uuid.uuid4()
    )
    second, _ = services.registration_submit(
        edition=edition,
        data=registration_data([table], email="other@example.org"),
        submission_key=uuid.uuid4(),
    )

    services.registration_confirm(registration=second)
    late = services.registration_confirm(registration=first)

    assert Registration.objects.get(pk=second.pk).status == "confirmed"
    assert late.status == "cancelled"
    assert list(late.bookings.values_list("status", flat=True)) == ["cancelled"]
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1


def test_registration_submit_outside_the_window_saves_nothing():
    edition = OpenEditionFactory(
        registration_opens_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC),
        registration_closes_at=datetime.datetime(2020, 2, 1, tzinfo=datetime.UTC),
    )

    with pytest.raises(ValidationError):
        services.registration_submit(
            edition=edition,
            data=registration_data([SectoralTableFactory(edition=edition)]),
            submission_key=uuid.uuid4(),
        )

    assert not Registration.objects.exists()
    assert not Organisation.objects.exists()


def test_registration_confirm_accepts_up_to_capacity_then_queues():
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition, capacity=1)
    first = BookingFactory(registration=RegistrationFactory(edition=edition), table=table)
    second = BookingFactory(registration=RegistrationFactory(edition=edition), table=table)

    services.registration_confirm(registration=first.registration)
    services.registration_confirm(registration=second.registration)

    first.refresh_from_db()
    second.refresh_from_db()
    table.refresh_from_db()
    assert (first.status, second.status) == ("accepted", "waiting")
    assert table.accepted_count == 1
    assert Booking.objects.waiting_positions([second]) == {second.pk: 1}


def test_registration_confirm_with_staff_approval_takes_no_place():
    edition = OpenEditionFactory(booking_mode="approval")
    booking = BookingFactory(registration=RegistrationFactory(edition=edition))

    services.registration_confirm(registration=booking.registration)

    booking.refresh_from_db()
    assert booking.status == "submitted"
    assert booking.registration.status == "confirmed"


def test_booking_cancel_promotes_the_first_on_the_waiting_list_and_tells_them(
    django_capture_on_commit_callbacks,
):
    table = SectoralTableFactory(capacity=1, edition=OpenEditionFactory())
    accepted = BookingFactory(table=table, registration__edition=table.edition)
    services.booking_accept(booking=accepted, by=None)
    first_waiting = BookingFactory(table=table, registration__edition=table.edition)
    second_waiting = BookingFactory(table=table, registration__edition=table.edition)
    for booking in (first_waiting, second_waiting):
        services.booking_place(booking=booking)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=accepted)

    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert (first_waiting.status, second_waiting.status) == ("accepted", "waiting")
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [first_waiting.registration.contact.email]


def test_booking_reject_needs_a_reason_and_promotes():
    table = SectoralTableFactory(capacity=1, edition=OpenEditionFactory())
    accepted = BookingFactory(table=table, registration__edition=table.edition)
    services.booking_accept(booking=accepted, by=None)
    waiting = BookingFactory(table=table, registration__edition=table.edition)
    services.booking_place(booking=waiting)

    with pytest.raises(services.BookingError):
        services.booking_reject(booking=accepted, by=None, reason="  ")
    services.booking_reject(booking=accepted, by=None, reason="Fuori tema")

    accepted.refresh_from_db()
    waiting.refresh_from_db()
    assert (accepted.status, accepted.rejection_reason) == ("rejected", "Fuori tema")
    assert waiting.status == "accepted"


def test_booking_accept_refuses_when_the_table_is_full():
    table = SectoralTableFactory(capacity=1, edition=OpenEditionFactory(booking_mode="approval"))
    first = BookingFactory(table=table, registration__edition=table.edition)
    second = BookingFactory(table=table, registration__edition=table.edition)
    services.booking_accept(booking=first, by=None)

    with pytest.raises(services.BookingError, match="completo"):
        services.booking_accept(booking=second, by=None)

    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1


def test_booking_move_to_waiting_frees_the_place_for_whoever_queued_first():
    table = SectoralTableFactory(capacity=1, edition=OpenEditionFactory())
    accepted = BookingFactory(table=table, registration__edition=table.edition)
    services.booking_accept(booking=accepted, by=None)
    queued = BookingFactory(table=table, registration__edition=table.edition)
    services.booking_place(booking=queued)

    services.booking_move_to_waiting(booking=accepted, by=None)

    accepted.refresh_from_db()
    queued.refresh_from_db()
    assert (accepted.status, queued.status) == ("waiting", "accepted")


def test_registration_cancel_cancels_every_booking_and_frees_places():
    table = SectoralTableFactory(capacity=2, edition=OpenEditionFactory())
    booking = BookingFactory(table=table, registration__edition=table.edition)
    services.booking_accept(booking=booking, by=None)

    services.registration_cancel(registration=booking.registration)

    booking.refresh_from_db()
    assert booking.status == "cancelled"
    assert booking.registration.status == "cancelled"
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 0


def test_registrations_expire_after_the_configured_days_forgetting_the_person(settings):
    settings.REGISTRATION_CONFIRM_DAYS = 3
    stale = BookingFactory(
        registration=RegistrationFactory(
            contact=None, email="anna@example.org", first_name="Anna", phone="+39 1"
        ),
        status="pending",
    )
    Registration.objects.filter(pk=stale.registration.pk).update(
        created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=4)
    )
    fresh = RegistrationFactory()

    expired = services.registrations_expire()

    assert expired == 1
    stale.refresh_from_db()
    assert stale.registration.status == "expired"
    assert stale.status == "cancelled"
    assert (stale.registration.email, stale.registration.phone) == ("", "")
    assert stale.registration.first_name == "—"
    assert Registration.objects.get(pk=fresh.pk).status == "pending"


def test_booking_update_proposal_only_while_the_window_is_open():
    booking = BookingFactory()

    services.booking_update_proposal(
        booking=booking, proposal_kind="financing", offers="", seeks="Capitale", description="Nuovo"
    )
    booking.registration.edition.registration_closes_at = datetime.datetime.now(datetime.UTC)
    booking.registration.edition.save()

    with pytest.raises(services.BookingError):
        services.booking_update_proposal(
            booking=booking, proposal_kind="other", offers="", seeks="", description="Tardi"
        )
    booking.refresh_from_db()
    assert (booking.proposal_kind, booking.description) == ("financing", "Nuovo")


def test_notifications_in_the_registrants_language(django_capture_on_commit_callbacks):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_submit(
            edition=edition,
            data=registration_data([table], language="ru"),
            submission_key=uuid.uuid4(),
        )

    assert "Подтвердите" in mail.outbox[0].subject or "подтвер" in mail.outbox[0].body.lower()
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_failed_mail_is_kept_and_retried(django_capture_on_commit_callbacks, settings):
    from companies.notifications import notifications_retry

    settings.MAILERS = {"default": {"BACKEND": "tests.companies.failing_mail.Backend"}}
    edition = OpenEditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registration, _ = services.registration_submit(
            edition=edition,
            data=registration_data([SectoralTableFactory(edition=edition)]),
            submission_key=uuid.uuid4(),
        )
    notification = Notification.objects.get()
    assert notification.status == "failed"
    assert Registration.objects.filter(pk=registration.pk).exists()

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    outcome = notifications_retry()

    notification.refresh_from_db()
    assert outcome["sent"] == 1
    assert (notification.status, notification.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1


@pytest.fixture
def kept_connection(monkeypatch):
    """The sender checks its connection at each look; the test's one is inside a
    transaction, which Django would take for a broken connection and close."""
    from companies import notifications

    monkeypatch.setattr(notifications, "close_old_connections", lambda: None)


def stored_mail(**fields):
    return Notification.objects.create(
        to="anna@example.org", language="it", subject="Oggetto", body_text="Testo", **fields
    )


def test_with_a_sender_beside_the_server_no_request_sends_mail(
    django_capture_on_commit_callbacks, settings, kept_connection
):
    from companies.notifications import notifications_watch

    settings.NOTIFICATIONS_SENT_BY = "worker"
    edition = OpenEditionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_submit(
            edition=edition,
            data=registration_data([SectoralTableFactory(edition=edition)]),
            submission_key=uuid.uuid4(),
        )
    assert mail.outbox == []
    assert Notification.objects.get().status == "pending"

    loops = iter([False, True])
    pauses = []
    sent = notifications_watch(interval=2, stop=lambda: next(loops), sleep=pauses.append)

    assert sent == 1 and pauses == [2]
    assert mail.outbox[0].to == ["anna@example.org"]
    assert Notification.objects.get().status == "sent"


def test_the_sender_tries_a_failed_mail_again_only_after_a_while(kept_connection):
    from companies.notifications import RETRY_AFTER, notifications_watch

    failed = stored_mail(status="failed", attempts=1)
    recent = stored_mail(status="failed", attempts=1)
    Notification.objects.filter(pk=failed.pk).update(
        updated_at=datetime.datetime.now(datetime.UTC) - RETRY_AFTER - datetime.timedelta(1)
    )
    loops = iter([False, True])

    notifications_watch(interval=1, stop=lambda: next(loops), sleep=lambda _: None)

    assert Notification.objects.get(pk=failed.pk).status == "sent"
    assert Notification.objects.get(pk=recent.pk).status == "failed"


def test_the_sender_goes_on_when_the_database_fails_once(monkeypatch, caplog, kept_connection):
    from companies import notifications

    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise notifications.transaction.DatabaseError("gone away")
        return {"sent": 1, "failed": 0, "skipped": 0}

    monkeypatch.setattr(notifications, "notifications_retry", flaky)
    loops = iter([False, False, True])

    sent = notifications.notifications_watch(
        interval=1, stop=lambda: next(loops), sleep=lambda _: None
    )

    assert sent == 1 and len(calls) == 2
    assert "trying again" in caplog.text


def test_a_mail_deleted_while_it_is_sent_is_no_error(monkeypatch):
    from companies import notifications

    notification = stored_mail()

    def send_and_vanish(message, *args, **kwargs):
        Notification.objects.filter(pk=notification.pk).delete()
        return 1

    monkeypatch.setattr(notifications.EmailMultiAlternatives, "send", send_and_vanish)

    assert notifications.notification_send.call(notification.pk) == "sent"
    assert not Notification.objects.exists()


# Concurrency -------------------------------------------------------------------------------


def run_concurrently(count, function):
    """Run `function(i)` in `count` threads started together; return results and errors."""
    barrier = threading.Barrier(count)
    errors = []

    def worker(index):
        try:
            barrier.wait()
            return function(index)
        except Exception as error:  # noqa: BLE001 - collected and asserted on
            errors.append(error)
            return None
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(worker, range(count)))
    return results, errors


@pytest.mark.django_db(transaction=True)
def test_fifty_simultaneous_confirmations_never_oversell_a_table():
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition, capacity=20)
    registrations = [
        BookingFactory(registration=RegistrationFactory(edition=edition), table=table).registration
        for _ in range(50)
    ]

    _results, errors = run_concurrently(
        50, lambda i: services.registration_confirm(registration=registrations[i])
    )

    statuses = list(Booking.objects.filter(table=table).values_list("status", flat=True))
    assert errors == []
    assert statuses.count("accepted") == 20
    assert statuses.count("waiting") == 30
    assert len(statuses) == 50
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 20


@pytest.mark.django_db(transaction=True)
def test_ten_identical_simultaneous_submissions_create_one_registration():
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    key = uuid.uuid4()

    results, errors = run_concurrently(
        10,
        lambda i: services.registration_submit(
            edition=edition, data=registration_data([table]), submission_key=key
        ),
    )

    assert errors == []
    assert Registration.objects.count() == 1
    assert Booking.objects.count() == 1
    assert {registration.pk for registration, _created in results} == {
        Registration.objects.get().pk
    }
    assert sum(created for _registration, created in results) == 1


@pytest.mark.django_db(transaction=True)
def test_five_people_registering_the_same_new_organisation_at_once_make_one():
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)

    results, errors = run_concurrently(
        5,
        lambda i: services.registration_submit(
            edition=edition,
            data=registration_data([table], email=f"person{i}@example.org"),
            submission_key=uuid.uuid4(),
        ),
    )

    # The first creates the organisation; the others find it (before their transaction, or
    # on the next attempt after their insert failed: the test below forces that path). None
    # is confirmed yet, so each waits for its own confirmation.
    assert Organisation.objects.count() == 1
    assert Registration.objects.filter(status="pending").count() == 5
    assert errors == []
    assert {registration.organisation_id for registration, _created in results} == {
        Organisation.objects.get().pk
    }


@pytest.mark.django_db(transaction=True)
def test_an_organisation_deleted_while_registering_is_made_again(monkeypatch):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    gone = OrganisationFactory(country="IT", tax_id="00743110157")
    create = services._registration_create
    attempts = []

    def deleted_meanwhile(**kwargs):
        # Found before the transaction, deleted (by staff) before it commits.
        if not attempts:
            Organisation.objects.filter(pk=gone.pk).delete()
        attempts.append(kwargs["organisation"])
        return create(**kwargs)

    monkeypatch.setattr(services, "_registration_create", deleted_meanwhile)

    registration, created = services.registration_submit(
        edition=edition, data=registration_data([table]), submission_key=uuid.uuid4()
    )

    assert created
    assert [organisation and organisation.pk for organisation in attempts] == [gone.pk, None]
    organisation = Organisation.objects.get()
    assert organisation.pk != gone.pk
    assert (organisation.country, organisation.tax_id) == ("IT", "00743110157")
    assert registration.organisation == organisation
    assert Registration.objects.get().bookings.count() == 1


@pytest.mark.django_db(transaction=True)
def test_an_organisation_created_while_registering_is_found_on_the_next_attempt(monkeypatch):
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition)
    create = services._registration_create
    attempts = []

    def created_meanwhile(**kwargs):
        # Not found before the transaction; another registration creates it meanwhile.
        if not attempts:
            OrganisationFactory(country="IT", tax_id="00743110157", name="Arrivata Prima")
        attempts.append(kwargs["organisation"])
        return create(**kwargs)

    monkeypatch.setattr(services, "_registration_create", created_meanwhile)

    registration, created = services.registration_submit(
        edition=edition, data=registration_data([table]), submission_key=uuid.uuid4()
    )

    organisation = Organisation.objects.get()
    assert created
    assert [a and a.pk for a in attempts] == [None, organisation.pk]
    assert organisation.name == "Arrivata Prima"
    assert registration.organisation == organisation
    assert Registration.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_five_people_confirming_registrations_of_one_organisation_at_once_leave_one():
    """Anyone may register an organisation by its public tax identifier; when several
    confirm at the same moment, exactly one registration is confirmed and takes places."""
    edition = OpenEditionFactory()
    table = SectoralTableFactory(edition=edition, capacity=10)
    registrations = [
        services.registration_submit(
            edition=edition,
            data=registration_data([table], email=f"person{i}@example.org"),
            submission_key=uuid.uuid4(),
        )[0]
        for i in range(5)
    ]

    results, errors = run_concurrently(
        5, lambda i: services.registration_confirm(registration=registrations[i])
    )

    assert errors == []
    assert sorted(r.status for r in results) == ["cancelled"] * 4 + ["confirmed"]
    assert Registration.objects.filter(status="confirmed").count() == 1
    assert Booking.objects.filter(status="accepted").count() == 1
    assert SectoralTable.objects.get(pk=table.pk).accepted_count == 1
