"""The moves of the migrations keep the data: CompanyVisit and EditionOrganiser went from the
sessions app to companies (same tables, history, content types and staff permissions).

A database loaded with the real history and the demo data is migrated back to before the
move and forward again; nothing may be lost either way.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from archive.loader import history_load_file
from companies.roles import roles_apply
from demo.builder import demo_seed
from demo.records import SCALES

BEFORE_THE_MOVE = [
    ("companies", "0012_contact_email_checks"),
    ("agreements", "0007_private_by_default"),
    ("tf_sessions", "0005_private_by_default"),
]
MOVED = ("companyvisit", "editionorganiser", "historicalcompanyvisit")


def rows(sql: str, params=()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def snapshot() -> dict:
    """What the move must keep, read straight from the tables."""
    return {
        "visits": rows(
            "SELECT id, edition_id, host_id, district_id, sector_id, place_it "
            "FROM tf_sessions_companyvisit ORDER BY id"
        ),
        "visit history": rows("SELECT history_id, id FROM tf_sessions_historicalcompanyvisit"),
        "organisers": rows(
            "SELECT id, edition_id, organisation_id, role_it "
            "FROM tf_sessions_editionorganiser ORDER BY id"
        ),
        "agreements from visits": rows(
            "SELECT id, company_visit_id FROM agreements_agreement "
            "WHERE company_visit_id IS NOT NULL ORDER BY id"
        ),
        "permissions of the roles": rows(
            "SELECT g.name, p.codename FROM auth_group g "
            "JOIN auth_group_permissions gp ON gp.group_id = g.id "
            "JOIN auth_permission p ON p.id = gp.permission_id ORDER BY 1, 2"
        ),
    }


def content_types() -> set[tuple[str, str]]:
    return set(
        rows(
            "SELECT app_label, model FROM django_content_type WHERE model IN (%s, %s, %s)",
            MOVED,
        )
    )


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


@pytest.mark.django_db(transaction=True)
def test_the_move_to_companies_keeps_every_row_both_ways():
    # The staff roles as companies/roles.py defines them (a test that emptied the tables
    # before this one removed those the migrations made): the migration sets them again.
    roles_apply(Group, Permission)
    history_load_file()
    demo_seed(scale=SCALES["tiny"])
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    before = snapshot()
    assert before["visits"] and before["organisers"] and before["agreements from visits"]
    assert content_types() == {("companies", model) for model in MOVED}

    old = migrate(BEFORE_THE_MOVE)
    old_apps = old.loader.project_state(BEFORE_THE_MOVE).apps
    in_the_old_place = (
        old_apps.get_model("tf_sessions", "CompanyVisit").objects.count(),
        old_apps.get_model("tf_sessions", "EditionOrganiser").objects.count(),
    )
    old_types = content_types()
    migrate(latest)

    assert in_the_old_place == (len(before["visits"]), len(before["organisers"]))
    assert old_types == {("tf_sessions", model) for model in MOVED}
    assert content_types() == {("companies", model) for model in MOVED}
    assert snapshot() == before
