"""Widgets of the release form: date and time fields that say which time zone they are in."""

from django.contrib.admin import widgets
from django.utils.html import format_html

from releases import times


class ZonedSplitDateTime(widgets.AdminSplitDateTime):
    """The admin's date and time boxes, with the newsroom's zone beside them ("New York time (EST)"):
    what is typed is read in that zone, whatever the browser's."""

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '{}<p class="timezone-label">{}</p>', super().render(name, value, attrs, renderer), times.zone_label()
        )
