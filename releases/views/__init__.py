"""The public reading site, one module per kind of page."""

from releases.views.crawlers import robots_txt
from releases.views.directory import (
    OrganizationDetailView,
    OrganizationListView,
    PersonDetailView,
    PersonListView,
    TopicDetailView,
    TopicListView,
)
from releases.views.lists import ReleaseArchiveView, ReleaseMonthArchiveView, ReleaseYearArchiveView, home
from releases.views.release import contact_vcard, preview, release_card, release_detail, share_on_mastodon

__all__ = [
    "OrganizationDetailView",
    "OrganizationListView",
    "PersonDetailView",
    "PersonListView",
    "ReleaseArchiveView",
    "ReleaseMonthArchiveView",
    "ReleaseYearArchiveView",
    "TopicDetailView",
    "TopicListView",
    "contact_vcard",
    "home",
    "preview",
    "release_card",
    "release_detail",
    "robots_txt",
    "share_on_mastodon",
]
