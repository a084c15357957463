"""Creates the staff groups, with their permissions as companies/roles.py defined them when
this migration was written (a migration keeps its own copy: the models have moved since)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "tf_sessions": [
        "region",
        "sector",
        "edition",
        "editioncochair",
        "editionorganiser",
        "editionsource",
        "sectoraltable",
        "agendaitem",
        "companyvisit",
    ],
    "agreements": [
        "agreement",
        "agreementparty",
        "agreementsource",
        "agreementdocument",
        "agreementtransition",
        "agreementrelation",
        "outcome",
        "workprogrammeaction",
    ],
    "companies": ["organisation", "district", "contact"],
}
REGISTRATIONS = {"companies": ["registration", "booking", "notification"]}
ALL = ("add", "change", "delete", "view")


def _codenames(models_by_app, actions):
    return [
        (app, f"{action}_{model}")
        for app, models in models_by_app.items()
        for model in models
        for action in actions
    ]


def role_permissions():
    everything = {**CONTENT, "companies": CONTENT["companies"] + REGISTRATIONS["companies"]}
    return {
        "Ministry editors": _codenames(CONTENT, ALL) + _codenames(REGISTRATIONS, ("view",)),
        "Registration desk": _codenames(REGISTRATIONS, ("add", "change", "view"))
        + _codenames({"companies": ["organisation", "contact"]}, ("add", "change", "view"))
        + _codenames({"tf_sessions": CONTENT["tf_sessions"]}, ("view",)),
        "Ministry viewers": _codenames(everything, ("view",)),
    }


def roles_apply(Group, Permission, permissions_by_role):
    for name, permissions in permissions_by_role.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in permissions
            ]
        )


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    roles_apply(
        apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"), role_permissions()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("companies", "0003_registration_notification_booking_and_more"),
        ("tf_sessions", "0002_edition_booking_mode_sectoraltable_accepted_count_and_more"),
        ("agreements", "0003_documents_lifecycle_follow_up"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
