"""The demo's agreements stage: agreements, their parties, lifecycle and outcomes."""

import datetime
from collections import defaultdict
from decimal import Decimal

from agreements.models import (
    Agreement,
    AgreementParty,
    AgreementTransition,
    Outcome,
    WorkProgrammeAction,
)
from companies.models import (
    Organisation,
)
from sessions.enums import DEMO_SLUG_PREFIX, to_roman

from .records import (
    PAST_FROM,
    PAST_UNTIL,
    insert,
    marked,
    sector_names,
    three,
)
from .words import (
    AGREEMENT_KINDS,
    SIGNATORY_TITLES,
    STATUS_PATHS,
    WORK_PROGRAMME_ACTIONS,
)


class AgreementsStage:
    """Made by _DemoBuilder (demo.builder), which holds the state the stages share."""

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
            sector_it, sector_ru, sector_en = sector_names(sectors[0])
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
                    **three("title", *titles),
                    **three(
                        "summary",
                        "Accordo fittizio creato per dimostrazioni.",
                        "Вымышленное соглашение, созданное для демонстрации.",
                        "A fictional agreement made for demonstrations.",
                    ),
                    **three("place", *place, mark=False),
                )
            )
            sectors_of.append(sectors)
            parties_of.append(self.parties(edition, kind, visit, organisers_of))

        self.agreement_list = insert(Agreement, agreements)
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
                        **three("signatory_title", *rng.choice(SIGNATORY_TITLES), mark=False),
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
                            **three("title", it, ru, en),
                        )
                    )
        insert(Agreement.sectors.through, sector_links)
        self.done("agreements", len(self.agreement_list))
        self.done("agreement parties", len(insert(AgreementParty, parties)))
        self.done("status changes", len(insert(AgreementTransition, transitions)))
        self.done("outcomes", len(insert(Outcome, outcomes)))
        self.done("work programme actions", len(insert(WorkProgrammeAction, actions)))

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
                    note=marked("Cambio di stato fittizio."),
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
            **three(
                "description",
                "Risultato fittizio.",
                "Вымышленный результат.",
                "A fictional outcome.",
            ),
        )
