"""The workflow of issue 12: a release can be in review (submitted by a Writer), and only a
release readers have seen can be withdrawn (defect 0: a withdrawn embargoed release was served
at its permalink). Rows withdrawn before they were ever public go back to draft first.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


UNSEEN_WITHDRAWN_TO_DRAFT = """
UPDATE releases_release SET status = 'draft', withdrawn_at = NULL
WHERE status = 'withdrawn'
  AND (first_published_at IS NULL OR withdrawn_at IS NULL OR first_published_at > withdrawn_at
       OR first_published_at > now())
"""


class Migration(migrations.Migration):

    dependencies = [
        ('releases', '0013_wordpress_post'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='release',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='submitted for review'),
        ),
        migrations.AddField(
            model_name='release',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='release',
            name='status',
            field=models.CharField(choices=[('draft', 'Draft'), ('review', 'In review'), ('published', 'Published'), ('withdrawn', 'Withdrawn')], default='draft', max_length=10),
        ),
        migrations.AddConstraint(
            model_name='release',
            constraint=models.CheckConstraint(condition=models.Q(('status__in', ['draft', 'review', 'published', 'withdrawn'])), name='release_status_known', violation_error_message='Unknown status.'),
        ),
        migrations.RunSQL(UNSEEN_WITHDRAWN_TO_DRAFT, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name='release',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'withdrawn'), _negated=True), models.Q(('first_published_at__isnull', False), ('first_published_at__lte', models.F('withdrawn_at')), ('withdrawn_at__isnull', False)), _connector='OR'), name='release_withdrawn_was_published', violation_error_message='Readers have not seen this release, so there is nothing to withdraw: send it back to draft instead.'),
        ),
    ]
