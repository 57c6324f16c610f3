"""Staff publishing: the release form with its ordered parts, the list with its
actions, and the people, organizations and topics the form picks from.

Writers draft and submit for review; only users with `releases.publish_release`
(the Editor group) schedule, publish, withdraw, back-date or delete. A Writer sees a
release that has left draft or review read-only, since any edit to it would reach
readers. Staff accounts are added with their role on one screen (staff.py).
"""

from releases import history  # noqa: F401  (registers the models with django-reversion first)
from releases.admin import branding
from releases.admin.contacts import ContactAdmin, SiteSettingsAdmin
from releases.admin.directory import OrganizationAdmin, PersonAdmin, TopicAdmin
from releases.admin.import_text import ReleaseFromTextAdmin
from releases.admin.release import ReleaseAdmin
from releases.admin.staff import StaffUserAdmin

branding.apply()

__all__ = [
    "ContactAdmin",
    "OrganizationAdmin",
    "PersonAdmin",
    "ReleaseAdmin",
    "ReleaseFromTextAdmin",
    "SiteSettingsAdmin",
    "StaffUserAdmin",
    "TopicAdmin",
]
