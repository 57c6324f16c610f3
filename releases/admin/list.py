"""The release list: title wide, the state as a badge (with the language of a release not in the
site's own), the publish time in the newsroom's zone, filters by state, issuer, year and language;
it fits 1280 px with the admin's side menu open, and a phone (static/css/admin_release.css)."""

from django.contrib import admin
from django.utils.functional import lazy
from django.utils.html import format_html

from releases import times
from releases.admin.list_filters import StateFilter, YearFilter
from releases.models import Release
from releases.models.languages import default_language, local_name


class ReleaseListMixin:
    list_display = ("title", "state_badge", "issuer", "when", "page_link")
    list_display_links = ("title",)
    list_filter = (StateFilter, ("issuer", admin.RelatedOnlyFieldListFilter), YearFilter, "language")
    list_select_related = ("issuer",)
    list_per_page = 50
    search_fields = ("title", "slug", "subtitle", "issuer__name")

    class Media:
        css = {"all": ["css/admin_release.css"]}
        js = ["admin/js/vendor/jquery/jquery.min.js", "admin/js/jquery.init.js", "js/release_form.js"]

    @admin.display(description="state", ordering="status")
    def state_badge(self, obj):
        badge = format_html('<span class="state-badge state-{}">{}</span>', obj.state, Release.State(obj.state).label)
        if obj.language == default_language():
            return badge
        return format_html(
            '{} <span class="language-tag" title="{}">{}</span>',
            badge,
            local_name(obj.language),
            obj.language,
        )

    @admin.display(description=lazy(lambda: f"publish time, {times.zone_label()}", str)(), ordering="publish_at")
    def when(self, obj):
        """The publish time (scheduled or past) in the newsroom's zone; submitted time for one in review."""
        seen = obj.state in Release.READER_VISIBLE
        moment = (obj.first_published_at or obj.publish_at) if seen else obj.publish_at
        return format_html('<span class="nowrap">{}</span>', times.newsroom_time(moment)) if moment else "—"

    @admin.display(description="page")
    def page_link(self, obj):
        label = "View" if obj.state in Release.READER_VISIBLE else "Preview"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)
