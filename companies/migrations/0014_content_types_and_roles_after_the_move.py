"""After EditionOrganiser and CompanyVisit moved from the sessions app: their content types
(which the staff's permissions, the admin's log and the history point to) follow them, and
the staff roles are set again, as companies/roles.py defines them now (a copy: migrations
keep their own)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MOVED = ("editionorganiser", "companyvisit", "historicalcompanyvisit")

CONTENT = {
    "tf_sessions": [
        "region",
        "sector",
        "edition",
        "editioncochair",
        "editionsource",
        "sectoraltable",
        "agendaitem",
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
    "companies": ["organisation", "district", "contact", "editionorganiser", "companyvisit"],
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
        + _codenames({"tf_sessions": CONTENT["tf_sessions"]}, ("view",))
        + _codenames({"companies": ["editionorganiser", "companyvisit"]}, ("view",)),
        "Ministry viewers": _codenames(everything, ("view",)),
    }


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        moved = ContentType.objects.filter(app_label="tf_sessions", model=model)
        if ContentType.objects.filter(app_label="companies", model=model).exists():
            # Already made for the new place (by a migrate that ran first): the old one
            # and its permissions go; the roles are set again below.
            moved.delete()
        else:
            moved.update(app_label="companies")


def set_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in permissions
            ]
        )


def content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="companies", model__in=MOVED).update(
        app_label="tf_sessions"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0013_visits_and_organisers_from_sessions"),
        ("tf_sessions", "0006_visits_and_organisers_from_sessions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(move_content_types, content_types_back),
        migrations.RunPython(set_roles, migrations.RunPython.noop),
    ]
