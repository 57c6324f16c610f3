"""The stored search document and render key of each release, and keeping them fresh.

One function computes documents in SQL for any number of releases
(`refresh_search_documents`); signals connected in `ReleasesConfig.ready()`
collect the ids a change touches and run it once, after the transaction
commits. Bulk writes (the archive generator, imports) call it themselves.

The same signals keep `Release.render_key` honest: it changes whenever
anything the release's page prints changes (its row, its quotes, signatories,
resources, change notes and press-kit files, the organizations, people and topics it names),
so the page's rendered parts can be cached under it (releases.reading.release_parts).
A change that does not touch the search document (a change note, a press
contact, an organization's "About" text or slug) sets a new render key only.
A contact shown by default (an issuer's press office) renews the render keys
of that issuer's releases; the site's press office renews the site settings'
stamp, which is part of every rendered part's cache key.

Weights: A title and deck; B quotes and their speakers; C summary and body;
D issuer and signatory names, topics and related-resource titles. Each document is built with
the text search configuration of its release's language (releases.models.languages:
English and Spanish stemmed, others "simple", all unaccented), and the vocabulary for
"did you mean" is kept per language.
"""

import uuid
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from releases.models import (
    Asset,
    ChangeNote,
    Contact,
    Organization,
    Person,
    Quote,
    RelatedResource,
    Release,
    ReleaseContact,
    Signatory,
    SiteSettings,
    Topic,
)
from releases.models.languages import document_vector_sql

CONFIG = "english_unaccent"  # the default language's; each release's is languages.search_config(language)
BATCH = 2000

QUOTES = """coalesce((
        SELECT string_agg(q.text || ' ' || coalesce(p.name, '') || ' ' || q.attribution, ' ' ORDER BY q.position)
        FROM releases_quote q LEFT JOIN releases_person p ON p.id = q.speaker_id
        WHERE q.release_id = r.id), '')"""
NAMES = """concat_ws(' ',
        (SELECT o.name FROM releases_organization o WHERE o.id = r.issuer_id),
        (SELECT string_agg(o.name, ' ') FROM releases_signatory s
            JOIN releases_organization o ON o.id = s.organization_id WHERE s.release_id = r.id),
        (SELECT string_agg(t.name, ' ') FROM releases_release_topics rt
            JOIN releases_topic t ON t.id = rt.topic_id WHERE rt.release_id = r.id),
        (SELECT string_agg(x.title, ' ') FROM releases_relatedresource x WHERE x.release_id = r.id)
    )"""


def _vector(text):
    return document_vector_sql("r.language", text)


DOCUMENT_SQL = f"""
UPDATE releases_release r SET render_key = gen_random_uuid(), search_document =
    setweight({_vector("r.title || ' ' || r.subtitle")}, 'A')
    || setweight({_vector(QUOTES)}, 'B')
    || setweight({_vector("r.summary || ' ' || r.body")}, 'C')
    || setweight({_vector(NAMES)}, 'D')
WHERE r.id = ANY(%s)
"""  # noqa: S608 -- constant SQL; the ids are a parameter

RENDER_KEY_SQL = "UPDATE releases_release SET render_key = gen_random_uuid() WHERE id = ANY(%s)"

TERMS_DOCUMENT_SQL = """
SELECT to_tsvector('simple', r.title || ' ' || r.subtitle || ' ' || r.body || ' ' || coalesce(
    (SELECT string_agg(q.text, ' ') FROM releases_quote q WHERE q.release_id = r.id), ''))
FROM releases_release r WHERE r.id IN ({ids_sql}) AND split_part(r.language, '-', 1) = {language}
"""

# The words of the public archive in each language, unstemmed, for "did you mean".
TERMS_SQL = """
INSERT INTO releases_searchterm (language, word, ndoc)
SELECT %s, word, ndoc FROM ts_stat(%s)
WHERE length(word) BETWEEN 3 AND 40 AND word ~ '^[[:alpha:]]+$' AND ndoc >= %s
"""
# New words only: a word already known keeps its count until the next full refresh.
NEW_TERMS_SQL = TERMS_SQL.replace("AND ndoc >= %s", "") + " ON CONFLICT (language, word) DO NOTHING"


def terms_language(code):
    """The vocabulary a release's words go to: its language without a region ("es-mx": "es")."""
    return (code or "").split("-")[0]


# A save is followed by adding its release's words; a release that goes live by itself at its
# time (no save) is caught up with when "did you mean" is next asked (catch_up_search_terms).
TERMS_HORIZON_KEY = "search-terms-horizon"
TERMS_CATCH_UP = 24 * 3600  # with no horizon known (a cleared cache), releases that went live this long ago


