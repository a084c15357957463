"""Demo data: a clearly fictional data set for demonstrations and benchmarks.

`demo_seed()` fills the database with editions, sectoral tables, organisations, contacts,
registrations, bookings, company visits and agreements that nobody could take for the real
history of the Task Force:

- every title or name starts with "[DEMO]" (editions have no title: their city, venue and
  summary carry the mark; visits have none either: their description carries it);
- every slug starts with "demo-", and `demo_delete()` finds the demo records by it;
- edition numbers start at 1001 (the real ones run from I to about XL), above any number
  already in the database;
- tax identifiers are fake but checksum-valid (partita IVA for Italy, 10-digit INN for
  Russia), so the validating forms accept them; e-mail addresses end in ".example".

Regions and sectors are vocabulary, not history: the demo uses those in the database and,
when there are none, creates them as `load_history` would (ISO 3166-2 and the sector list
of fixtures/history.json), so that the real history can still be loaded later.

Reproducible: one `random.Random(seed)` makes every choice, and nothing depends on the clock
except the dates counted from `today` (the upcoming editions and the one registration window
open now). Past editions lie between two fixed dates. The rows are written with
`bulk_create`, by stages per app (demo.sessions, demo.companies, demo.agreements); the
bookings are then decided by the product's own booking services, which own capacity and
the waiting lists. No history (simple-history) is recorded and no e-mail is written for
demo records; `created_at` is the time of seeding.
"""

import datetime
import random
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone, translation

from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementRelation,
    AgreementSource,
    AgreementTransition,
    Outcome,
    WorkProgrammeAction,
)
from base import caching
from companies.models import (
    Booking,
    CompanyVisit,
    Contact,
    District,
    EditionOrganiser,
    Notification,
    Organisation,
    Registration,
)
from companies.notifications import notifications_muted
from sessions.models import (
    AgendaItem,
    Edition,
    EditionCoChair,
    EditionSource,
    SectoralTable,
)

from .agreements import AgreementsStage
from .companies import CompaniesStage
from .records import (
    DEFAULT_SEED,
    DemoDataError,
    DemoScale,
    Progress,
    Stages,
    demo_q,
)
from .sessions import SessionsStage
from .words import (
    IT_FIRST_NAMES,
    IT_SURNAMES,
    RU_FEMALE_NAMES,
    RU_MALE_NAMES,
    RU_SURNAMES,
)


def demo_data_present() -> bool:
    """Whether demo records exist: one indexed query on the editions' unique slug (the
    public pages keep the answer until the content changes)."""
    return Edition.objects.demo().exists()


def demo_counts() -> dict[str, int]:
    """The number of demo records of each kind, as in the command's closing summary."""
    editions = Edition.objects.filter(demo_q()).values("pk")
    organisations = Organisation.objects.filter(demo_q()).values("pk")
    agreements = Agreement.objects.filter(demo_q()).values("pk")
    querysets = {
        "editions": Edition.objects.filter(demo_q()),
        "sectoral tables": SectoralTable.objects.filter(edition__in=editions),
        "agenda items": AgendaItem.objects.filter(edition__in=editions),
        "co-chairs": EditionCoChair.objects.filter(edition__in=editions),
        "organisers": EditionOrganiser.objects.filter(edition__in=editions),
        "company visits": CompanyVisit.objects.filter(edition__in=editions),
        "districts": District.objects.filter(demo_q()),
        "organisations": Organisation.objects.filter(demo_q()),
        "contacts": Contact.objects.filter(organisation__in=organisations),
        "registrations": Registration.objects.filter(edition__in=editions),
        "bookings": Booking.objects.filter(registration__edition__in=editions),
        "agreements": Agreement.objects.filter(demo_q()),
        "agreement parties": AgreementParty.objects.filter(agreement__in=agreements),
        "status changes": AgreementTransition.objects.filter(agreement__in=agreements),
        "outcomes": Outcome.objects.filter(agreement__in=agreements),
        "work programme actions": WorkProgrammeAction.objects.filter(agreement__in=agreements),
    }
    return {name: queryset.count() for name, queryset in querysets.items()}


def _forget_caches() -> None:
    """Bulk writes send no signals: replace everything cached, as a save would."""
    caching.invalidate()


