"""Loading the real Task Force history (fixtures/history.json), and the ISO regions.

The history loader is idempotent: every record is found by a natural key (a slug, an ISO
code, or the parent plus a distinguishing field) and written only when a value differs, so
loading the same file twice changes nothing. Records added by staff are never deleted.
"""

import datetime
import gettext
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from django.conf import settings
from django.db import models, transaction
from django.utils import translation

from agreements.models import Agreement, AgreementParty, AgreementSource
from base.models import content_languages
from companies.models import CompanyVisit, District, EditionOrganiser, Organisation
from sessions.models import (
    AgendaItem,
    Edition,
    EditionCoChair,
    EditionSource,
    Region,
    Sector,
    SectoralTable,
)

HISTORY_FILE = Path(settings.BASE_DIR) / "fixtures" / "history.json"

# pycountry subdivision types → Region.Kind, per country (both use "Autonomous region").
REGION_KINDS = {
    ("IT", "Region"): Region.Kind.REGION,
    ("IT", "Autonomous region"): Region.Kind.AUTONOMOUS_REGION,
    ("RU", "Republic"): Region.Kind.REPUBLIC,
    ("RU", "Administrative region"): Region.Kind.OBLAST,
    ("RU", "Administrative territory"): Region.Kind.KRAI,
    ("RU", "Autonomous district"): Region.Kind.AUTONOMOUS_OKRUG,
    ("RU", "Autonomous region"): Region.Kind.AUTONOMOUS_OBLAST,
    ("RU", "Autonomous city"): Region.Kind.FEDERAL_CITY,
}


