"""Editors see the email alerts overview (counts); addresses stay with those given the dedicated permission."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; make this app's exist now.
    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.add(
        *Permission.objects.filter(content_type__app_label="alerts", codename="view_subscriptionsummary")
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editor in Group.objects.filter(name="Editor"):
        editor.permissions.remove(
            *Permission.objects.filter(content_type__app_label="alerts", codename="view_subscriptionsummary")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_initial"),
        ("releases", "0002_extensions_and_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