@contextmanager
def _roomy_cache():
    """A larger SQLite page cache while seeding: with the default 2 MB, inserting 150,000
    rows into the indexes of registrations and bookings keeps evicting pages (≈25% slower)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size = -262144")  # KiB: 256 MB at most
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def _raw_delete(queryset: models.QuerySet) -> int:
    # One DELETE statement, without loading the rows: Django's collector would fetch every
    # row to send post_delete, and simple-history would then write a history row for each
    # of the 100,000 bookings. Demo records leave no trace in the audit trail.
    return queryset._raw_delete(queryset.db)


@transaction.atomic
def demo_delete(*, progress: Progress | None = None) -> dict[str, int]:
    """Delete every demo record and what hangs on it; return the deleted counts by kind.

    Demo records are the editions, organisations, districts and agreements whose slug starts
    with "demo-". Raises DemoDataError, deleting nothing, when a record that seed_demo did not
    make refers to one of them in a way that must not be cut (an agreement of a demo edition).
    """
    stages = Stages(progress)
    editions = Edition.objects.filter(demo_q()).values("pk")
    organisations = Organisation.objects.filter(demo_q()).values("pk")
    districts = District.objects.filter(demo_q()).values("pk")
    agreements = Agreement.objects.filter(demo_q()).values("pk")
    tables = SectoralTable.objects.filter(edition__in=editions).values("pk")
    visits = CompanyVisit.objects.filter(
        Q(edition__in=editions) | Q(host__in=organisations)
    ).values("pk")
    registrations = Registration.objects.filter(
        Q(edition__in=editions) | Q(organisation__in=organisations)
    ).values("pk")

    foreign = (
        Agreement.objects.exclude(demo_q())
        .filter(
            Q(edition__in=editions) | Q(sectoral_table__in=tables) | Q(company_visit__in=visits)
        )
        .values_list("slug", flat=True)
    )
    if blocking := list(foreign[:5]):
        raise DemoDataError(
            "Agreements that seed_demo did not make refer to demo editions, tables or visits "
            f"({', '.join(blocking)}); edit or delete them first."
        )

    deleted: dict[str, int] = {}

    def delete(name: str, queryset: models.QuerySet) -> None:
        deleted[name] = deleted.get(name, 0) + _raw_delete(queryset)

    # The audit trail of demo records, in case staff edited some (bulk inserts wrote none).
    delete("history", Edition.history.model.objects.filter(demo_q()))
    delete("history", SectoralTable.history.model.objects.filter(edition_id__in=editions))
    delete("history", CompanyVisit.history.model.objects.filter(id__in=visits))
    delete("history", Organisation.history.model.objects.filter(demo_q()))
    delete("history", Contact.history.model.objects.filter(organisation_id__in=organisations))
    delete("history", Registration.history.model.objects.filter(id__in=registrations))
    delete(
        "history",
        Booking.history.model.objects.filter(
            Q(registration_id__in=registrations)
            | Q(organisation_id__in=organisations)
            | Q(table_id__in=tables)
        ),
    )
    delete("history", Agreement.history.model.objects.filter(demo_q()))

    # Only staff could have booked a demo organisation at a real table: give the place back.
    real_tables = set(
        Booking.objects.filter(organisation__in=organisations, status=Booking.Status.ACCEPTED)
        .exclude(table__in=tables)
        .values_list("table_id", flat=True)
    )
    delete("notifications", Notification.objects.filter(registration__in=registrations))
    delete(
        "bookings",
        Booking.objects.filter(
            Q(registration__in=registrations)
            | Q(organisation__in=organisations)
            | Q(table__in=tables)
        ),
    )
    delete("registrations", Registration.objects.filter(pk__in=registrations))
    for table_id in sorted(real_tables):
        accepted = Booking.objects.filter(table_id=table_id, status=Booking.Status.ACCEPTED)
        SectoralTable.objects.filter(pk=table_id).update(accepted_count=accepted.count())
    delete("contacts", Contact.objects.filter(organisation__in=organisations))

    party_filter = Q(agreement__in=agreements) | Q(organisation__in=organisations)
    delete("agreement parties", AgreementParty.objects.filter(party_filter))
    for name, model in (
        ("agreement sources", AgreementSource),
        ("agreement documents", AgreementDocument),
        ("status changes", AgreementTransition),
        ("outcomes", Outcome),
        ("work programme actions", WorkProgrammeAction),
    ):
        delete(name, model.objects.filter(agreement__in=agreements))
    delete(
        "agreement relations",
        AgreementRelation.objects.filter(Q(source__in=agreements) | Q(target__in=agreements)),
    )
    delete("agreement sectors", Agreement.sectors.through.objects.filter(agreement__in=agreements))
    delete("agreements", Agreement.objects.filter(demo_q()))
    stages.done("agreements deleted", deleted["agreements"])

    delete("company visits", CompanyVisit.objects.filter(pk__in=visits))
    # District references are nullable: real records simply leave a demo district.
    CompanyVisit.objects.filter(district__in=districts).update(district=None)
    delete(
        "organisers",
        EditionOrganiser.objects.filter(
            Q(edition__in=editions) | Q(organisation__in=organisations)
        ),
    )
    for name, model in (
        ("agenda items", AgendaItem),
        ("co-chairs", EditionCoChair),
        ("edition sources", EditionSource),
        ("sectoral tables", SectoralTable),
    ):
        delete(name, model.objects.filter(edition__in=editions))
    delete("edition sectors", Edition.sectors.through.objects.filter(edition__in=editions))
    delete("editions", Edition.objects.filter(demo_q()))
    stages.done("editions deleted", deleted["editions"])

    delete(
        "organisation sectors",
        Organisation.sectors.through.objects.filter(organisation__in=organisations),
    )
    Organisation.objects.exclude(demo_q()).filter(district__in=districts).update(district=None)
    delete("organisations", Organisation.objects.filter(demo_q()))
    delete("district sectors", District.sectors.through.objects.filter(district__in=districts))
    delete("districts", District.objects.filter(demo_q()))
    stages.done("organisations deleted", deleted["organisations"])

    transaction.on_commit(_forget_caches)
    return deleted


def demo_seed(
    *,
    scale: DemoScale,
    seed: int = DEFAULT_SEED,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Fill the database with demo data of `scale`; return the counts made, by kind.

    Raises DemoDataError when the edition numbers would not fit or there are no sectors.
    The caller decides whether real history or earlier demo data may be present (see the
    seed_demo command).
    """
    builder = _DemoBuilder(
        scale=scale, seed=seed, today=today or timezone.localdate(), progress=progress
    )
    # Italian is the fallback language: the untranslated base columns follow it.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic(), _roomy_cache():
        counts = builder.build()
        transaction.on_commit(_forget_caches)
    return counts


