"""The staff report: agreements by kind and status, and what they led to."""

import io
from collections import Counter, defaultdict
from decimal import Decimal

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from sessions.models import Edition

from .models import Agreement, Outcome


class ReportFilterForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=gettext_lazy("Edition"), queryset=Edition.objects.all(), required=False
    )
    year = forms.IntegerField(
        label=gettext_lazy("Year signed"), min_value=1900, max_value=2999, required=False
    )


def agreement_report(*, edition=None, year=None) -> dict:
    """Counts by kind × status, outcomes by kind with amounts per currency and jobs."""
    agreements = Agreement.objects.all()
    outcomes = Outcome.objects.all()
    if edition:
        agreements = agreements.filter(edition=edition)
        outcomes = outcomes.filter(agreement__edition=edition)
    if year:
        agreements = agreements.filter(date_signed__year=year)
        outcomes = outcomes.filter(agreement__date_signed__year=year)

    by_kind_status = Counter(agreements.values_list("kind", "status"))
    statuses = [s for s in Agreement.Status if any(k[1] == s for k in by_kind_status)]
    rows = []
    for kind in Agreement.Kind:
        counts = [by_kind_status[(kind.value, status.value)] for status in statuses]
        if any(counts):
            rows.append({"label": str(kind.label), "counts": counts, "total": sum(counts)})

    amounts = defaultdict(lambda: defaultdict(Decimal))
    outcome_counts = Counter()
    jobs = Counter()
    for kind, amount, currency, job_count in outcomes.values_list(
        "kind", "amount", "currency", "jobs"
    ):
        outcome_counts[kind] += 1
        if amount is not None:
            amounts[kind][currency] += amount
        jobs[kind] += job_count or 0
    outcome_rows = [
        {
            "label": str(kind.label),
            "count": outcome_counts[kind.value],
            "eur": amounts[kind.value].get("EUR", Decimal(0)),
            "rub": amounts[kind.value].get("RUB", Decimal(0)),
            "jobs": jobs[kind.value],
        }
        for kind in Outcome.Kind
        if outcome_counts[kind.value]
    ]
    return {
        "edition": edition,
        "year": year,
        "statuses": [str(status.label) for status in statuses],
        "rows": rows,
        "total": sum(row["total"] for row in rows),
        "outcomes": outcome_rows,
    }


def report_xlsx_response(report: dict) -> HttpResponse:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Agreements"))[:31]
    sheet.append([str(_("Kind")), *report["statuses"], str(_("Total"))])
    for row in report["rows"]:
        sheet.append([str(row["label"]), *row["counts"], row["total"]])
    outcomes = workbook.create_sheet(str(_("Outcomes"))[:31])
    outcomes.append([str(_("Kind")), str(_("Number")), "EUR", "RUB", str(_("Jobs"))])
    for row in report["outcomes"]:
        outcomes.append([str(row["label"]), row["count"], row["eur"], row["rub"], row["jobs"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="agreements-report.xlsx"'
    return response
