"""The interface's language: from the address only.

English (settings.LANGUAGE_CODE) pages have no prefix; every other language of
settings.LANGUAGES answers under /<code>/ (i18n_patterns in pressroom.urls). The
language is never read from a cookie or Accept-Language: a page's address alone
decides what it says, so the page cache (keyed on the address) and shared caches
never hand one language's page to another's reader, and no `Vary: Accept-Language`
splits them. A reader chooses a language by following a link (the switcher).
"""

from django.conf import settings
from django.utils import translation


def codes():
    return [code for code, _ in settings.LANGUAGES]


def default():
    return settings.LANGUAGE_CODE


def supported(code):
    """The interface language a release in `code` is shown in: its own, else the default."""
    return code if code in codes() else default()


def from_path(path):
    """The language a path is in: its prefix's, or the default's."""
    return translation.get_language_from_path(path) or default()


def strip_prefix(path):
    """The path without its language prefix: /es/releases/ -> /releases/."""
    code = translation.get_language_from_path(path)
    if code and code != default() and path.startswith(f"/{code}/"):
        return path[len(code) + 1 :]
    return path


class PathLanguageMiddleware:
    """Activates the language of the address (or the default) for the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = from_path(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)  # rendered by now (TemplateResponse too)
        finally:
            translation.deactivate()  # the next request in this thread starts from the default again
        response.headers.setdefault("Content-Language", language)
        return response