@contextmanager
def _unrecorded():
    """Demo records leave no trace in the audit trail and write no e-mail: they are made up,
    and so are their people's addresses."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        with notifications_muted():
            yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


class _DemoBuilder(SessionsStage, CompaniesStage, AgreementsStage):
    """Makes the records stage by stage; each stage keeps what the later ones draw from."""

    def __init__(self, *, scale: DemoScale, seed: int, today: datetime.date, progress):
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
        self.today = today
        self.tz = timezone.get_default_timezone()
        self.stages = Stages(progress)
        self.counts: dict[str, int] = {}

    # helpers

    def at(self, day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.tz)

    def done(self, name: str, count: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + count
        self.stages.done(name, count)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def person(self, country: str) -> tuple[str, str]:
        rng = self.rng
        if country == "IT":
            return rng.choice(IT_FIRST_NAMES), rng.choice(IT_SURNAMES)
        surname = rng.choice(RU_SURNAMES)
        if rng.random() < 0.5:
            return rng.choice(RU_MALE_NAMES), surname
        return rng.choice(RU_FEMALE_NAMES), surname + "а"

    def build(self) -> dict[str, int]:
        self.reference_data()
        self.districts()
        self.organisations()
        self.contacts()
        self.editions()
        self.programme()
        self.organisers()
        self.tables()
        with _unrecorded():
            self.registrations_and_bookings()
        self.visits()
        self.agreements()
        self.statistics()
        return self.counts

    def statistics(self) -> None:
        """Fresh statistics for the query planner. Without them, right after a bulk load,
        SQLite chose a plan that took 10 s for the home page's count of organisations
        (0.2 s after ANALYZE); PostgreSQL's autovacuum would get there only later."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stages.done("planner statistics (ANALYZE)")
