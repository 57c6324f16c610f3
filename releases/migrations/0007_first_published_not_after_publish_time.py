from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0006_release_newest_index_covering"),
    ]

    operations = [
        # A row dated first-published after its publish time takes the publish time (the earlier).
        migrations.RunSQL(
            "UPDATE releases_release SET first_published_at = publish_at WHERE first_published_at > publish_at",
            migrations.RunSQL.noop,
        ),
        migrations.AddConstraint(
            model_name="release",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("first_published_at__isnull", True),
                    ("publish_at__isnull", True),
                    ("first_published_at__lte", models.F("publish_at")),
                    _connector="OR",
                ),
                name="release_first_published_not_after_publish_time",
                violation_error_message="First published can be earlier than the publish time (back-dated), never later.",
            ),
        ),
    ]
