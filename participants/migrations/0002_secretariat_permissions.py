from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"
# Nothing is deleted but a check-in marked by mistake; a nomination's history is only read.
CODENAMES = [
    "add_registration",
    "change_registration",
    "view_registration",
    "add_nomination",
    "change_nomination",
    "view_nomination",
    "view_nominationevent",
    "add_checkin",
    "delete_checkin",
    "view_checkin",
]


def forwards(apps, schema_editor):
    """The Secretariat decides on nominations, exports the lists and runs the check-in desk."""
    db_alias = schema_editor.connection.alias
    # Permissions are made by post_migrate, which has not run yet on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db_alias)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db_alias).get_or_create(name=SECRETARIAT)
    group.permissions.add(
        *Permission.objects.using(db_alias).filter(
            content_type__app_label="participants", codename__in=CODENAMES
        )
    )


def backwards(apps, schema_editor):
    db_alias = schema_editor.connection.alias
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.using(db_alias).filter(name=SECRETARIAT):
        group.permissions.remove(
            *Permission.objects.using(db_alias).filter(content_type__app_label="participants")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("meetings", "0002_secretariat_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
