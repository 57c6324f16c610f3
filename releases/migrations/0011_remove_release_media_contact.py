from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0010_media_contact_to_contacts"),
    ]

    operations = [
        migrations.RemoveField(model_name="release", name="media_contact"),
    ]
