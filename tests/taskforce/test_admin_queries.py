"""Admin changelists cost the same number of queries for 1 and for 3 rows."""

import pytest
from django.urls import reverse

from tests.taskforce.test_admin import FACTORIES, registered

pytestmark = pytest.mark.django_db

# Session + user + count + rows + filters' own lookups; the same for 1 and 3 rows.
EXPECTED_QUERIES = {
    "auth.group": 5,
    "tf_sessions.region": 5,
    "tf_sessions.sector": 5,
    "tf_sessions.edition": 8,
    "tf_sessions.sectoraltable": 7,
    "tf_sessions.agendaitem": 8,
    "tf_sessions.companyvisit": 9,
    "companies.organisation": 7,
    "companies.contact": 5,
    "companies.district": 6,
    "agreements.agreement": 8,
    "agreements.agreementdocument": 5,
    "agreements.outcome": 8,
    "agreements.workprogrammeaction": 7,
    "companies.registration": 9,
    "companies.booking": 8,
    "companies.notification": 6,
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

    assert response.content.decode().count('name="_selected_action"') == rows
