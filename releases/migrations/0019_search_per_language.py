"""Search per language: a Spanish and a "simple" configuration beside `english_unaccent` (each with
unaccent in front of its dictionary), documents rebuilt with the configuration of each release's
language (releases.models.languages.search_config), and the vocabulary for "did you mean" kept
per language."""

from django.db import migrations

CONFIGURATIONS = """
CREATE TEXT SEARCH CONFIGURATION spanish_unaccent (COPY = spanish);
ALTER TEXT SEARCH CONFIGURATION spanish_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = simple);
ALTER TEXT SEARCH CONFIGURATION simple_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
"""
DROP_CONFIGURATIONS = "DROP TEXT SEARCH CONFIGURATION spanish_unaccent; DROP TEXT SEARCH CONFIGURATION simple_unaccent;"

TERMS = """
ALTER TABLE releases_searchterm ADD COLUMN language text NOT NULL DEFAULT 'en';
ALTER TABLE releases_searchterm DROP CONSTRAINT releases_searchterm_pkey;
ALTER TABLE releases_searchterm ADD PRIMARY KEY (language, word);
"""
UNDO_TERMS = """
DELETE FROM releases_searchterm WHERE language <> 'en';
ALTER TABLE releases_searchterm DROP CONSTRAINT releases_searchterm_pkey;
ALTER TABLE releases_searchterm DROP COLUMN language;
ALTER TABLE releases_searchterm ADD PRIMARY KEY (word);
"""


def refresh_existing(apps, schema_editor):
    from releases.search.documents import refresh_all

    refresh_all(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("releases", "0018_release_language_and_translations")]

    operations = [
        migrations.RunSQL(CONFIGURATIONS, DROP_CONFIGURATIONS),
        migrations.RunSQL(TERMS, UNDO_TERMS),
        migrations.RunPython(refresh_existing, migrations.RunPython.noop),
    ]
