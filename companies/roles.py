"""Staff roles: groups with the permissions each kind of ministry staff needs.

Kept in one place so that the `create_staff_user` command and the tests agree; each data
migration that sets the roles keeps its own copy of them as they were then (the latest:
companies/migrations/0014). Re-applying them (`roles_apply`) is idempotent.
"""

EDITORS = "Ministry editors"
DESK = "Registration desk"
VIEWERS = "Ministry viewers"

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


def role_permissions() -> dict[str, list[tuple[str, str]]]:
    everything = {**CONTENT, "companies": CONTENT["companies"] + REGISTRATIONS["companies"]}
    return {
        EDITORS: _codenames(CONTENT, ALL) + _codenames(REGISTRATIONS, ("view",)),
        DESK: _codenames(REGISTRATIONS, ("add", "change", "view"))
        + _codenames({"companies": ["organisation", "contact"]}, ("add", "change", "view"))
        + _codenames({"tf_sessions": CONTENT["tf_sessions"]}, ("view",))
        + _codenames({"companies": ["editionorganiser", "companyvisit"]}, ("view",)),
        VIEWERS: _codenames(everything, ("view",)),
    }


def roles_apply(group_model, permission_model) -> None:
    """Create the groups and give each exactly its permissions."""
    for name, permissions in role_permissions().items():
        group, _created = group_model.objects.get_or_create(name=name)
        wanted = [
            permission_model.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in permissions
        ]
        group.permissions.set(wanted)