@dataclass
class LoadReport:
    """What a load did, per model: created, updated, unchanged."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)

    def record(self, model: type[models.Model], outcome: str) -> None:
        getattr(self, outcome)[model._meta.verbose_name_plural] += 1

    @property
    def changed(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))

    def lines(self) -> list[str]:
        names = sorted(set(self.created) | set(self.updated) | set(self.unchanged))
        return [
            f"{name}: {self.created[name]} created, {self.updated[name]} updated, "
            f"{self.unchanged[name]} unchanged"
            for name in names
        ]


def _translated(name: str, value: dict[str, str] | None) -> dict[str, str]:
    """{"it": "Firenze", ...} → {"city_it": "Firenze", ...}.

    Only the language columns are written: modeltranslation's base column is a proxy for
    the active language and is never compared or set directly.
    """
    value = value or {}
    return {f"{name}_{lang}": value.get(lang, "") or "" for lang in content_languages()}


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _upsert(
    report: LoadReport,
    model: type[models.Model],
    lookup: dict[str, Any],
    values: dict[str, Any],
    m2m: dict[str, list[models.Model]] | None = None,
) -> models.Model:
    """Create or update one record, saving only when something differs."""
    obj = model._default_manager.filter(**lookup).first()
    outcome = "unchanged"
    if obj is None:
        obj = model(**{**lookup, **values})
        outcome = "created"
    else:
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        for name in changed:
            setattr(obj, name, values[name])
        if changed:
            outcome = "updated"
    if outcome != "unchanged":
        obj.full_clean()
        obj.save()
    for name, targets in (m2m or {}).items():
        manager = getattr(obj, name)
        wanted = {target.pk for target in targets}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(targets)
            if outcome == "unchanged":
                outcome = "updated"
    report.record(model, outcome)
    return obj


def _iso_names() -> dict[str, Any]:
    catalogues = {}
    for lang in ("it", "ru"):
        try:
            catalogues[lang] = gettext.translation(
                "iso3166-2", pycountry.LOCALES_DIR, languages=[lang]
            )
        except OSError:
            catalogues[lang] = gettext.NullTranslations()
    return catalogues


def regions_seed(*, curated: list[dict], report: LoadReport) -> dict[str, Region]:
    """All 20 Italian regions and 83 Russian federal subjects listed by ISO 3166-2.

    Curated names (it/ru/en) win; other regions fall back to pycountry's names, which are
    romanised for Russia and translated only in part.
    """
    catalogues = _iso_names()
    names = {item["code"]: item["name"] for item in curated}
    regions = {}
    for country in ("IT", "RU"):
        subdivisions = pycountry.subdivisions.get(country_code=country)
        for sub in sorted(subdivisions, key=lambda s: s.code):
            if sub.parent_code is not None:
                continue
            iso_name = sub.name
            name = names.get(sub.code) or {
                "it": catalogues["it"].gettext(iso_name) if country == "RU" else iso_name,
                "ru": catalogues["ru"].gettext(iso_name),
                "en": iso_name,
            }
            regions[sub.code] = _upsert(
                report,
                Region,
                {"code": sub.code},
                {
                    "country": country,
                    "kind": REGION_KINDS[(country, sub.type)],
                    **_translated("name", name),
                },
            )
    return regions


@transaction.atomic
def history_load(*, data: dict) -> LoadReport:
    """Load the real history (regions, sectors, organisations, editions, agreements)."""
    # Italian is the fallback language: the untranslated base columns follow it.
    with translation.override(settings.LANGUAGE_CODE):
        return _history_load(data)


def _history_load(data: dict) -> LoadReport:
    report = LoadReport()
    regions = regions_seed(curated=data.get("regions", []), report=report)

    sectors = {
        item["slug"]: _upsert(
            report,
            Sector,
            {"slug": item["slug"]},
            {"order": item["order"], **_translated("name", item["name"])},
        )
        for item in data.get("sectors", [])
    }

    districts = {}
    for item in data.get("districts", []):
        districts[item["slug"]] = _upsert(
            report,
            District,
            {"slug": item["slug"]},
            {
                "kind": item["kind"],
                "country": item["country"],
                "region": regions.get(item.get("region")),
                **_translated("name", item["name"]),
                **_translated("description", item.get("description")),
            },
            m2m={"sectors": [sectors[s] for s in item.get("sectors", [])]},
        )

    organisations = {}
    for item in data.get("organisations", []):
        organisations[item["slug"]] = _upsert(
            report,
            Organisation,
            {"slug": item["slug"]},
            {
                "name": item["name"],
                "kind": item["kind"],
                "size": item.get("size") or "",
                "country": item["country"],
                "region": regions.get(item.get("region")),
                "city": item.get("city") or "",
                "website": item.get("website") or "",
                **_translated("description", item.get("description")),
            },
            m2m={"sectors": [sectors[s] for s in item.get("sectors", [])]},
        )

    editions = {}
    for item in data.get("editions", []):
        editions[item["slug"]] = _edition_load(
            item,
            report=report,
            regions=regions,
            sectors=sectors,
            organisations=organisations,
            districts=districts,
        )

    for item in data.get("agreements", []):
        _agreement_load(
            item, report=report, editions=editions, sectors=sectors, organisations=organisations
        )
    return report


def _edition_load(item, *, report, regions, sectors, organisations, districts) -> Edition:
    edition = _upsert(
        report,
        Edition,
        {"slug": item["slug"]},
        {
            "number": item.get("number"),
            "status": item["status"],
            "start_date": _date(item.get("start_date")),
            "end_date": _date(item.get("end_date")),
            "date_precision": item["date_precision"],
            "date_inferred": bool(item.get("date_inferred")),
            "date_text": item.get("date_text") or "",
            "country": item.get("country") or "",
            "region": regions.get(item.get("region")),
            "evidence": item["evidence"],
            "is_published": True,
            **_translated("city", item.get("city")),
            **_translated("venue", item.get("venue")),
            **_translated("summary", item.get("summary")),
            **_translated("notes", item.get("notes")),
        },
        m2m={"sectors": [sectors[s] for s in item.get("sectors", [])]},
    )
    for position, chair in enumerate(item.get("co_chairs", []), start=1):
        _upsert(
            report,
            EditionCoChair,
            {"edition": edition, "side": chair["side"], "order": chair.get("order", position)},
            {
                "name": chair.get("name") or "",
                **_translated("role", chair.get("role")),
            },
        )
    for link in item.get("organisers", []):
        _upsert(
            report,
            EditionOrganiser,
            {"edition": edition, "organisation": organisations[link["organisation"]]},
            _translated("role", link.get("role")),
        )
    for source in item.get("sources", []):
        _source_load(report, EditionSource, {"edition": edition}, source)
    for table in item.get("tables", []):
        _upsert(
            report,
            SectoralTable,
            {
                "edition": edition,
                "sector": sectors[table["sector"]],
                "title_it": table["title"]["it"],
            },
            {
                **_translated("title", table["title"]),
                **_translated("description", table.get("description")),
                **_translated("place", table.get("place")),
                "capacity": table.get("capacity"),
            },
        )
    for entry in item.get("agenda", []):
        _upsert(
            report,
            AgendaItem,
            {"edition": edition, "kind": entry["kind"], "title_it": entry["title"]["it"]},
            {
                **_translated("title", entry["title"]),
                "date": _date(entry.get("date")),
                **_translated("place", entry.get("place")),
            },
        )
    for visit in item.get("visits", []):
        _upsert(
            report,
            CompanyVisit,
            {"edition": edition, "host": organisations[visit["host"]]},
            {
                "district": districts.get(visit.get("district")),
                "sector": sectors.get(visit.get("sector")),
                "date": _date(visit.get("date")),
                **_translated("place", visit.get("place")),
                **_translated("description", visit.get("description")),
            },
        )
    return edition


def _agreement_load(item, *, report, editions, sectors, organisations) -> Agreement:
    agreement = _upsert(
        report,
        Agreement,
        {"slug": item["slug"]},
        {
            "edition": editions.get(item.get("edition")),
            "kind": item["kind"],
            "date_signed": _date(item.get("date_signed")),
            "date_precision": item["date_precision"],
            "date_text": item.get("date_text") or "",
            "status": item["status"],
            "period_start": _date(item.get("period_start")),
            "period_end": _date(item.get("period_end")),
            "evidence": item["evidence"],
            "visibility": item.get("visibility", Agreement.Visibility.STAFF),
            **_translated("title", item.get("title")),
            **_translated("summary", item.get("summary")),
            **_translated("place", item.get("place")),
        },
        m2m={"sectors": [sectors[s] for s in item.get("sectors", [])]},
    )
    for position, party in enumerate(item.get("parties", []), start=1):
        _upsert(
            report,
            AgreementParty,
            {"agreement": agreement, "organisation": organisations[party["organisation"]]},
            {
                "side": party["side"],
                "order": position,
                "signatory_name": party.get("signatory_name") or "",
                **_translated("signatory_title", party.get("signatory_title")),
            },
        )
    for source in item.get("sources", []):
        _source_load(report, AgreementSource, {"agreement": agreement}, source)
    return agreement


def _source_load(report, model, parent: dict, source: dict) -> None:
    _upsert(
        report,
        model,
        {**parent, "url": source.get("url") or "", "publisher": source["publisher"]},
        {"published_on": _date(source.get("published")), "supports": source.get("supports") or ""},
    )


def history_load_file(path: Path = HISTORY_FILE) -> LoadReport:
    with open(path, encoding="utf-8") as handle:
        return history_load(data=json.load(handle))
