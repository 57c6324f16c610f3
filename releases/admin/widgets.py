"""Widgets of the release form: date and time fields that say which time zone they are in."""

import re

from django.contrib.admin import widgets
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from releases import times

# Django prints "Date:" and "Time:" as bare text before the two inputs; each becomes their label.
BARE_LABEL = re.compile(r"(?P<text>[^<>\n]+?:)\s*(?P<input><input\b[^>]*\bid=\"(?P<id>[^\"]+)\")")


class ZonedSplitDateTime(widgets.AdminSplitDateTime):
    """The admin's date and time boxes, each with its label, and the newsroom's zone beside them
    ("New York time (EST)"): what is typed is read in that zone, whatever the browser's."""

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        labelled = BARE_LABEL.sub(
            lambda m: f'<label for="{m["id"]}">{m["text"].strip()}</label> {m["input"]}', str(html)
        )
        return format_html('{}<p class="timezone-label">{}</p>', mark_safe(labelled), times.zone_label())  # noqa: S308
