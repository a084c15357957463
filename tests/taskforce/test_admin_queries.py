"""Admin changelists cost the same number of queries for 1 and for 3 rows."""

import pytest
from django.urls import reverse

from tests.taskforce.test_admin import FACTORIES, registered

pytestmark = pytest.mark.django_db

# Session read and save (kept alive on every request), user, count, rows, filters' lookups
# (the big tables skip the unfiltered total: show_full_result_count = False);
# the same for 1 and 3 rows.
EXPECTED_QUERIES = {
    "otp_static.staticdevice": 8,
    "otp_totp.totpdevice": 8,
    "axes.accessattempt": 11,
    "axes.accessfailurelog": 11,
    "axes.accesslog": 11,
    "auth.group": 8,
    "tf_sessions.region": 8,
    "tf_sessions.sector": 8,
    "tf_sessions.edition": 11,
    "tf_sessions.sectoraltable": 10,
    "tf_sessions.agendaitem": 11,
    "companies.companyvisit": 12,
    "companies.organisation": 9,
    "companies.contact": 7,
    "companies.district": 9,
    "agreements.agreement": 10,
    "agreements.agreementdocument": 8,
    "agreements.outcome": 11,
    "agreements.workprogrammeaction": 10,
    "companies.registration": 9,
    "companies.booking": 9,
    "companies.notification": 9,
}


@pytest.mark.parametrize("rows", [1, 3])
@pytest.mark.parametrize(
    ("label", "model"), registered(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_admin_changelist_query_count_is_flat(
    staff_client, django_assert_num_queries, label, model, rows
):
    for _ in range(rows):
        FACTORIES[label]()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    staff_client.get(url)  # warm the session and content-type caches

    with django_assert_num_queries(EXPECTED_QUERIES[label]):
        response = staff_client.get(url)

    assert response.content.decode().count('name="_selected_action"') == model.objects.count()
