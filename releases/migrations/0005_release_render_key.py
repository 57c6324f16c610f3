import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0004_release_featured_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="release",
            name="render_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        # AddField gives every existing row the same default; each needs its own.
        migrations.RunSQL("UPDATE releases_release SET render_key = gen_random_uuid()", migrations.RunSQL.noop),
    ]
