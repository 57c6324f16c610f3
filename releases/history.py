"""Revision history: a release is versioned together with its quotes, signatories,
resources and change notes, so reverting brings the whole release back.

Organizations, people and topics are not followed: reverting a release must
not rewrite an organization that other releases share.
"""

import reversion

from releases.models import ChangeNote, Quote, RelatedResource, Release, Signatory

RELEASE_PARTS = ["quotes", "signatories", "resources", "change_notes"]

for _model in (Quote, Signatory, RelatedResource, ChangeNote):
    if not reversion.is_registered(_model):
        reversion.register(_model)

if not reversion.is_registered(Release):
    reversion.register(Release, follow=RELEASE_PARTS, exclude=["search_document"])
