"""Revision history: a release is versioned together with its quotes, signatories and
resources, so reverting brings the whole text back.

What is not reverted: organizations, people, topics and contacts (other releases share them;
which contacts a release names is followed: its ReleaseContact rows);
public change notes (append-only: a revert never removes one, and a major revert adds
its own; a note saved in a revision is still recorded with it); and the publishing
state (WORKFLOW_FIELDS: whether and since when readers see the release, "last updated",
the withdrawal), which the admin keeps as it is when a revision is restored.
"""

import reversion

from releases.models import ChangeNote, Quote, RelatedResource, Release, ReleaseContact, Signatory

RELEASE_PARTS = ["quotes", "signatories", "resources", "release_contacts"]
WORKFLOW_FIELDS = (
    "status",
    "publish_at",
    "first_published_at",
    "updated_at",
    "withdrawn_at",
    "withdrawal_reason",
    "submitted_at",
    "submitted_by",
)

for _model in (Quote, Signatory, RelatedResource, ChangeNote, ReleaseContact):
    if not reversion.is_registered(_model):
        reversion.register(_model)

if not reversion.is_registered(Release):
    reversion.register(Release, follow=RELEASE_PARTS, exclude=["search_document"])
