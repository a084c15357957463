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
`bulk_create`, so no history (simple-history) is recorded for them and `created_at` is the
time of seeding.
"""

import datetime
import json
import random
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.text import slugify

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
from archive.loader import HISTORY_FILE, LoadReport, regions_seed
from base import caching
from base.models import content_languages
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
from sessions.enums import DEMO_SLUG_PREFIX, BookingMode, to_roman
from sessions.models import (
    AgendaItem,
    Edition,
    EditionCoChair,
    EditionSource,
    Region,
    Sector,
    SectoralTable,
)

DEMO_MARK = "[DEMO]"
DEFAULT_SEED = 2002
FIRST_DEMO_NUMBER = 1001
# Edition.number is a PositiveSmallIntegerField: 32767 is the most PostgreSQL stores.
LAST_EDITION_NUMBER = 32767
# Past editions are spread between these fixed dates, so that they do not move with the clock.
PAST_FROM = datetime.date(2001, 3, 1)
PAST_UNTIL = datetime.date(2025, 11, 30)
BATCH_SIZE = 2000


@dataclass(frozen=True)
class DemoScale:
    """How many records of each kind to make (bookings and visits: as many as fit)."""

    editions: int
    organisations: int
    contacts: int
    bookings: int
    agreements: int
    visits: int
    districts: int


# The small set has enough editions to fill every list page (20 rows, 20 of them in Russia
# for the filtered list) and the home page's timeline (30): comparing the two sets then
# measures how a page's cost grows with the data, not with how many rows it shows.
SCALES = {
    "small": DemoScale(
        editions=40,
        organisations=1_000,
        contacts=2_000,
        bookings=10_000,
        agreements=300,
        visits=100,
        districts=10,
    ),
    "large": DemoScale(
        editions=100,
        organisations=10_000,
        contacts=20_000,
        bookings=100_000,
        agreements=3_000,
        visits=1_000,
        districts=30,
    ),
    # For the tests; not offered in the command's help.
    "tiny": DemoScale(
        editions=5,
        organisations=60,
        contacts=100,
        bookings=150,
        agreements=12,
        visits=6,
        districts=3,
    ),
}


class DemoDataError(Exception):
    """The demo data cannot be made or removed here; the message says why."""


def demo_q(field: str = "slug") -> Q:
    """The condition that picks demo records by their slug (or a related one)."""
    return Q(**{f"{field}__startswith": DEMO_SLUG_PREFIX})


def demo_data_present() -> bool:
    """Whether demo records exist: one indexed query on the editions' unique slug (the
    public pages keep the answer until the content changes)."""
    return Edition.objects.demo().exists()


def real_editions() -> models.QuerySet:
    """Editions that seed_demo did not make: the real history, or staff's own records."""
    return Edition.objects.exclude(demo_q())


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


Progress = Callable[[str], None]


class _Stages:
    """Reports each stage with its count and the time it took."""

    def __init__(self, progress: Progress | None):
        self.progress = progress
        self.started = self.last = time.perf_counter()

    def done(self, name: str, count: int | None = None) -> None:
        now = time.perf_counter()
        if self.progress:
            took, elapsed = now - self.last, now - self.started
            what = name if count is None else f"{name}: {count:,}"
            self.progress(f"  {what} in {took:.1f} s (elapsed {elapsed:.1f} s)")
        self.last = now


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
    stages = _Stages(progress)
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


# Vocabulary ------------------------------------------------------------------------------

# (ISO 3166-2 code, city in it, ru, en): host cities, and where demo firms are.
CITIES = {
    "IT": [
        ("IT-21", "Torino", "Турин", "Turin"),
        ("IT-21", "Biella", "Бьелла", "Biella"),
        ("IT-25", "Bergamo", "Бергамо", "Bergamo"),
        ("IT-25", "Brescia", "Брешиа", "Brescia"),
        ("IT-25", "Lecco", "Лекко", "Lecco"),
        ("IT-34", "Treviso", "Тревизо", "Treviso"),
        ("IT-34", "Vicenza", "Виченца", "Vicenza"),
        ("IT-36", "Udine", "Удине", "Udine"),
        ("IT-42", "Genova", "Генуя", "Genoa"),
        ("IT-45", "Modena", "Модена", "Modena"),
        ("IT-45", "Sassuolo", "Сассуоло", "Sassuolo"),
        ("IT-52", "Prato", "Прато", "Prato"),
        ("IT-52", "Firenze", "Флоренция", "Florence"),
        ("IT-52", "Arezzo", "Ареццо", "Arezzo"),
        ("IT-55", "Perugia", "Перуджа", "Perugia"),
        ("IT-57", "Fermo", "Фермо", "Fermo"),
        ("IT-57", "Pesaro", "Пезаро", "Pesaro"),
        ("IT-62", "Roma", "Рим", "Rome"),
        ("IT-65", "Pescara", "Пескара", "Pescara"),
        ("IT-72", "Napoli", "Неаполь", "Naples"),
        ("IT-75", "Bari", "Бари", "Bari"),
        ("IT-82", "Catania", "Катания", "Catania"),
    ],
    "RU": [
        ("RU-MOW", "Mosca", "Москва", "Moscow"),
        ("RU-SPE", "San Pietroburgo", "Санкт-Петербург", "Saint Petersburg"),
        ("RU-LIP", "Lipeck", "Липецк", "Lipetsk"),
        ("RU-KLU", "Kaluga", "Калуга", "Kaluga"),
        ("RU-ULY", "Ul'janovsk", "Ульяновск", "Ulyanovsk"),
        ("RU-NIZ", "Nižnij Novgorod", "Нижний Новгород", "Nizhny Novgorod"),
        ("RU-SVE", "Ekaterinburg", "Екатеринбург", "Yekaterinburg"),
        ("RU-TA", "Kazan'", "Казань", "Kazan"),
        ("RU-CU", "Čeboksary", "Чебоксары", "Cheboksary"),
        ("RU-KGD", "Kaliningrad", "Калининград", "Kaliningrad"),
        ("RU-SAM", "Samara", "Самара", "Samara"),
        ("RU-TUL", "Tula", "Тула", "Tula"),
        ("RU-YAR", "Jaroslavl'", "Ярославль", "Yaroslavl"),
        ("RU-NVS", "Novosibirsk", "Новосибирск", "Novosibirsk"),
        ("RU-PER", "Perm'", "Пермь", "Perm"),
        ("RU-ROS", "Rostov sul Don", "Ростов-на-Дону", "Rostov-on-Don"),
        ("RU-KDA", "Krasnodar", "Краснодар", "Krasnodar"),
        ("RU-TOM", "Tomsk", "Томск", "Tomsk"),
        ("RU-VOR", "Voronež", "Воронеж", "Voronezh"),
        ("RU-VLA", "Vladimir", "Владимир", "Vladimir"),
    ],
}

