"""Where an imported release came from: one post of one WordPress site."""

from django.db import models

from releases.models.release import Release


class WordPressPost(models.Model):
    """The post a release was imported from (manage.py import_wordpress), so that a
    second run finds it again (by site and post id, or by GUID) and changes nothing,
    and an updated export updates it. Also keeps what translations will need: the
    post's language and its Polylang translation group."""

    release = models.OneToOneField(Release, on_delete=models.CASCADE, related_name="wordpress_post")
    site = models.CharField(max_length=200, help_text="The exporting site's address, without its scheme.")
    post_id = models.PositiveBigIntegerField()
    guid = models.CharField(max_length=500, blank=True, db_index=True)
    link = models.CharField(max_length=500, blank=True, help_text="The post's address on the old site.")
    language = models.CharField(max_length=35, blank=True, help_text="Its language code (Polylang or WPML).")
    translation_group = models.CharField(
        max_length=100, blank=True, help_text="Posts sharing it are translations of one another (Polylang)."
    )
    snapshot = models.JSONField(default=dict, help_text="What the last import wrote, to tell an update from a rerun.")
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name = "WordPress post"
        constraints = [models.UniqueConstraint(fields=["site", "post_id"], name="wordpress_post_once_per_site")]

    def __str__(self):
        return f"{self.site} post {self.post_id}"
