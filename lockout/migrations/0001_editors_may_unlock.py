"""Let the Editor group see login attempts and unlock an account by deleting its attempt."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

UNLOCK = [
    "view_accessattempt",
    "delete_accessattempt",
    "delete_accessattemptexpiration",
    "view_accesslog",
    "view_accessfailurelog",
]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make axes' exist now.
    app_config = apps.get_app_config("axes")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(*Permission.objects.filter(content_type__app_label="axes", codename__in=UNLOCK))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(*Permission.objects.filter(content_type__app_label="axes", codename__in=UNLOCK))


class Migration(migrations.Migration):
    dependencies = [
        ("axes", "0010_accessattemptexpiration"),
        ("releases", "0002_extensions_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
