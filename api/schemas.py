"""The API's typed shapes (pydantic, through django-ninja): what the OpenAPI document
describes and every response is checked against. The data itself comes from
api.representation, the one module that turns a release into plain data."""

from ninja import Schema


class Error(Schema):
    detail: str


class ValidationErrors(Schema):
    detail: list[dict]


class OrganizationRef(Schema):
    slug: str
    name: str
    url: str


class PersonRef(Schema):
    slug: str
    name: str
    url: str


class TopicRef(Schema):
    slug: str
    name: str
    url: str


class ReleaseSummary(Schema):
    id: int
    slug: str
    title: str
    subtitle: str
    dateline: str
    lead: str
    language: str
    issuer: OrganizationRef
    published_at: str | None
    updated_at: str | None
    url: str
    api_url: str


class Quote(Schema):
    number: int
    text: str
    speaker: PersonRef | None
    attribution: str
    speaker_title: str
    speaker_organization: OrganizationRef | None
    url: str


class Resource(Schema):
    kind: str
    title: str
    url: str | None


class Contact(Schema):
    name: str
    role: str
    organization: OrganizationRef | None
    email: str
    phone: str
    languages: list[str]
    hours: str
    details: str


class ChangeNote(Schema):
    date: str | None
    note: str


class Image(Schema):
    url: str
    alt: str
    credit: str


class Licence(Schema):
    id: str
    name: str
    url: str | None
    terms: str | None


class Asset(Schema):
    """A press-kit file and its own licence."""

    kind: str
    caption: str
    credit: str
    file_name: str
    size: int
    width: int | None
    height: int | None
    url: str
    licence: Licence


class Withdrawn(Schema):
    """A withdrawn release: the notice its page shows, not its text (status 410)."""

    slug: str
    title: str
    withdrawn_at: str | None
    withdrawal_reason: str
    url: str


class ReleasePage(Schema):
    items: list[ReleaseSummary]
    next_cursor: str | None
    next: str | None


class Organization(OrganizationRef):
    website: str | None
    about: str
    location: str
    abbreviations: list[str]
    api_url: str


class Release(ReleaseSummary):
    issuer: Organization
    summary: str
    body: str
    body_html: str
    topics: list[TopicRef]
    quotes: list[Quote]
    signatories: list[OrganizationRef]
    unnamed_signatory_count: int
    resources: list[Resource]
    contacts: list[Contact]
    change_notes: list[ChangeNote]
    featured_image: Image | None
    source_url: str | None
    archive_note: str
    licence: Licence
    assets: list[Asset]


class OrganizationPage(Schema):
    items: list[Organization]
    next: str | None


class Person(PersonRef):
    title: str
    organization: OrganizationRef | None
    api_url: str


class PersonPage(Schema):
    items: list[Person]
    next: str | None


class Topic(TopicRef):
    description: str
    api_url: str
    release_count: int | None = None


class TopicList(Schema):
    items: list[Topic]


class SearchHit(ReleaseSummary):
    excerpt_html: str
    rank: float


class SearchResults(Schema):
    query: str
    total: int
    estimated: bool
    timed_out: bool
    page: int
    pages: int
    items: list[SearchHit]
    next: str | None
    suggestion: str | None
