"""A WordPress site's languages (Polylang, WPML) on the releases its posts became: each release
takes its post's language, and each Polylang translation group becomes one family."""

from releases.models import Release, WordPressPost


def release_language(code):
    """A post's language (Polylang's slug "es", WPML's "es" or "pt-br", a locale "es_ES") as a
    language code this archive knows, or "" when it is none."""
    from releases.models.languages import KNOWN

    code = (code or "").strip().lower().replace("_", "-")
    for candidate in (code, code.split("-")[0]):
        if candidate in KNOWN:
            return candidate
    return ""


def link_translations(site_key):
    """The releases of this site's posts take their posts' languages, and the posts of one
    Polylang translation group become one family: the original is the post in the site's
    default language (LANGUAGE_CODE), else the earliest post; the others are its translations."""
    from django.conf import settings

    posts = WordPressPost.objects.filter(site=site_key).select_related("release").order_by("post_id")
    groups = {}
    for post in posts:
        language = release_language(post.language)
        release = post.release
        if language and release.language != language and not release.translations.exists():
            Release.objects.filter(pk=release.pk).update(language=language)
            release.language = language
        if post.translation_group:
            groups.setdefault(post.translation_group, []).append(release)
    for members in groups.values():
        if len({r.language for r in members}) != len(members):
            continue  # two posts in one language: not a translation group this archive can keep
        original = next((r for r in members if r.language == settings.LANGUAGE_CODE), members[0])
        Release.objects.filter(pk=original.pk).update(translation_of=None)
        for release in members:
            if release.pk != original.pk and release.translation_of_id != original.pk:
                Release.objects.filter(pk=release.pk).update(translation_of=original)
