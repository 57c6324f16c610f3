"""Revision history: a release is versioned together with its quotes, signatories,
resources and change notes, so reverting brings the whole release back.

Organizations, people, topics and contacts are not followed (which contacts a release
names is: its ReleaseContact rows): reverting a release must
not rewrite an organization that other releases share.
"""

import reversion

from releases.models import ChangeNote, Quote, RelatedResource, Release, ReleaseContact, Signatory

RELEASE_PARTS = ["quotes", "signatories", "resources", "change_notes", "release_contacts"]

for _model in (Quote, Signatory, RelatedResource, ChangeNote, ReleaseContact):
    if not reversion.is_registered(_model):
        reversion.register(_model)

if not reversion.is_registered(Release):
    reversion.register(Release, follow=RELEASE_PARTS, exclude=["search_document"])