IT_ACTIVITIES = (
    "Meccanica", "Officine", "Fonderia", "Tessile", "Lanificio", "Maglificio",
    "Calzaturificio", "Pelletteria", "Mobilificio", "Arredamenti", "Ceramiche", "Vetreria",
    "Cantine", "Oleificio", "Pastificio", "Caseificio", "Distilleria", "Elettronica",
    "Automazione", "Robotica", "Plastiche", "Chimica", "Laboratori", "Costruzioni", "Impianti",
    "Logistica", "Trasporti", "Cartiera", "Acciaierie", "Serramenti",
)  # fmt: skip
IT_SURNAMES = (
    "Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo", "Ricci", "Marino", "Greco",
    "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi",
    "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara",
    "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra",
    "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro",
    "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis", "Gatti",
    "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli",
)  # fmt: skip
IT_QUALIFIERS = ("", " Italia", " Group", " & Figli")
IT_LEGAL_FORMS = ("S.r.l.", "S.p.A.", "S.n.c.", "S.a.s.", "S.r.l.s.")
IT_AREAS = (
    "Nord-Est", "Adriatico", "Tirreno", "Alpi", "Appennino", "Valpadana", "Brenta", "Arno",
    "Tevere", "Sannio", "Salento", "Langhe", "Murge", "Etna", "Sila", "Garda", "Ticino", "Piave",
    "Metauro", "Lario",
)  # fmt: skip
IT_FIRST_NAMES = (
    "Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Andrea", "Sara", "Matteo",
    "Elena", "Giovanni", "Valentina", "Paolo", "Federica", "Stefano", "Silvia", "Davide",
    "Laura", "Roberto", "Martina", "Simone", "Anna", "Giorgio", "Elisa", "Fabio", "Paola",
    "Riccardo", "Roberta", "Lorenzo", "Claudia",
)  # fmt: skip

# Russian adjectives: stem and declension type ("ий" after к, otherwise "ый").
RU_ADJECTIVES = (
    ("Уральск", "ий"), ("Сибирск", "ий"), ("Волжск", "ий"), ("Балтийск", "ий"), ("Донск", "ий"),
    ("Камск", "ий"), ("Невск", "ий"), ("Липецк", "ий"), ("Калужск", "ий"), ("Тульск", "ий"),
    ("Казанск", "ий"), ("Новгородск", "ий"), ("Ярославск", "ий"), ("Пермск", "ий"),
    ("Самарск", "ий"), ("Воронежск", "ий"), ("Кубанск", "ий"), ("Ульяновск", "ий"),
    ("Чувашск", "ий"), ("Северн", "ый"), ("Южн", "ый"), ("Восточн", "ый"), ("Западн", "ый"),
    ("Дальневосточн", "ый"), ("Центральн", "ый"),
)  # fmt: skip
ADJECTIVE_ENDINGS = {
    "ий": {"m": "ий", "f": "ая", "n": "ое", "pl": "ие"},
    "ый": {"m": "ый", "f": "ая", "n": "ое", "pl": "ые"},
}
# Nouns with the gender (or plural) an adjective agrees with.
RU_NOUNS = (
    ("станки", "pl"), ("текстиль", "m"), ("металл", "m"), ("мебель", "f"), ("обувь", "f"),
    ("машиностроение", "n"), ("оборудование", "n"), ("технологии", "pl"), ("стекло", "n"),
    ("керамика", "f"), ("механика", "f"), ("пластик", "m"), ("приборы", "pl"),
    ("агрегаты", "pl"), ("материалы", "pl"), ("композиты", "pl"), ("инструмент", "m"),
    ("сплав", "m"), ("трикотаж", "m"), ("фарфор", "m"), ("кабель", "m"), ("электроника", "f"),
    ("автоматика", "f"), ("энергетика", "f"), ("логистика", "f"), ("строительство", "n"),
    ("литьё", "n"), ("приборостроение", "n"), ("подшипники", "pl"), ("полимеры", "pl"),
)  # fmt: skip
RU_QUALIFIERS = ("", " Плюс", "-Инвест", " Групп")
RU_LEGAL_FORMS = ("ООО", "АО", "ПАО", "ЗАО", "НПП", "ТД", "ПК", "НПО")
RU_MALE_NAMES = (
    "Алексей", "Дмитрий", "Сергей", "Андрей", "Иван", "Михаил", "Николай", "Павел", "Владимир",
    "Артём", "Константин", "Олег", "Юрий", "Виктор", "Григорий",
)  # fmt: skip
RU_FEMALE_NAMES = (
    "Мария", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина",
    "Юлия", "Ксения", "Дарья", "Людмила", "Вера", "Галина",
)  # fmt: skip
# Masculine forms; the feminine adds "а" (all end in -ов, -ев, -ёв or -ин).
RU_SURNAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
    "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
    "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
    "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
)  # fmt: skip

# Organisation kinds with their weight, and how institutions are named.
KIND_WEIGHTS = {
    Organisation.Kind.SME: 72,
    Organisation.Kind.LARGE_COMPANY: 8,
    Organisation.Kind.ASSOCIATION: 4,
    Organisation.Kind.CHAMBER_OF_COMMERCE: 2,
    Organisation.Kind.UNIVERSITY: 3,
    Organisation.Kind.RESEARCH_CENTRE: 3,
    Organisation.Kind.BANK: 2,
    Organisation.Kind.PUBLIC_BODY: 3,
    Organisation.Kind.TECHNOLOGY_PARK: 1,
    Organisation.Kind.TRADE_FAIR: 1,
    Organisation.Kind.OTHER: 1,
}
COMPANY_KINDS = {Organisation.Kind.SME, Organisation.Kind.LARGE_COMPANY, Organisation.Kind.OTHER}
ORGANISER_KINDS = {
    Organisation.Kind.PUBLIC_BODY,
    Organisation.Kind.CHAMBER_OF_COMMERCE,
    Organisation.Kind.ASSOCIATION,
}
INSTITUTION_PREFIXES = {
    Organisation.Kind.ASSOCIATION: ("Consorzio Export", "Ассоциация"),
    Organisation.Kind.CHAMBER_OF_COMMERCE: ("Camera di Commercio", "Торгово-промышленная палата"),
    Organisation.Kind.UNIVERSITY: ("Politecnico", "Технический университет"),
    Organisation.Kind.RESEARCH_CENTRE: ("Centro Ricerche", "Научный центр"),
    Organisation.Kind.BANK: ("Banca", "Банк"),
    Organisation.Kind.PUBLIC_BODY: ("Agenzia Sviluppo", "Агентство развития"),
    Organisation.Kind.TECHNOLOGY_PARK: ("Parco Tecnologico", "Технопарк"),
    Organisation.Kind.TRADE_FAIR: ("Fiera", "Выставочный центр"),
}