def refresh_search_documents(release_ids, using="default"):
    """Recompute the stored search document of these releases, in batches."""
    ids = sorted({int(i) for i in release_ids if i is not None})
    with connections[using].cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            cursor.execute(DOCUMENT_SQL, [ids[start : start + BATCH]])


def new_render_keys(release_ids, using="default"):
    """Give these releases a new render key: their cached page parts are out of date."""
    ids = sorted({int(i) for i in release_ids if i is not None})
    with connections[using].cursor() as cursor:
        for start in range(0, len(ids), BATCH):
            cursor.execute(RENDER_KEY_SQL, [ids[start : start + BATCH]])


def refresh_all(using="default"):
    ids = list(Release.objects.using(using).values_list("pk", flat=True))
    if not ids:
        return  # an empty archive (a new database, as early migrations run): nothing to read yet
    refresh_search_documents(ids, using=using)
    refresh_search_terms(using=using)


def refresh_search_terms(using="default", min_docs=1):
    """Rebuild the vocabulary from public releases (titles, decks, bodies, quotes)."""
    public = Release.objects.using(using).public()
    public_sql, params = public.values("pk").query.sql_with_params()
    languages = {terms_language(code) for code in public.values_list("language", flat=True).distinct()}
    connection = connections[using]
    with connection.cursor() as cursor:
        ids_sql = cursor.mogrify(public_sql, params).decode()
        with transaction.atomic(using=using):
            cursor.execute("DELETE FROM releases_searchterm")
            for language in sorted(languages):
                # ts_stat takes the text of a query; the public rule's values were bound by mogrify.
                document = _terms_document(cursor, ids_sql, language)
                cursor.execute(TERMS_SQL, [language, document, min_docs])


def _terms_document(cursor, ids_sql, language):
    return TERMS_DOCUMENT_SQL.format(ids_sql=ids_sql, language=cursor.mogrify("%s", [language]).decode())


def add_search_terms(release_ids, using="default"):
    """Add the words of those of these releases that are public to the vocabulary (cheap:
    only their text is read). Words of drafts and scheduled releases never enter it."""
    ids = sorted({int(i) for i in release_ids if i is not None})
    if not ids:
        return
    public = Release.objects.using(using).public().filter(pk__in=ids)
    languages = {terms_language(code) for code in public.values_list("language", flat=True).distinct()}
    connection = connections[using]
    with connection.cursor() as cursor:
        public_sql, params = public.values("pk").query.sql_with_params()
        ids_sql = cursor.mogrify(public_sql, params).decode()
        for language in sorted(languages):
            cursor.execute(NEW_TERMS_SQL, [language, _terms_document(cursor, ids_sql, language)])


def catch_up_search_terms(using="default"):
    """Add the words of releases that went live by themselves since the vocabulary last looked."""
    from django.core.cache import cache
    from django.utils import timezone

    now = timezone.now()
    horizon = cache.get(TERMS_HORIZON_KEY)
    since = datetime.fromtimestamp(horizon, tz=dt_timezone.utc) if horizon else now - timedelta(seconds=TERMS_CATCH_UP)
    went_live = Release.objects.using(using).public(now=now).filter(publish_at__gt=since).values_list("pk", flat=True)
    add_search_terms(list(went_live), using=using)
    cache.set(TERMS_HORIZON_KEY, now.timestamp(), None)


# --- keeping documents fresh -------------------------------------------------


def schedule_refresh(release_ids, using="default", *, render_only=False):
    """Refresh these releases once the current transaction commits (now, outside one):
    their search document and render key, or with `render_only` the render key alone.

    Ids gather on the connection so that a save with many inlines costs one
    UPDATE; every change registers a callback, the first to run does the work.
    """
    ids = {int(i) for i in release_ids if i is not None}
    if not ids:
        return
    connection = connections[using]
    name = "_render_key_pending" if render_only else "_search_refresh_pending"
    connection.__dict__.setdefault(name, set()).update(ids)
    transaction.on_commit(lambda: _flush(connection), using=using)


def flush_pending():
    """Do now the refreshes the committed transaction left pending (the page cache calls this
    after commit, before it moves the content version: registry.register(prepare=...))."""
    for connection in connections.all(initialized_only=True):
        _flush(connection)


def _flush(connection):
    search = connection.__dict__.pop("_search_refresh_pending", set())
    render = connection.__dict__.pop("_render_key_pending", set()) - search
    if search:
        refresh_search_documents(search, using=connection.alias)
        add_search_terms(search, using=connection.alias)
    if render:
        new_render_keys(render, using=connection.alias)


