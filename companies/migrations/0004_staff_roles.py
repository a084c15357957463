"""Creates the staff groups (see companies/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    from companies.roles import roles_apply

    roles_apply(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("companies", "0003_registration_notification_booking_and_more"),
        ("tf_sessions", "0002_edition_booking_mode_sectoraltable_accepted_count_and_more"),
        ("agreements", "0003_documents_lifecycle_follow_up"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