CONTACT_ROLES = {
    "IT": ("Titolare", "Direttore generale", "Export manager", "Responsabile commerciale",
           "Responsabile acquisti", "Ufficio estero"),
    "RU": ("Генеральный директор", "Коммерческий директор", "Менеджер по экспорту",
           "Руководитель отдела закупок", "Директор по развитию"),
}  # fmt: skip
SIGNATORY_TITLES = (
    ("Legale rappresentante", "Законный представитель", "Legal representative"),
    ("Amministratore delegato", "Генеральный директор", "Chief executive officer"),
    ("Presidente", "Председатель", "Chair"),
    ("Direttore generale", "Директор", "Director general"),
)
PROPOSAL_TEXTS = {
    "it": (
        "Cerchiamo distributori e partner commerciali in Russia.",
        "Offriamo tecnologia di processo e assistenza all'avviamento.",
        "Valutiamo una joint venture per la produzione locale.",
        "Cerchiamo fornitori di componenti e semilavorati.",
        "Proponiamo un accordo di trasferimento tecnologico.",
    ),
    "ru": (
        "Ищем дистрибьюторов и коммерческих партнёров в Италии.",
        "Предлагаем площадку для локализации производства.",
        "Рассматриваем создание совместного предприятия.",
        "Ищем поставщиков оборудования и комплектующих.",
        "Предлагаем сотрудничество в области НИОКР.",
    ),
    "en": (
        "We are looking for distributors and commercial partners.",
        "We offer process technology and start-up support.",
        "We are considering a joint venture for local production.",
        "We are looking for suppliers of components.",
        "We propose a technology transfer agreement.",
    ),
}
PROPOSAL_KINDS = tuple(Booking.ProposalKind.values)
REJECTION_REASONS = {
    "it": "La proposta non riguarda il tema del tavolo.",
    "ru": "Предложение не относится к теме стола.",
    "en": "The proposal is outside the table's theme.",
}
AGENDA = (
    # kind, it, ru, en, day, start, end
    ("plenary", "Sessione plenaria di apertura", "Пленарное заседание",
     "Opening plenary session", 0, (9, 30), (12, 30)),
    ("sectoral_table", "Tavoli settoriali", "Отраслевые круглые столы", "Sectoral tables",
     0, (14, 30), (18, 0)),
    ("b2b", "Incontri B2B", "Встречи B2B", "B2B meetings", 1, (9, 30), (13, 0)),
    ("company_visit", "Visite aziendali", "Посещение предприятий", "Company visits",
     1, (14, 30), (18, 0)),
    ("signing", "Firma degli accordi", "Подписание соглашений", "Signing of agreements",
     -1, (17, 0), (18, 0)),
)  # fmt: skip
AGREEMENT_KINDS = {
    # kind: (weight, it, ru, en)
    Agreement.Kind.COOPERATION_AGREEMENT: (
        35, "Accordo di cooperazione", "Соглашение о сотрудничестве", "Cooperation agreement"
    ),
    Agreement.Kind.MEMORANDUM: (
        30, "Memorandum d'intesa", "Меморандум о взаимопонимании", "Memorandum of understanding"
    ),
    Agreement.Kind.LETTER_OF_INTENT: (
        22, "Lettera d'intenti", "Письмо о намерениях", "Letter of intent"
    ),
    Agreement.Kind.WORK_PROGRAMME: (
        3, "Programma di lavoro triennale", "Трёхлетняя программа работы",
        "Three-year work programme",
    ),
    Agreement.Kind.OTHER: (
        10, "Dichiarazione congiunta", "Совместное заявление", "Joint statement"
    ),
}  # fmt: skip
# How an agreement reached its status: the steps after "draft".
STATUS_PATHS = {
    "draft": (),
    "signed": ("signed",),
    "in_force": ("signed", "in_force"),
    "implemented": ("signed", "in_force", "implemented"),
    "expired": ("signed", "in_force", "expired"),
    "terminated": ("signed", "in_force", "terminated"),
    "superseded": ("signed", "in_force", "superseded"),
}
WORK_PROGRAMME_ACTIONS = (
    ("Missione imprenditoriale", "Деловая миссия", "Business mission"),
    ("Seminario sulle filiere", "Семинар по цепочкам поставок", "Supply-chain seminar"),
    ("Scambio di esperti", "Обмен экспертами", "Exchange of experts"),
)

TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ("a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
         "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"),
        strict=True,
    )
)  # fmt: skip


def translit(text: str) -> str:
    """Cyrillic → Latin letters, for slugs and e-mail addresses."""
    out = []
    for char in text:
        latin = TRANSLIT.get(char.lower())
        if latin is None:
            out.append(char)
        elif latin:
            out.append(latin.capitalize() if char.isupper() else latin)
    return "".join(out)


def italian_vat(serial: int, office: int) -> str:
    """A checksum-valid partita IVA: 7-digit serial, 3-digit office code, Luhn check digit."""
    body = f"{serial:07d}{office:03d}"
    total = 0
    for position, char in enumerate(body):
        digit = int(char)
        if position % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return body + str((10 - total % 10) % 10)


