"""The press-release domain: who issues, who speaks, who signs, and the release itself."""

from releases.models.assets import Asset
from releases.models.contacts import Contact, ReleaseContact, tel_uri
from releases.models.directory import Organization, Person, Topic, match_key
from releases.models.imports import ReleaseFromText, TextImport
from releases.models.licences import Licence
from releases.models.parts import ChangeNote, Quote, RelatedResource, Signatory
from releases.models.preview import PreviewLink, PreviewLinkQuerySet, PreviewOpening, new_token
from releases.models.release import FIRST_PUBLISHED_AFTER_PUBLISH_TIME, LIST_DEFERRED, Release, ReleaseQuerySet
from releases.models.site import SiteSettings
from releases.models.validators import http_url, not_a_year
from releases.models.versions import PublishedVersion
from releases.models.wordpress import WordPressPost

__all__ = [
    "Asset",
    "FIRST_PUBLISHED_AFTER_PUBLISH_TIME",
    "LIST_DEFERRED",
    "ChangeNote",
    "Contact",
    "Licence",
    "Organization",
    "Person",
    "PreviewLink",
    "PreviewLinkQuerySet",
    "PreviewOpening",
    "PublishedVersion",
    "Quote",
    "RelatedResource",
    "Release",
    "ReleaseContact",
    "ReleaseFromText",
    "ReleaseQuerySet",
    "Signatory",
    "SiteSettings",
    "TextImport",
    "Topic",
    "WordPressPost",
    "http_url",
    "match_key",
    "new_token",
    "not_a_year",
    "tel_uri",
]
