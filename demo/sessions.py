"""The demo's sessions stage: regions, sectors, editions, their programme and tables."""

import datetime
import json
from collections import defaultdict

from django.db.models import Max
from django.utils.text import slugify

from archive.loader import HISTORY_FILE, LoadReport, regions_seed
from base.models import content_languages
from sessions.enums import DEMO_SLUG_PREFIX, BookingMode, to_roman
from sessions.models import (
    AgendaItem,
    Edition,
    EditionCoChair,
    Region,
    Sector,
    SectoralTable,
)

from .records import (
    DEMO_MARK,
    FIRST_DEMO_NUMBER,
    LAST_EDITION_NUMBER,
    PAST_FROM,
    PAST_UNTIL,
    DemoDataError,
    insert,
    real_editions,
    sector_names,
    split,
    three,
)
from .words import (
    AGENDA,
    CITIES,
)


class SessionsStage:
    """Made by _DemoBuilder (demo.builder), which holds the state the stages share."""

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
                made += len(insert(Sector, sectors))
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
                    **three("city", city_it, city_ru, city_en),
                    **(
                        three("venue", "Piattaforma online", "Онлайн-платформа", "Online platform")
                        if online
                        else three(
                            "venue",
                            f"Centro congressi di {city_it}",
                            f"Конгресс-центр, {city_ru}",
                            f"{city_en} congress centre",
                        )
                    ),
                    **three(
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
        self.edition_list = insert(Edition, editions)
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
        insert(Edition.sectors.through, links)
        self.done("editions", len(self.edition_list))

    def programme(self) -> None:
        """Co-chairs and agenda of each edition."""
        chairs, agenda = [], []
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
                        **three("role", *role),
                    )
                )
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
                        **three("title", it, ru, en),
                        **(
                            three("place", "online", "онлайн", "online", mark=False)
                            if online
                            else three("place", city_it, city_ru, city_en, mark=False)
                        ),
                    )
                )
        self.done("co-chairs", len(insert(EditionCoChair, chairs)))
        self.done("agenda items", len(insert(AgendaItem, agenda)))

    def tables(self) -> None:
        """The sectoral tables of each edition held or planned, sized for its bookings."""
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
                split(self.scale.bookings, [0.4 if e is open_edition else 1.0 for e in booked]),
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
                sector_it, sector_ru, sector_en = sector_names(sector)
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
                        **three(
                            "title",
                            f"Tavolo {position + 1}: {sector_it}",
                            f"Стол {position + 1}: {sector_ru}",
                            f"Table {position + 1}: {sector_en}",
                        ),
                        **three(
                            "description",
                            "Tavolo fittizio: proposte di cooperazione industriale.",
                            "Вымышленный стол: предложения о промышленном сотрудничестве.",
                            "Fictional table: proposals for industrial cooperation.",
                        ),
                        **(
                            three("place", "online", "онлайн", "online", mark=False)
                            if online
                            else three(
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
        self.tables_of = tables_of
        self.booked_editions = booked
        self.booking_quotas = quotas
        self.open_edition = open_edition
        self.table_list = insert(
            SectoralTable, [table for tables in tables_of.values() for table in tables]
        )
        self.done("sectoral tables", len(self.table_list))