def _release_saved(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        schedule_refresh([instance.pk], using)


def _part_changed(sender, instance, raw=False, using="default", **kwargs):
    if not raw:
        schedule_refresh([instance.release_id], using)


def _topics_changed(sender, instance, action, reverse, pk_set, using="default", **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        schedule_refresh([instance.pk], using)
    elif action == "pre_clear":  # topic.releases.clear(): pk_set is not given
        schedule_refresh(instance.releases.values_list("pk", flat=True), using)
    else:
        schedule_refresh(pk_set or (), using)


def _remember_name(sender, instance, raw=False, using="default", **kwargs):
    if instance.pk and not raw:
        instance._search_old_name = sender.objects.using(using).filter(pk=instance.pk).values_list("name").first()


def _renamed(sender, instance, created, raw=False, using="default", **kwargs):
    """A rename changes documents and pages; any other edit (a slug, an "About") pages only."""
    old = getattr(instance, "_search_old_name", None)
    if created or raw or old is None:
        return
    schedule_refresh(affected_releases(instance, using), using, render_only=old[0] == instance.name)


def _page_part_changed(sender, instance, raw=False, using="default", **kwargs):
    """A change note or a named contact: the page changes, the search document does not."""
    if not raw:
        schedule_refresh([instance.release_id], using, render_only=True)


def _asset_changed(sender, instance, raw=False, using="default", **kwargs):
    """A press-kit file: its release's page (and PDF, ZIP) is out of date; an organization's
    kit is on its own page, which the page cache's new version covers."""
    if not raw and instance.release_id:
        schedule_refresh([instance.release_id], using, render_only=True)


def _contact_changed(sender, instance, raw=False, using="default", **kwargs):
    """A contact edited: every page that shows it (named, or shown as a press office) is out of date."""
    if raw:
        return
    schedule_refresh(affected_releases(instance, using), using, render_only=True)
    SiteSettings.objects.using(using).filter(press_office=instance).update(stamp=uuid.uuid4())


def affected_releases(instance, using="default"):
    """Ids of the releases whose document or page prints this organization, person, topic or contact."""
    releases = Release.objects.using(using)
    if isinstance(instance, Contact):
        named = ReleaseContact.objects.using(using).filter(contact=instance).values_list("release_id", flat=True)
        by_default = releases.filter(issuer__press_office=instance).values("pk")
        return list(named.union(by_default))
    if isinstance(instance, Organization):
        signed = Signatory.objects.using(using).filter(organization=instance).values("release_id")
        quoted = Quote.objects.using(using).filter(speaker_organization=instance).values("release_id")
        with_contacts = ReleaseContact.objects.using(using).filter(contact__organization=instance).values("release_id")
        ids = releases.filter(issuer=instance).values_list("pk", flat=True).union(signed, quoted, with_contacts)
    elif isinstance(instance, Person):
        ids = Quote.objects.using(using).filter(speaker=instance).values_list("release_id", flat=True)
    else:
        ids = Release.topics.through.objects.using(using).filter(topic=instance).values_list("release_id", flat=True)
    return list(ids)


def _topic_deleted(sender, instance, using="default", **kwargs):
    schedule_refresh(affected_releases(instance, using), using)


def connect():
    post_save.connect(_release_saved, sender=Release, dispatch_uid="search_release")
    for model in (Quote, Signatory, RelatedResource):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"search_save_{model.__name__}")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"search_delete_{model.__name__}")
    for model in (ChangeNote, ReleaseContact):
        post_save.connect(_page_part_changed, sender=model, dispatch_uid=f"render_save_{model.__name__}")
        post_delete.connect(_page_part_changed, sender=model, dispatch_uid=f"render_delete_{model.__name__}")
    post_save.connect(_asset_changed, sender=Asset, dispatch_uid="render_save_asset")
    post_delete.connect(_asset_changed, sender=Asset, dispatch_uid="render_delete_asset")
    post_save.connect(_contact_changed, sender=Contact, dispatch_uid="render_contact")
    # Before the delete: a press office's organizations and the site settings still name it.
    pre_delete.connect(_contact_changed, sender=Contact, dispatch_uid="render_contact_deleted")
    m2m_changed.connect(_topics_changed, sender=Release.topics.through, dispatch_uid="search_topics")
    for model in (Organization, Person, Topic):
        pre_save.connect(_remember_name, sender=model, dispatch_uid=f"search_name_{model.__name__}")
        post_save.connect(_renamed, sender=model, dispatch_uid=f"search_rename_{model.__name__}")
    pre_delete.connect(_topic_deleted, sender=Topic, dispatch_uid="search_topic_deleted")
