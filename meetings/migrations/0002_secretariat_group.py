from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.db.models import Q

SECRETARIAT = "Secretariat"


def create_secretariat_group(apps, schema_editor):
    """Staff who run meetings: they edit meetings and organizations, and may look users up."""
    db_alias = schema_editor.connection.alias
    # Permissions are made by post_migrate, which has not run yet on a fresh database.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=db_alias)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.using(db_alias).filter(
        Q(content_type__app_label="meetings")
        | Q(content_type__app_label="accounts", content_type__model="organization")
        | Q(content_type__app_label="accounts", codename="view_user")
    )
    group, _ = Group.objects.using(db_alias).get_or_create(name=SECRETARIAT)
    group.permissions.set(permissions)


def delete_secretariat_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=SECRETARIAT).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_secretariat_group, delete_secretariat_group),
    ]
