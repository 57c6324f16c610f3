"""The versions of a release that readers saw: the first publication and each major edit.

A `PublishedVersion` is written by the publishing verbs (releases.versions, called from
publishing.save_release and publishing.record_major_edit), never guessed from the revision
history: a revision readers never saw (a draft, an edit before the release went live) is
never one. Each row keeps the public text of its version (title, deck, dateline, the body
with its quotes in place, and the plain text the public diffs compare); the newest version is
the release as it is now (a minor edit amends it in place).
"""

from django.db import models

from releases.models.parts import ChangeNote
from releases.models.release import Release


class PublishedVersion(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="published_versions")
    number = models.PositiveIntegerField(help_text="1 for the first publication, then one more per major edit.")
    published_at = models.DateTimeField(help_text="When readers first saw this version.")
    change_note = models.OneToOneField(
        ChangeNote, on_delete=models.SET_NULL, null=True, blank=True, related_name="version"
    )
    title = models.CharField(max_length=300)
    subtitle = models.CharField(max_length=500, blank=True)
    dateline = models.CharField(max_length=120, blank=True)
    body_html = models.TextField(help_text="The body with its quotes in place, as readers saw it.")
    text = models.TextField(help_text="The plain text the public diffs compare.")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["release", "number"]
        constraints = [
            models.UniqueConstraint(fields=["release", "number"], name="published_version_number_unique"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="published_version_number_positive"),
        ]

    def __str__(self):
        return f"{self.release_id} v{self.number}"
