"""The demo's companies stage: districts, organisations, contacts, organisers, company
visits, and registrations with bookings decided by the product's booking services."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.utils.text import slugify

from companies import services
from companies.models import (
    Booking,
    CompanyVisit,
    Contact,
    District,
    EditionOrganiser,
    Organisation,
    Registration,
)
from sessions.enums import DEMO_SLUG_PREFIX, BookingMode

from .records import (
    BATCH_SIZE,
    insert,
    marked,
    sector_names,
    split,
    three,
)
from .words import (
    ADJECTIVE_ENDINGS,
    COMPANY_KINDS,
    CONTACT_ROLES,
    INSTITUTION_PREFIXES,
    IT_ACTIVITIES,
    IT_AREAS,
    IT_LEGAL_FORMS,
    IT_QUALIFIERS,
    IT_SURNAMES,
    KIND_WEIGHTS,
    ORGANISER_KINDS,
    PROPOSAL_KINDS,
    PROPOSAL_TEXTS,
    REJECTION_REASONS,
    RU_ADJECTIVES,
    RU_LEGAL_FORMS,
    RU_NOUNS,
    RU_QUALIFIERS,
    italian_vat,
    russian_inn,
    translit,
)


@dataclass
class Decision:
    """What becomes of one confirmed booking, and when (an index into the bookings)."""

    index: int
    moment: datetime.datetime
    kind: str  # "place", "reject" or "cancel"
    reason: str = ""
    attended: bool = False


class CompaniesStage:
    """Made by _DemoBuilder (demo.builder), which holds the state the stages share."""

    def districts(self) -> None:
        rng = self.rng
        districts, links = [], []
        district_sectors = []
        for index in range(self.scale.districts):
            country = "IT" if index % 2 == 0 else "RU"
            code, city_it, city_ru, city_en = rng.choice(self.cities[country])
            sectors = rng.sample(self.sectors, min(2, len(self.sectors)))
            sector_it, sector_ru, sector_en = sector_names(sectors[0])
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
                    **three("name", *names),
                    **three(
                        "description",
                        "Distretto fittizio creato per dimostrazioni.",
                        "Вымышленный округ, созданный для демонстрации.",
                        "A fictional district made for demonstrations.",
                    ),
                )
            )
            district_sectors.append(sectors)
        self.district_list = insert(District, districts)
        for district, sectors in zip(self.district_list, district_sectors, strict=True):
            links += [
                District.sectors.through(district_id=district.pk, sector_id=sector.pk)
                for sector in sectors
            ]
        insert(District.sectors.through, links)
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
                    name=marked(name),
                    slug=f"{DEMO_SLUG_PREFIX}{base}-{index + 1}",
                    kind=kind,
                    size=size,
                    country=country,
                    region=region,
                    city=city,
                    website=f"https://demo-org-{index + 1}.example",
                    tax_id="" if rng.random() < 0.03 else tax_id(country),
                    district=district,
                    **three(
                        "description",
                        "Organizzazione fittizia creata per dimostrazioni.",
                        "Вымышленная организация, созданная для демонстрации.",
                        "A fictional organisation made for demonstrations.",
                    ),
                )
            )
            chosen_sectors.append(rng.sample(self.sectors, rng.randint(1, 3)))
        self.organisation_list = insert(Organisation, organisations)
        links = [
            Organisation.sectors.through(organisation_id=organisation.pk, sector_id=sector.pk)
            for organisation, sectors in zip(self.organisation_list, chosen_sectors, strict=True)
            for sector in sectors
        ]
        insert(Organisation.sectors.through, links)
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
        self.contact_list = insert(Contact, contacts)
        self.contacts_of = defaultdict(list)
        for contact in self.contact_list:
            self.contacts_of[contact.organisation_id].append(contact)
        self.done("contacts", len(self.contact_list))

    def visits(self) -> None:
        rng = self.rng
        held = [e for e in self.edition_list if e.status == "held"]
        quotas = split(self.scale.visits, [1.0] * len(held))
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
                        **three("place", host.city, host.city, host.city, mark=False),
                        **three(
                            "description",
                            "Visita allo stabilimento: linee di produzione e laboratorio.",
                            "Посещение завода: производственные линии и лаборатория.",
                            "Visit to the plant: production lines and laboratory.",
                        ),
                    )
                )
        self.visit_list = insert(CompanyVisit, visits)
        self.visits_of = defaultdict(list)
        for visit in self.visit_list:
            self.visits_of[visit.edition_id].append(visit)
        self.done("company visits", len(self.visit_list))

    def organisers(self) -> None:
        """An organiser on each side of every edition."""
        rng = self.rng
        organisers = []
        for edition in self.edition_list:
            for side in ("IT", "RU"):
                pool = self.organisers_by_country[side] or self.by_country[side]
                if pool:
                    organisers.append(
                        EditionOrganiser(
                            edition=edition,
                            organisation=rng.choice(pool),
                            **three(
                                "role", "co-organizzatore", "соорганизатор", "co-organiser",
                                mark=False,
                            ),
                        )
                    )  # fmt: skip
        self.organiser_links = insert(EditionOrganiser, organisers)
        self.done("organisers", len(self.organiser_links))

    def registrations_and_bookings(self) -> None:
        """Registrations as the public form makes them, then each booking decided in time
        order by the product's own services (companies.services): the tables' capacity,
        accepted counts and waiting lists are theirs, not the demo's."""
        rng = self.rng
        registrants = [o for o in self.organisation_list if self.contacts_of[o.pk]]
        registrations, bookings, plans, cancellations = [], [], [], []
        self.registrants_of: dict[int, list[Organisation]] = defaultdict(list)
        carry = 0
        for edition in self.booked_editions:
            quota = self.booking_quotas[edition.pk] + carry
            tables = self.tables_of[edition.pk]
            is_open = edition is self.open_edition
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
            for organisation, moment in zip(pool, moments, strict=False):
                if quota <= 0:
                    break
                size = min(rng.choice([1, 2, 2, 2, 3]), quota, len(tables))
                quota -= size
                contact = rng.choice(self.contacts_of[organisation.pk])
                submitted_at = opens + datetime.timedelta(seconds=moment)
                status = rng.choices(
                    ["confirmed", "pending", "cancelled", "expired"],
                    weights=[70, 20, 10, 0] if is_open else [86, 0, 7, 7],
                )[0]
                confirmed_at = cancelled_at = None
                if status == "confirmed" or (status == "cancelled" and rng.random() < 0.8):
                    confirmed_at = submitted_at + datetime.timedelta(minutes=rng.randint(2, 600))
                if status == "cancelled":
                    cancelled_at = (confirmed_at or submitted_at) + datetime.timedelta(
                        hours=rng.randint(1, 72)
                    )
                # Until confirmed, a registration holds the person as submitted; one never
                # confirmed keeps nothing of the person. One cancelled after its
                # confirmation is confirmed here, and cancelled by the services below.
                if confirmed_at is not None:
                    person = {"contact_id": contact.pk}
                    stored_status = Registration.Status.CONFIRMED
                elif status == "pending":
                    person = {
                        "email": contact.email,
                        "first_name": contact.first_name,
                        "last_name": contact.last_name,
                        "role": contact.role,
                        "phone": contact.phone,
                    }
                    stored_status = status
                else:
                    person = {"first_name": "—", "last_name": "—"}
                    stored_status = status
                registrations.append(
                    Registration(
                        public_id=self.uuid(),
                        submission_key=self.uuid(),
                        # Keys rather than objects: the descriptors cost time at this count.
                        edition_id=edition.pk,
                        organisation_id=organisation.pk,
                        **person,
                        status=stored_status,
                        language=contact.preferred_language,
                        interested_in_visits=rng.random() < 0.4,
                        public_listing_consent=rng.random() < 0.6,
                        privacy_accepted_at=submitted_at,
                        privacy_version=settings.PRIVACY_NOTICE_VERSION,
                        confirmed_at=confirmed_at,
                    )
                )
                if confirmed_at is not None and cancelled_at is not None:
                    cancellations.append((cancelled_at, len(registrations) - 1))
                self.registrants_of[edition.pk].append(organisation)
                texts = PROPOSAL_TEXTS[contact.preferred_language]
                for order, table in enumerate(rng.sample(tables, size)):
                    bookings.append(
                        (
                            len(registrations) - 1,
                            table,
                            Booking(
                                organisation_id=organisation.pk,
                                status=Booking.Status.SUBMITTED
                                if confirmed_at
                                else Booking.Status.PENDING
                                if status == "pending"
                                else Booking.Status.CANCELLED,
                                proposal_kind=rng.choice(PROPOSAL_KINDS),
                                description=rng.choice(texts),
                                offers=rng.choice(texts) if rng.random() < 0.5 else "",
                                seeks=rng.choice(texts) if rng.random() < 0.5 else "",
                            ),
                        )
                    )
                    if confirmed_at is not None:
                        plans.append(
                            self.decision(
                                len(bookings) - 1, confirmed_at, order, approval, is_open, contact
                            )
                        )
            carry = quota

        registration_list = insert(Registration, registrations)
        self.done("registrations", len(registration_list))
        for registration_index, table, booking in bookings:
            booking.registration_id = registration_list[registration_index].pk
            booking.table_id = table.pk
        booking_list = insert(Booking, [booking for *_keys, booking in bookings])
        self.done("bookings", len(booking_list))

        # Decided in time order, as staff and the registrants would have: the services
        # accept within capacity, queue, promote and free places.
        for plan in sorted(plans, key=lambda plan: plan.moment):
            booking = booking_list[plan.index]
            if plan.kind == "cancel":
                services.booking_cancel(booking=booking)
            elif plan.kind == "reject":
                services.booking_reject(booking=booking, by=None, reason=plan.reason)
            else:
                services.booking_place(booking=booking, email="")
        for _moment, registration_index in sorted(cancellations):
            registration = registration_list[registration_index]
            for booking in registration.bookings.all():
                services.booking_cancel(booking=booking)
        Registration.objects.filter(
            pk__in=[registration_list[index].pk for _moment, index in cancellations]
        ).update(status=Registration.Status.CANCELLED)
        for cancelled_at, index in cancellations:
            registration_list[index].cancelled_at = cancelled_at
        Registration.objects.bulk_update(
            [registration_list[index] for _moment, index in cancellations],
            ["cancelled_at"],
            batch_size=BATCH_SIZE,
        )
        self.dates_of_the_decisions(plans, booking_list)
        self.done("bookings decided by the booking services", len(plans))

    def decision(self, index, confirmed_at, order, approval, is_open, contact) -> "Decision":
        """What becomes of a confirmed registration's booking, and when."""
        rng = self.rng
        moment = confirmed_at + datetime.timedelta(microseconds=order)
        if rng.random() < 0.03:
            return Decision(index, moment, "cancel")
        if approval and rng.random() < 0.1:
            later = moment + datetime.timedelta(days=rng.randint(1, 5))
            return Decision(index, later, "reject", REJECTION_REASONS[contact.preferred_language])
        later = moment + datetime.timedelta(days=rng.randint(1, 5)) if approval else moment
        return Decision(index, later, "place", attended=not is_open and rng.random() < 0.85)

    def dates_of_the_decisions(self, plans, booking_list) -> None:
        """The services wrote today's date on each decision: the demo's timeline has its
        own (the order of the waiting lists, which the services set, stays the same)."""
        decided = Booking.objects.in_bulk([booking_list[plan.index].pk for plan in plans])
        changed = []
        for plan in plans:
            booking = decided[booking_list[plan.index].pk]
            if booking.status == Booking.Status.CANCELLED:
                continue
            booking.decided_at = plan.moment
            if booking.status == Booking.Status.WAITING:
                booking.queued_at = plan.moment
            booking.attended = booking.status == Booking.Status.ACCEPTED and plan.attended
            changed.append(booking)
        Booking.objects.bulk_update(
            changed, ["decided_at", "queued_at", "attended"], batch_size=BATCH_SIZE
        )
