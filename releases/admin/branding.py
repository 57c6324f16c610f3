"""The admin carries the site's name from the site settings, never "Django administration"."""

from django.contrib import admin
from django.utils.functional import lazy

from releases.reading import site as site_settings


def _site_name():
    return site_settings.current().name


site_name = lazy(_site_name, str)


def apply(site=admin.site):
    """The admin's header, page titles and home title, read when each page is drawn."""
    site.site_header = site_name()
    site.site_title = site_name()
    site.index_title = "Publishing"
