"""The languages a release may be written in, and what each means for the archive.

A release's language is any language Django knows (global_settings.LANGUAGES); the
interface speaks those of settings.LANGUAGES. A release in one of them is shown at
that language's addresses (/es/releases/<slug>/); one in any other language is shown
at the default language's, its text marked with its own `lang` (pressroom.languages).
"""

from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info

# The text search configuration a query is read with for releases in each language, and their
# documents built with: PostgreSQL's stemmer for English and Spanish, "simple" (no stemming) for
# every other language, accents ignored in all (migrations 0003, 0016), so "Saldana" finds "Saldaña".
# Spanish is stemmed as written (the stemmer needs the accent of "deportación" to find "deport",
# as in "deportaciones") and its documents also carry the words stemmed without accents
# (DOCUMENT_EXTRA_CONFIGS), so "deportacion" typed without one finds it too.
SEARCH_CONFIGS = {"en": "english_unaccent", "es": "spanish"}
OTHER_CONFIG = "simple_unaccent"
DOCUMENT_EXTRA_CONFIGS = {"es": "spanish_unaccent"}
KNOWN = {code for code, _ in global_settings.LANGUAGES}


def default_language():
    """A new release's language: the site's (settings.LANGUAGE_CODE)."""
    return settings.LANGUAGE_CODE.split("-")[0] if settings.LANGUAGE_CODE not in KNOWN else settings.LANGUAGE_CODE


def interface_codes():
    return [code for code, _ in settings.LANGUAGES]


def url_language(code):
    """The interface language a release in `code` is shown in: its own, else the default."""
    return code if code in interface_codes() else settings.LANGUAGE_CODE


def search_config(code):
    """The text search configuration a release in `code` ("es", "es-mx") is stored and searched with."""
    return SEARCH_CONFIGS.get((code or "").split("-")[0], OTHER_CONFIG)


def search_config_sql(column):
    """search_config() in SQL, for the language in `column`: a regconfig expression."""
    whens = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in SEARCH_CONFIGS.items())
    return f"(CASE split_part({column}, '-', 1) {whens} ELSE '{OTHER_CONFIG}' END)::regconfig"


def document_vector_sql(column, text):
    """The tsvector of `text` for a release whose language is in `column`: read with its search
    configuration, plus any extra reading its documents carry (DOCUMENT_EXTRA_CONFIGS)."""
    vector = f"to_tsvector({search_config_sql(column)}, {text})"
    if not DOCUMENT_EXTRA_CONFIGS:
        return vector
    whens = " ".join(f"WHEN '{code}' THEN to_tsvector('{c}', {text})" for code, c in DOCUMENT_EXTRA_CONFIGS.items())
    return f"({vector} || (CASE split_part({column}, '-', 1) {whens} ELSE ''::tsvector END))"


def search_config_condition(config):
    """A condition on Release.language: the releases whose documents use `config`."""
    from django.db.models import Q

    codes = [code for code, name in SEARCH_CONFIGS.items() if name == config]
    if codes:
        condition = Q()
        for code in codes:
            condition |= Q(language=code) | Q(language__startswith=f"{code}-")
        return condition
    other = Q()
    for code in SEARCH_CONFIGS:
        other &= ~Q(language=code) & ~Q(language__startswith=f"{code}-")
    return other


def local_name(code):
    """The language's name in itself: "English", "español"."""
    try:
        name = get_language_info(code)["name_local"]
    except KeyError:
        return code
    return name[:1].upper() + name[1:]


def choices():
    """The interface's languages first, then every other language Django knows."""
    first = [(code, local_name(code)) for code in interface_codes()]
    rest = sorted(((code, name) for code, name in global_settings.LANGUAGES if code not in dict(first)), key=str)
    return [*first, *rest]


def validate_language(code):
    if code not in KNOWN:
        raise ValidationError(f"“{code}” is not a language code this archive knows (e.g. “en”, “es”, “pt-br”).")
