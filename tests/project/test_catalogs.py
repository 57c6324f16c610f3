"""The interface's translations: the .po files compile without GNU gettext (pressroom.catalogs)
into catalogs Python reads as msgfmt's, and every interface string has its Spanish."""

import gettext
import shutil
import subprocess

import pytest
from django.conf import settings

from pressroom import catalogs

SPANISH = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
# Strings of Django's admin templates that our admin templates use: Django's own catalogs have them.
DJANGOS_OWN = {"Home", "No, take me back", "Save", "Save and add another", "Save and close", "Close", "Delete"}


def test_every_interface_string_has_its_spanish():
    entries = catalogs.parse_po(SPANISH.read_text(encoding="utf-8"))
    assert len(entries) > 200
    missing = [msgid for _, msgid, _, msgstrs, fuzzy in entries if msgid and (fuzzy or not all(msgstrs))]
    assert set(missing) <= DJANGOS_OWN, sorted(set(missing) - DJANGOS_OWN)


def test_the_pure_python_catalog_reads_as_msgfmts(tmp_path):
    ours = tmp_path / "ours.mo"
    ours.write_bytes(catalogs.mo_bytes(catalogs.parse_po(SPANISH.read_text(encoding="utf-8"))))
    mine = gettext.GNUTranslations(ours.open("rb"))
    assert mine.gettext("Search") == "Buscar"
    assert mine.ngettext("%(counter)s release", "%(counter)s releases", 1) == "%(counter)s comunicado"
    assert mine.ngettext("%(counter)s release", "%(counter)s releases", 3) == "%(counter)s comunicados"
    assert mine.pgettext("release", "Next") == "Siguiente"
    assert mine.gettext("Home") == "Home"  # untranslated here: Django's own catalog answers
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext's msgfmt is not installed: compared with Python's reading only")
    theirs = tmp_path / "theirs.mo"
    subprocess.run(["msgfmt", "-o", str(theirs), str(SPANISH)], check=True)
    theirs = gettext.GNUTranslations(theirs.open("rb"))
    # Every message alike; the header (msgfmt drops its POT-Creation-Date) only where it matters.
    assert {k: v for k, v in mine._catalog.items() if k} == {k: v for k, v in theirs._catalog.items() if k}
    assert mine.info()["plural-forms"] == theirs.info()["plural-forms"]


def test_a_catalog_is_compiled_when_its_po_is_newer(settings, tmp_path):
    folder = tmp_path / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / "django.po"
    po.write_text('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Yes"\nmsgstr "Oui"\n')
    settings.LOCALE_PATHS = [tmp_path]
    assert catalogs.compile_all() == [po.with_suffix(".mo")]
    assert catalogs.compile_all() == []  # up to date
    assert gettext.GNUTranslations(po.with_suffix(".mo").open("rb")).gettext("Yes") == "Oui"
