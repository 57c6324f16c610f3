"""The public reading site, one module per kind of page."""

from releases.views.crawlers import robots_txt
from releases.views.directory import OrganizationDetailView, OrganizationListView, PersonDetailView, TopicDetailView
from releases.views.lists import ReleaseArchiveView, ReleaseMonthArchiveView, ReleaseYearArchiveView, home
from releases.views.release import preview, release_card, release_detail

__all__ = [
    "OrganizationDetailView",
    "OrganizationListView",
    "PersonDetailView",
    "ReleaseArchiveView",
    "ReleaseMonthArchiveView",
    "ReleaseYearArchiveView",
    "TopicDetailView",
    "home",
    "preview",
    "release_card",
    "release_detail",
    "robots_txt",
]
