from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CONTENT = ["release", "quote", "signatory", "relatedresource", "changenote", "organization", "person", "topic"]

WRITER = (
    [f"{action}_{model}" for model in CONTENT for action in ("add", "change", "view")]
    + [f"delete_{model}" for model in ("quote", "signatory", "relatedresource")]
    + ["view_previewlink", "add_previewlink", "change_previewlink"]
)

EDITOR = WRITER + [
    "publish_release",
    "delete_release",
    "delete_changenote",
    "delete_organization",
    "delete_person",
    "delete_topic",
    "delete_previewlink",
    "add_redirect",
    "change_redirect",
    "view_redirect",
    "delete_redirect",
]


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("Writer", WRITER), ("Editor", EDITOR)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Writer", "Editor"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(create_groups, remove_groups),
    ]
