from django.contrib.auth.management import create_permissions
from django.db import migrations

# Writers and Editors name a release's press contacts as they edit its other parts; Editors also
# keep the shared contacts themselves up to date (an edit reaches every release that names one).
WRITER = ["view_contact", "add_releasecontact", "change_releasecontact", "delete_releasecontact", "view_releasecontact"]
EDITOR = WRITER + ["add_contact", "change_contact", "delete_contact"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("releases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Writer", WRITER), ("Editor", EDITOR)):
        permissions = Permission.objects.filter(content_type__app_label="releases", codename__in=codenames)
        for group in Group.objects.filter(name=name):
            group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="releases", codename__in=EDITOR)
    for group in Group.objects.filter(name__in=["Writer", "Editor"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0019_search_per_language"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