def russian_inn(body: int) -> str:
    """A checksum-valid 10-digit INN of a legal entity from a 9-digit body."""
    digits = f"{body:09d}"
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    check = sum(w * int(d) for w, d in zip(weights, digits, strict=True)) % 11 % 10
    return digits + str(check)


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` shared out in proportion to `weights`, largest remainders first."""
    if not weights or total <= 0:
        return [0] * len(weights)
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    counts = [int(share) for share in shares]
    order = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _insert(model: type[models.Model], objects: list) -> list:
    return model._default_manager.bulk_create(objects, batch_size=BATCH_SIZE)


def _marked(text: str) -> str:
    return f"{DEMO_MARK} {text}"


def _three(prefix: str, it: str, ru: str, en: str, *, mark: bool = True) -> dict[str, str]:
    """{"title_it": "[DEMO] …", "title_ru": …, "title_en": …}."""
    values = {"it": it, "ru": ru, "en": en}
    return {f"{prefix}_{lang}": _marked(text) if mark else text for lang, text in values.items()}


def _sector_names(sector: Sector) -> tuple[str, str, str]:
    return (sector.name_it, sector.name_ru or sector.name_it, sector.name_en or sector.name_it)


# The generator --------------------------------------------------------------------------


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


class _DemoBuilder:
    """Makes the records stage by stage; each stage keeps what the later ones draw from."""

    def __init__(self, *, scale: DemoScale, seed: int, today: datetime.date, progress):
        self.scale = scale
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, not secrets
        self.today = today
        self.tz = timezone.get_default_timezone()
        self.stages = _Stages(progress)
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
        self.tables_and_bookings()
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

    # stages

    def reference_data(self) -> None:
        """Regions and sectors: those in the database, or the standard ones when missing."""
        made = 0
        countries = set(Region.objects.values_list("country", flat=True).distinct())
        if not {"IT", "RU"} <= countries or not Sector.objects.exists():
            data = json.loads(HISTORY_FILE.read_text(encoding="utf-8"))
            if not {"IT", "RU"} <= countries:
                report = LoadReport()
                regions_seed(curated=data.get("regions", []), report=report)
                made += sum(report.created.values())
            if not Sector.objects.exists():
                sectors = [
                    Sector(
                        slug=item["slug"],
                        order=item["order"],
                        **{
                            f"name_{lang}": item["name"].get(lang, "")
                            for lang in content_languages()
                        },
                    )
                    for item in data.get("sectors", [])
                ]
                made += len(_insert(Sector, sectors))
        self.regions = {region.code: region for region in Region.objects.order_by("code")}
        self.regions_by_country = defaultdict(list)
        for region in self.regions.values():
            self.regions_by_country[region.country].append(region)
        self.sectors = list(Sector.objects.order_by("order", "slug"))
        if not self.sectors:
            raise DemoDataError("There are no sectors, and fixtures/history.json lists none.")
        # Host cities whose region exists; otherwise a region stands for its own city.
        self.cities = {}
        for country in ("IT", "RU"):
            known = [city for city in CITIES[country] if city[0] in self.regions]
            self.cities[country] = known or [
                (region.code, region.name_it, region.name_ru or region.name_it, region.name_en)
                for region in self.regions_by_country[country]
            ]
        self.done("missing regions and sectors made", made)

    def districts(self) -> None:
        rng = self.rng
        districts, links = [], []
        district_sectors = []
        for index in range(self.scale.districts):
            country = "IT" if index % 2 == 0 else "RU"
            code, city_it, city_ru, city_en = rng.choice(self.cities[country])
            sectors = rng.sample(self.sectors, min(2, len(self.sectors)))
            sector_it, sector_ru, sector_en = _sector_names(sectors[0])
            if country == "IT":
                kind = District.Kind.INDUSTRIAL_DISTRICT
                names = (
                    f"Distretto di {city_it}: {sector_it}",
                    f"Промышленный округ «{city_ru}»: {sector_ru}",
                    f"{city_en} industrial district: {sector_en}",
                )
            else:
                kind = rng.choice(
                    [
                        District.Kind.SPECIAL_ECONOMIC_ZONE,
                        District.Kind.INDUSTRIAL_PARK,
                        District.Kind.TECHNOLOGY_PARK,
                        District.Kind.CLUSTER,
                    ]
                )
                label = {
                    District.Kind.SPECIAL_ECONOMIC_ZONE: ("ZES", "ОЭЗ", "special economic zone"),
                    District.Kind.INDUSTRIAL_PARK: (
                        "Parco industriale",
                        "Индустриальный парк",
                        "industrial park",
                    ),
                    District.Kind.TECHNOLOGY_PARK: ("Tecnoparco", "Технопарк", "technology park"),
                    District.Kind.CLUSTER: ("Cluster", "Кластер", "cluster"),
                }[kind]
                names = (
                    f"{label[0]} «{city_it}»",
                    f"{label[1]} «{city_ru}»",
                    f"{city_en} {label[2]}",
                )
            districts.append(
                District(
                    slug=f"{DEMO_SLUG_PREFIX}district-{index + 1:03d}-{slugify(city_en)}",
                    kind=kind,
                    country=country,
                    region=self.regions.get(code),
                    **_three("name", *names),
                    **_three(
                        "description",
                        "Distretto fittizio creato per dimostrazioni.",
                        "Вымышленный округ, созданный для демонстрации.",
                        "A fictional district made for demonstrations.",
                    ),
                )
            )
            district_sectors.append(sectors)
        self.district_list = _insert(District, districts)
        for district, sectors in zip(self.district_list, district_sectors, strict=True):
            links += [
                District.sectors.through(district_id=district.pk, sector_id=sector.pk)
                for sector in sectors
            ]
        _insert(District.sectors.through, links)
        self.districts_by_country = defaultdict(list)
        for district in self.district_list:
            self.districts_by_country[district.country].append(district)
        self.done("districts", len(self.district_list))

    def organisation_name(self, country: str, kind: str, seen: set[str]) -> str:
        """A fictional name, unique among the demo organisations."""
        rng = self.rng
        for _attempt in range(50):
            if country == "IT":
                if kind in INSTITUTION_PREFIXES:
                    name = f"{INSTITUTION_PREFIXES[kind][0]} {rng.choice(IT_AREAS)}"
                    if name in seen:
                        name = f"{name} {rng.choice(IT_SURNAMES)}"
                else:
                    legal = "S.p.A." if kind == Organisation.Kind.LARGE_COMPANY else None
                    name = (
                        f"{rng.choice(IT_ACTIVITIES)} {rng.choice(IT_SURNAMES)}"
                        f"{rng.choice(IT_QUALIFIERS)} {legal or rng.choice(IT_LEGAL_FORMS)}"
                    )
            else:
                stem, declension = rng.choice(RU_ADJECTIVES)
                noun, gender = rng.choice(RU_NOUNS)
                core = f"{stem}{ADJECTIVE_ENDINGS[declension][gender]} {noun}"
                if kind in INSTITUTION_PREFIXES:
                    name = f"{INSTITUTION_PREFIXES[kind][1]} «{core}»"
                else:
                    legal = "ПАО" if kind == Organisation.Kind.LARGE_COMPANY else None
                    name = (
                        f"{legal or rng.choice(RU_LEGAL_FORMS)} «{core}{rng.choice(RU_QUALIFIERS)}»"
                    )
            if name not in seen:
                break
        else:
            name = f"{name} {len(seen) + 1}"
        seen.add(name)
        return name

    def organisations(self) -> None:
        rng = self.rng
        count = self.scale.organisations
        italian = round(count * 0.55)
        countries = ["IT"] * italian + ["RU"] * (count - italian)
        rng.shuffle(countries)
        kinds = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=count)

        # Serials drawn without repetition, and never one already taken by a real record.
        taken = {
            country: set(
                Organisation.objects.filter(country=country)
                .exclude(tax_id="")
                .values_list("tax_id", flat=True)
            )
            for country in ("IT", "RU")
        }
        vat_serials = iter(rng.sample(range(1, 10**7), count + len(taken["IT"])))
        inn_bodies = iter(rng.sample(range(10**8, 10**9), count + len(taken["RU"])))

        def tax_id(country: str) -> str:
            while True:
                if country == "IT":
                    value = italian_vat(next(vat_serials), rng.randint(1, 100))
                else:
                    value = russian_inn(next(inn_bodies))
                if value not in taken[country]:
                    return value

        seen: set[str] = set()
        organisations, chosen_sectors = [], []
        for index, (country, kind) in enumerate(zip(countries, kinds, strict=True)):
            name = self.organisation_name(country, kind, seen)
            if rng.random() < 0.85:
                code, city_it, city_ru, _city_en = rng.choice(self.cities[country])
                region, city = self.regions.get(code), city_it if country == "IT" else city_ru
            else:
                region, city = rng.choice(self.regions_by_country[country]), ""
            if kind == Organisation.Kind.SME:
                size = rng.choice(["micro", "small", "small", "medium", "medium"])
            elif kind == Organisation.Kind.LARGE_COMPANY:
                size = Organisation.Size.LARGE
            else:
                size = ""
            district = None
            if self.districts_by_country[country] and rng.random() < 0.2:
                district = rng.choice(self.districts_by_country[country])
            base = slugify(translit(name))[:70].strip("-")
            organisations.append(
                Organisation(
                    name=_marked(name),
                    slug=f"{DEMO_SLUG_PREFIX}{base}-{index + 1}",
                    kind=kind,
                    size=size,
                    country=country,
                    region=region,
                    city=city,
                    website=f"https://demo-org-{index + 1}.example",
                    tax_id="" if rng.random() < 0.03 else tax_id(country),
                    district=district,
                    **_three(
                        "description",
                        "Organizzazione fittizia creata per dimostrazioni.",
                        "Вымышленная организация, созданная для демонстрации.",
                        "A fictional organisation made for demonstrations.",
                    ),
                )
            )
            chosen_sectors.append(rng.sample(self.sectors, rng.randint(1, 3)))
        self.organisation_list = _insert(Organisation, organisations)
        links = [
            Organisation.sectors.through(organisation_id=organisation.pk, sector_id=sector.pk)
            for organisation, sectors in zip(self.organisation_list, chosen_sectors, strict=True)
            for sector in sectors
        ]
        _insert(Organisation.sectors.through, links)
        self.organisation_sectors = dict(
            zip((o.pk for o in self.organisation_list), chosen_sectors, strict=True)
        )
        self.by_country = defaultdict(list)
        self.companies_by_country = defaultdict(list)
        self.organisers_by_country = defaultdict(list)
        for organisation in self.organisation_list:
            self.by_country[organisation.country].append(organisation)
            if organisation.kind in COMPANY_KINDS:
                self.companies_by_country[organisation.country].append(organisation)
            if organisation.kind in ORGANISER_KINDS:
                self.organisers_by_country[organisation.country].append(organisation)
        self.done("organisations", len(self.organisation_list))
        self.done("organisation sectors", len(links))

    def contacts(self) -> None:
        rng = self.rng
        organisations = self.organisation_list
        total = self.scale.contacts
        # One each first (as far as they go), the rest spread at random.
        owners = list(range(min(total, len(organisations)))) + [
            rng.randrange(len(organisations)) for _ in range(max(0, total - len(organisations)))
        ]
        emails: dict[int, set[str]] = defaultdict(set)
        contacts = []
        for index in owners:
            organisation = organisations[index]
            first, last = self.person(organisation.country)
            local = "".join(
                char
                for char in translit(f"{first}.{last}").lower()
                if char.isalnum() or char == "."
            )
            domain = f"demo-org-{index + 1}.example"
            address, suffix = f"{local}@{domain}", 2
            while address in emails[index]:
                address, suffix = f"{local}{suffix}@{domain}", suffix + 1
            emails[index].add(address)
            language = {"IT": "it", "RU": "ru"}[organisation.country]
            contacts.append(
                Contact(
                    organisation_id=organisation.pk,
                    first_name=first,
                    last_name=last,
                    role=rng.choice(CONTACT_ROLES[organisation.country]),
                    email=address,
                    phone=(
                        f"+39 0{rng.randint(10, 99)} 000 {rng.randint(1000, 9999)}"
                        if organisation.country == "IT"
                        else f"+7 {rng.randint(300, 999)} 000-{rng.randint(10, 99)}-00"
                    ),
                    preferred_language="en" if rng.random() < 0.1 else language,
                )
            )
        self.contact_list = _insert(Contact, contacts)
        self.contacts_of = defaultdict(list)
        for contact in self.contact_list:
            self.contacts_of[contact.organisation_id].append(contact)
        self.done("contacts", len(self.contact_list))

    def editions(self) -> None:
        rng = self.rng
        total = self.scale.editions
        upcoming = min(total, max(2, round(total * 0.04)))
        past = total - upcoming
        highest = real_editions().aggregate(highest=Max("number"))["highest"] or 0
        first = max(FIRST_DEMO_NUMBER, highest + 1)
        if first + total - 1 > LAST_EDITION_NUMBER:
            raise DemoDataError(
                f"Edition numbers {first}–{first + total - 1} do not fit: the highest "
                f"possible number is {LAST_EDITION_NUMBER}."
            )

        plans = []  # (status, start, days)
        span = (PAST_UNTIL - PAST_FROM).days
        for index in range(past):
            start = PAST_FROM + datetime.timedelta(
                days=span * index // max(past, 1) + rng.randint(0, 20)
            )
            while start.weekday() >= 5:  # editions open on a weekday
                start += datetime.timedelta(days=1)
            status = rng.choices(
                ["held", "held_online", "postponed", "cancelled"], weights=[88, 5, 3, 4]
            )[0]
            plans.append((status, start, rng.choice([2, 2, 3])))
        if past and not any(status == "held" for status, _start, _days in plans):
            plans[-1] = ("held", *plans[-1][1:])
        for index in range(upcoming):
            # The first upcoming edition is open for registration now; the others later.
            start = self.today + datetime.timedelta(days=40 + 110 * index)
            plans.append(("planned", start, 2))

        editions, edition_sectors = [], []
        self.open_edition_index = past if upcoming else None
        for index, (status, start, days) in enumerate(plans):
            number = first + index
            country = "IT" if index % 2 == 0 else "RU"
            code, city_it, city_ru, city_en = rng.choice(self.cities[country])
            if index == self.open_edition_index:
                opens = self.at(self.today - datetime.timedelta(days=20))
                closes = self.at(self.today + datetime.timedelta(days=25), 18)
            elif status in ("held", "held_online", "planned"):
                opens = self.at(start - datetime.timedelta(days=75))
                closes = self.at(start - datetime.timedelta(days=7), 18)
            else:
                opens = closes = None
            online = status == "held_online"
            editions.append(
                Edition(
                    number=number,
                    slug=f"{DEMO_SLUG_PREFIX}{number}-{slugify(city_en)}-{start.year}",
                    status=status,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=days - 1),
                    date_precision="day",
                    country=country,
                    region=self.regions.get(code),
                    evidence="public",
                    is_published=True,
                    # Staff published the participants of the editions already held.
                    participants_public=status in ("held", "held_online"),
                    booking_mode=(
                        BookingMode.APPROVAL
                        if index != self.open_edition_index and rng.random() < 0.3
                        else BookingMode.AUTOMATIC
                    ),
                    registration_opens_at=opens,
                    registration_closes_at=closes,
                    **_three("city", city_it, city_ru, city_en),
                    **(
                        _three("venue", "Piattaforma online", "Онлайн-платформа", "Online platform")
                        if online
                        else _three(
                            "venue",
                            f"Centro congressi di {city_it}",
                            f"Конгресс-центр, {city_ru}",
                            f"{city_en} congress centre",
                        )
                    ),
                    **_three(
                        "summary",
                        f"Edizione fittizia {to_roman(number)}, creata per dimostrazioni: "
                        "nessun fatto qui riportato è reale.",
                        f"Вымышленная сессия {to_roman(number)}, созданная для демонстрации: "
                        "ни один факт не является реальным.",
                        f"Fictional edition {to_roman(number)}, made for demonstrations: "
                        "none of its facts is real.",
                    ),
                )
            )
            edition_sectors.append(
                rng.sample(self.sectors, min(len(self.sectors), rng.randint(4, 8)))
            )
        self.edition_list = _insert(Edition, editions)
        self.edition_sectors = dict(
            zip((e.pk for e in self.edition_list), edition_sectors, strict=True)
        )
        self.plain_city = {
            edition.pk: (
                edition.city_it.removeprefix(DEMO_MARK).strip(),
                edition.city_ru.removeprefix(DEMO_MARK).strip(),
                edition.city_en.removeprefix(DEMO_MARK).strip(),
            )
            for edition in self.edition_list
        }
        links = [
            Edition.sectors.through(edition_id=edition_id, sector_id=sector.pk)
            for edition_id, sectors in self.edition_sectors.items()
            for sector in sectors
        ]
        _insert(Edition.sectors.through, links)
        self.done("editions", len(self.edition_list))

    def programme(self) -> None:
        """Co-chairs, organisers and agenda of each edition."""
        rng = self.rng
        chairs, organisers, agenda = [], [], []
        for edition in self.edition_list:
            for order, (side, role) in enumerate(
                (
                    ("IT", ("Copresidente per la parte italiana", "Сопредседатель с итальянской "
                            "стороны", "Co-chair for the Italian side")),
                    ("RU", ("Copresidente per la parte russa", "Сопредседатель с российской "
                            "стороны", "Co-chair for the Russian side")),
                ),
                start=1,
            ):  # fmt: skip
                first, last = self.person(side)
                chairs.append(
                    EditionCoChair(
                        edition=edition,
                        side=side,
                        name=f"{first} {last}",
                        order=order,
                        **_three("role", *role),
                    )
                )
                pool = self.organisers_by_country[side] or self.by_country[side]
                if pool:
                    organisers.append(
                        EditionOrganiser(
                            edition=edition,
                            organisation=rng.choice(pool),
                            **_three(
                                "role", "co-organizzatore", "соорганизатор", "co-organiser",
                                mark=False,
                            ),
                        )
                    )  # fmt: skip
            if edition.status in ("postponed", "cancelled"):
                continue
            online = edition.status == "held_online"
            city_it, city_ru, city_en = self.plain_city[edition.pk]
            last_day = (edition.end_date - edition.start_date).days
            for kind, it, ru, en, day, start, end in AGENDA:
                if online and kind == "company_visit":
                    continue
                agenda.append(
                    AgendaItem(
                        edition=edition,
                        kind=kind,
                        date=edition.start_date
                        + datetime.timedelta(days=last_day if day < 0 else min(day, last_day)),
                        start_time=datetime.time(*start),
                        end_time=datetime.time(*end),
                        **_three("title", it, ru, en),
                        **(
                            _three("place", "online", "онлайн", "online", mark=False)
                            if online
                            else _three("place", city_it, city_ru, city_en, mark=False)
                        ),
                    )
                )
        self.organiser_links = _insert(EditionOrganiser, organisers)
        self.done("co-chairs", len(_insert(EditionCoChair, chairs)))
        self.done("organisers", len(self.organiser_links))
        self.done("agenda items", len(_insert(AgendaItem, agenda)))

    def tables_and_bookings(self) -> None:
        """Tables, then registrations and bookings planned in time order, so that each
        table's accepted bookings stay within its capacity and match accepted_count."""
        rng = self.rng
        with_tables = [
            e for e in self.edition_list if e.status in ("held", "held_online", "planned")
        ]
        booked = [
            e
            for index, e in enumerate(self.edition_list)
            if e.status in ("held", "held_online") or index == self.open_edition_index
        ]
        open_edition = (
            self.edition_list[self.open_edition_index]
            if self.open_edition_index is not None
            else None
        )
        # The open edition is halfway through its registrations.
        quotas = dict(
            zip(
                (e.pk for e in booked),
                _split(self.scale.bookings, [0.4 if e is open_edition else 1.0 for e in booked]),
                strict=True,
            )
        )
        full_quota = max(quotas.values(), default=0) or 1

        tables_of: dict[int, list[SectoralTable]] = {}
        for edition in with_tables:
            sectors = self.edition_sectors[edition.pk]
            count = rng.randint(5, 9)
            per_table = full_quota / count
            online = edition.status == "held_online"
            city_it, city_ru, city_en = self.plain_city[edition.pk]
            tables = []
            for position in range(count):
                sector = sectors[position % len(sectors)]
                sector_it, sector_ru, sector_en = _sector_names(sector)
                day = edition.start_date + datetime.timedelta(
                    days=position % ((edition.end_date - edition.start_date).days + 1)
                )
                morning = position % 2 == 0
                if rng.random() < 0.15:
                    capacity = None
                elif edition is open_edition:
                    capacity = max(5, round(per_table * rng.uniform(1.0, 1.6)))
                else:
                    capacity = max(2, round(per_table * rng.uniform(0.5, 1.1)))
                tables.append(
                    SectoralTable(
                        edition=edition,
                        sector=sector,
                        capacity=capacity,
                        starts_at=self.at(day, 9 if morning else 14, 30),
                        ends_at=self.at(day, 12 if morning else 17, 30),
                        **_three(
                            "title",
                            f"Tavolo {position + 1}: {sector_it}",
                            f"Стол {position + 1}: {sector_ru}",
                            f"Table {position + 1}: {sector_en}",
                        ),
                        **_three(
                            "description",
                            "Tavolo fittizio: proposte di cooperazione industriale.",
                            "Вымышленный стол: предложения о промышленном сотрудничестве.",
                            "Fictional table: proposals for industrial cooperation.",
                        ),
                        **(
                            _three("place", "online", "онлайн", "online", mark=False)
                            if online
                            else _three(
                                "place",
                                f"Sala {position + 1}, {city_it}",
                                f"Зал {position + 1}, {city_ru}",
                                f"Room {position + 1}, {city_en}",
                                mark=False,
                            )
                        ),
                    )
                )
            tables_of[edition.pk] = tables

        registrants = [o for o in self.organisation_list if self.contacts_of[o.pk]]
        # Bookings as (registration index, table, booking): neither had a key yet.
        registrations, bookings = [], []
        self.registrants_of: dict[int, list[Organisation]] = defaultdict(list)
        carry = 0
        for edition in booked:
            quota = quotas[edition.pk] + carry
            tables = tables_of[edition.pk]
            is_open = edition is open_edition
            approval = edition.booking_mode == BookingMode.APPROVAL
            opens = edition.registration_opens_at
            closes = (
                self.at(self.today - datetime.timedelta(days=1), 20)
                if is_open
                else edition.registration_closes_at
            )
            window = int((closes - opens).total_seconds())
            pool = rng.sample(registrants, min(len(registrants), quota))
            moments = sorted(rng.randrange(window) for _ in pool)
            # Accepted bookings per table, in time order; keyed by id() as unsaved
            # model instances cannot be hashed.
            taken = defaultdict(int)
            for organisation, moment in zip(pool, moments, strict=False):
                if quota <= 0:
                    break
                size = min(rng.choice([1, 2, 2, 2, 3]), quota, len(tables))
                quota -= size
                contact = rng.choice(self.contacts_of[organisation.pk])
                accepted_at = opens + datetime.timedelta(seconds=moment)
                status = rng.choices(
                    ["confirmed", "pending", "cancelled", "expired"],
                    weights=[70, 20, 10, 0] if is_open else [86, 0, 7, 7],
                )[0]
                confirmed_at = cancelled_at = None
                if status == "confirmed" or (status == "cancelled" and rng.random() < 0.8):
                    confirmed_at = accepted_at + datetime.timedelta(minutes=rng.randint(2, 600))
                if status == "cancelled":
                    cancelled_at = (confirmed_at or accepted_at) + datetime.timedelta(
                        hours=rng.randint(1, 72)
                    )
                # Until confirmed, a registration holds the person as submitted; one never
                # confirmed keeps nothing of the person.
                if confirmed_at is not None:
                    person = {"contact_id": contact.pk}
                elif status == "pending":
                    person = {
                        "email": contact.email,
                        "first_name": contact.first_name,
                        "last_name": contact.last_name,
                        "role": contact.role,
                        "phone": contact.phone,
                    }
                else:
                    person = {"first_name": "—", "last_name": "—"}
                registrations.append(
                    Registration(
                        public_id=self.uuid(),
                        submission_key=self.uuid(),
                        # Keys rather than objects: the descriptors cost time at this count.
                        edition_id=edition.pk,
                        organisation_id=organisation.pk,
                        **person,
                        status=status,
                        language=contact.preferred_language,
                        interested_in_visits=rng.random() < 0.4,
                        public_listing_consent=rng.random() < 0.6,
                        privacy_accepted_at=accepted_at,
                        privacy_version=settings.PRIVACY_NOTICE_VERSION,
                        confirmed_at=confirmed_at,
                        cancelled_at=cancelled_at,
                    )
                )
                self.registrants_of[edition.pk].append(organisation)
                texts = PROPOSAL_TEXTS[contact.preferred_language]
                for order, table in enumerate(rng.sample(tables, size)):
                    booking = Booking(
                        organisation_id=organisation.pk,
                        proposal_kind=rng.choice(PROPOSAL_KINDS),
                        description=rng.choice(texts),
                        offers=rng.choice(texts) if rng.random() < 0.5 else "",
                        seeks=rng.choice(texts) if rng.random() < 0.5 else "",
                    )
                    self.place(
                        booking, status, confirmed_at, order, table, taken, approval, is_open
                    )
                    if booking.status == Booking.Status.REJECTED:
                        booking.rejection_reason = REJECTION_REASONS[contact.preferred_language]
                    bookings.append((len(registrations) - 1, table, booking))
            for table in tables:
                table.accepted_count = taken[id(table)]
            carry = quota

        all_tables = [table for tables in tables_of.values() for table in tables]
        self.table_list = _insert(SectoralTable, all_tables)
        self.tables_of = tables_of
        self.done("sectoral tables", len(self.table_list))
        registration_list = _insert(Registration, registrations)
        self.done("registrations", len(registration_list))
        for registration_index, table, booking in bookings:
            booking.registration_id = registration_list[registration_index].pk
            booking.table_id = table.pk
        self.done("bookings", len(_insert(Booking, [booking for *_keys, booking in bookings])))

    def place(self, booking, status, confirmed_at, order, table, taken, approval, is_open):
        """The booking's status as the booking services would have left it."""
        rng = self.rng
        if status == "pending":
            booking.status = Booking.Status.PENDING
            return
        if status != "confirmed" or rng.random() < 0.03:
            booking.status = Booking.Status.CANCELLED
            return
        moment = confirmed_at + datetime.timedelta(microseconds=order)
        if approval and rng.random() < 0.1:
            booking.status = Booking.Status.REJECTED
            booking.decided_at = moment + datetime.timedelta(days=rng.randint(1, 5))
        elif table.capacity is None or taken[id(table)] < table.capacity:
            taken[id(table)] += 1
            booking.status = Booking.Status.ACCEPTED
            booking.decided_at = (
                moment + datetime.timedelta(days=rng.randint(1, 5)) if approval else moment
            )
            booking.attended = not is_open and rng.random() < 0.85
        else:
            booking.status = Booking.Status.WAITING
            booking.queued_at = moment

    def visits(self) -> None:
        rng = self.rng
        held = [e for e in self.edition_list if e.status == "held"]
        quotas = _split(self.scale.visits, [1.0] * len(held))
        visits, carry = [], 0
        for edition, quota in zip(held, quotas, strict=True):
            pool = self.companies_by_country[edition.country] or self.by_country[edition.country]
            hosts = rng.sample(pool, min(len(pool), quota + carry))
            carry = quota + carry - len(hosts)
            days = (edition.end_date - edition.start_date).days
            for host in hosts:
                district = host.district
                if (
                    district is None
                    and self.districts_by_country[host.country]
                    and rng.random() < 0.5
                ):
                    district = rng.choice(self.districts_by_country[host.country])
                visits.append(
                    CompanyVisit(
                        edition=edition,
                        host=host,
                        district=district,
                        sector=rng.choice(self.organisation_sectors[host.pk]),
                        date=edition.start_date + datetime.timedelta(days=min(1, days)),
                        **_three("place", host.city, host.city, host.city, mark=False),
                        **_three(
                            "description",
                            "Visita allo stabilimento: linee di produzione e laboratorio.",
                            "Посещение завода: производственные линии и лаборатория.",
                            "Visit to the plant: production lines and laboratory.",
                        ),
                    )
                )
        self.visit_list = _insert(CompanyVisit, visits)
        self.visits_of = defaultdict(list)
        for visit in self.visit_list:
            self.visits_of[visit.edition_id].append(visit)
        self.done("company visits", len(self.visit_list))

    def agreements(self) -> None:
        rng = self.rng
        total = self.scale.agreements
        held = [e for e in self.edition_list if e.status in ("held", "held_online")]
        upcoming = [e for e in self.edition_list if e.status == "planned"]
        protocols = held[: total // 10]
        kinds = list(AGREEMENT_KINDS)
        weights = [AGREEMENT_KINDS[kind][0] for kind in kinds]
        self.registrants_by_country = defaultdict(list)
        for edition_pk, organisations in self.registrants_of.items():
            for organisation in organisations:
                self.registrants_by_country[(edition_pk, organisation.country)].append(organisation)
        organisers_of = defaultdict(list)
        for link in self.organiser_links:
            organisers_of[link.edition_id].append(link.organisation)

        agreements, parties_of, sectors_of = [], [], []
        for index in range(total):
            number = index + 1
            if index < len(protocols):
                edition, kind = protocols[index], Agreement.Kind.SESSION_PROTOCOL
            else:
                edition = rng.choices(
                    [
                        rng.choice(held) if held else None,
                        rng.choice(upcoming) if upcoming else None,
                        None,
                    ],
                    weights=[92, 5, 3],
                )[0]
                kind = rng.choices(kinds, weights=weights)[0]
            signed_on, precision = self.signing_date(edition)
            if edition is not None and edition.status == "planned":
                status = "draft"
            else:
                reference = signed_on or PAST_FROM
                recent = (PAST_UNTIL - reference).days < 3 * 365
                choices = (
                    {"signed": 40, "in_force": 50, "implemented": 10}
                    if recent
                    else {"signed": 10, "in_force": 30, "implemented": 30, "expired": 15,
                          "superseded": 8, "terminated": 7}
                )  # fmt: skip
                status = rng.choices(list(choices), weights=list(choices.values()))[0]
            sectors = rng.sample(
                self.edition_sectors[edition.pk] if edition else self.sectors,
                rng.randint(1, 2),
            )
            table = visit = None
            if edition is not None and kind != Agreement.Kind.SESSION_PROTOCOL:
                if self.tables_of.get(edition.pk) and rng.random() < 0.25:
                    table = rng.choice(self.tables_of[edition.pk])
                    sectors = [table.sector]
                elif self.visits_of.get(edition.pk) and rng.random() < 0.1:
                    visit = rng.choice(self.visits_of[edition.pk])
            sector_it, sector_ru, sector_en = _sector_names(sectors[0])
            if kind == Agreement.Kind.SESSION_PROTOCOL:
                roman = to_roman(edition.number)
                titles = (
                    f"Protocollo della sessione {roman}",
                    f"Протокол {roman} заседания",
                    f"Protocol of session {roman}",
                )
            else:
                _weight, kind_it, kind_ru, kind_en = AGREEMENT_KINDS[kind]
                titles = (
                    f"{kind_it} n. {number} – {sector_it}",
                    f"{kind_ru} № {number} – {sector_ru}",
                    f"{kind_en} No. {number} – {sector_en}",
                )
            period = (None, None)
            if kind == Agreement.Kind.WORK_PROGRAMME:
                year = (signed_on or PAST_UNTIL).year
                period = (datetime.date(year, 1, 1), datetime.date(year + 2, 12, 31))
            place = self.plain_city[edition.pk] if edition else ("", "", "")
            agreements.append(
                Agreement(
                    slug=f"{DEMO_SLUG_PREFIX}agreement-{number:05d}",
                    edition=edition,
                    kind=kind,
                    date_signed=signed_on if status != "draft" else None,
                    date_precision=precision if status != "draft" else "unknown",
                    status=status,
                    period_start=period[0],
                    period_end=period[1],
                    evidence="public" if rng.random() < 0.9 else "source_doc",
                    visibility=("staff" if status == "draft" or rng.random() < 0.12 else "public"),
                    sectoral_table=table,
                    company_visit=visit,
                    **_three("title", *titles),
                    **_three(
                        "summary",
                        "Accordo fittizio creato per dimostrazioni.",
                        "Вымышленное соглашение, созданное для демонстрации.",
                        "A fictional agreement made for demonstrations.",
                    ),
                    **_three("place", *place, mark=False),
                )
            )
            sectors_of.append(sectors)
            parties_of.append(self.parties(edition, kind, visit, organisers_of))

        self.agreement_list = _insert(Agreement, agreements)
        sector_links, parties, transitions, outcomes, actions = [], [], [], [], []
        for agreement, sectors, chosen in zip(
            self.agreement_list, sectors_of, parties_of, strict=True
        ):
            sector_links += [
                Agreement.sectors.through(agreement_id=agreement.pk, sector_id=sector.pk)
                for sector in sectors
            ]
            for order, organisation in enumerate(chosen, start=1):
                first, last = self.person(organisation.country)
                parties.append(
                    AgreementParty(
                        agreement=agreement,
                        organisation=organisation,
                        side=organisation.country,
                        order=order,
                        signatory_name=f"{first} {last}",
                        **_three("signatory_title", *rng.choice(SIGNATORY_TITLES), mark=False),
                    )
                )
            transitions += self.transitions(agreement)
            if agreement.status in ("in_force", "implemented") and rng.random() < 0.3:
                outcomes.append(self.outcome(agreement))
            if agreement.kind == Agreement.Kind.WORK_PROGRAMME:
                for offset, (it, ru, en) in enumerate(WORK_PROGRAMME_ACTIONS):
                    actions.append(
                        WorkProgrammeAction(
                            agreement=agreement,
                            year=agreement.period_start.year + offset,
                            progress=rng.choice(WorkProgrammeAction.Progress.values),
                            **_three("title", it, ru, en),
                        )
                    )
        _insert(Agreement.sectors.through, sector_links)
        self.done("agreements", len(self.agreement_list))
        self.done("agreement parties", len(_insert(AgreementParty, parties)))
        self.done("status changes", len(_insert(AgreementTransition, transitions)))
        self.done("outcomes", len(_insert(Outcome, outcomes)))
        self.done("work programme actions", len(_insert(WorkProgrammeAction, actions)))

    def signing_date(self, edition) -> tuple[datetime.date | None, str]:
        rng = self.rng
        if edition is None:
            day = PAST_FROM + datetime.timedelta(days=rng.randrange((PAST_UNTIL - PAST_FROM).days))
        else:
            day = edition.end_date
        draw = rng.random()
        if draw < 0.05:
            return None, "unknown"
        if draw < 0.15:
            return day.replace(day=1), "month"
        return day, "day"

    def parties(self, edition, kind, visit, organisers_of) -> list[Organisation]:
        """Two to four distinct parties, at least one on each side: organisations that
        registered for the edition when there are enough of them."""
        rng = self.rng
        if kind == Agreement.Kind.SESSION_PROTOCOL and len(organisers_of[edition.pk]) >= 2:
            return organisers_of[edition.pk][:2]
        size = rng.choice([2, 2, 2, 3, 3, 4])
        italian = rng.randint(1, size - 1)
        chosen: list[Organisation] = [visit.host] if visit else []
        for country, wanted in (("IT", italian), ("RU", size - italian)):
            pool = self.registrants_by_country.get((edition.pk if edition else None, country))
            if not pool or len(pool) <= wanted:
                pool = self.by_country[country]
            have = sum(1 for organisation in chosen if organisation.country == country)
            for _attempt in range(20):
                if have >= wanted or not pool:
                    break
                candidate = rng.choice(pool)
                if candidate not in chosen:
                    chosen.append(candidate)
                    have += 1
        return chosen

    def transitions(self, agreement: Agreement) -> list[AgreementTransition]:
        day = agreement.date_signed or (
            agreement.edition.end_date if agreement.edition else PAST_FROM
        )
        steps, previous = [], "draft"
        for step, status in enumerate(STATUS_PATHS[agreement.status]):
            steps.append(
                AgreementTransition(
                    agreement=agreement,
                    from_status=previous,
                    to_status=status,
                    date=min(day + datetime.timedelta(days=(0, 30, 540)[min(step, 2)]), PAST_UNTIL),
                    note=_marked("Cambio di stato fittizio."),
                )
            )
            previous = status
        return steps

    def outcome(self, agreement: Agreement) -> Outcome:
        rng = self.rng
        kind = rng.choice(Outcome.Kind.values)
        amount = currency = jobs = None
        if kind in ("investment_announced", "investment_realised", "supply_contract"):
            amount = Decimal(rng.randrange(50, 20_000)) * 1000
            currency = rng.choice(["EUR", "RUB"])
        if kind == "jobs":
            jobs = rng.randint(5, 300)
        day = agreement.date_signed or PAST_FROM
        return Outcome(
            agreement=agreement,
            date=min(day + datetime.timedelta(days=rng.randint(90, 700)), PAST_UNTIL),
            kind=kind,
            amount=amount,
            currency=currency or "",
            jobs=jobs,
            is_public=rng.random() < 0.7,
            **_three(
                "description",
                "Risultato fittizio.",
                "Вымышленный результат.",
                "A fictional outcome.",
            ),
        )
