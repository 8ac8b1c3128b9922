from django.contrib.auth.management import create_permissions
from django.db import migrations

SECRETARIAT = "Secretariat"

# The headings of the reference meeting's page, in its order.
CATEGORIES = [
    ("Contributed papers", "contributed-papers", 10, True),
    ("Other presentations", "other-presentations", 20, True),
    ("Background documents", "background-documents", 30, False),
    ("General Assembly documents", "general-assembly-documents", 40, False),
    ("General Assembly resolutions", "general-assembly-resolutions", 50, False),
]

# Documents and their versions are never deleted: nothing stored is ever lost.
PERMISSIONS = [
    "add_documentcategory",
    "change_documentcategory",
    "delete_documentcategory",
    "view_documentcategory",
    "add_document",
    "change_document",
    "view_document",
    "add_documentversion",
    "view_documentversion",
]


def forwards(apps, schema_editor):
    db_alias = schema_editor.connection.alias
    DocumentCategory = apps.get_model("papers", "DocumentCategory")
    for name, slug, order, open_to_submissions in CATEGORIES:
        DocumentCategory.objects.using(db_alias).get_or_create(
            slug=slug,
            defaults={"name": name, "order": order, "open_to_submissions": open_to_submissions},
        )

    # Permissions are made by post_migrate, which has not run yet on a fresh database.
    app_config = apps.get_app_config("papers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=db_alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(db_alias).get_or_create(name=SECRETARIAT)
    group.permissions.add(
        *Permission.objects.using(db_alias).filter(
            content_type__app_label="papers", codename__in=PERMISSIONS
        )
    )


def backwards(apps, schema_editor):
    db_alias = schema_editor.connection.alias
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.using(db_alias).filter(name=SECRETARIAT):
        group.permissions.remove(
            *Permission.objects.using(db_alias).filter(content_type__app_label="papers")
        )
    DocumentCategory = apps.get_model("papers", "DocumentCategory")
    DocumentCategory.objects.using(db_alias).filter(
        slug__in=[slug for _, slug, _, _ in CATEGORIES], documents__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("papers", "0001_initial"),
        ("meetings", "0002_secretariat_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
