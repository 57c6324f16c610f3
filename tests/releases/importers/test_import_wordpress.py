"""manage.py import_wordpress on the real exports: counts, dates, statuses, old addresses, reruns."""

import io
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest
from django.contrib.redirects.models import Redirect
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Version

from releases import markdown
from releases.importers.wordpress import Item, WxrReader
from releases.models import Organization, Release, Topic, WordPressPost
from tests import factories
from tests.releases.importers.wordpress_helpers import ATMOSPHERE, CC_LABS, PARCH, WXR_11, write_wxr, wxr_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def import_wordpress(django_capture_on_commit_callbacks):
    """Run the command as a real commit would (search documents, page cache); returns its output."""

    def run(path, *args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_wordpress", str(path), *args, stdout=out)
        return out.getvalue()

    return run


def posts(path):
    return [r for r in WxrReader(path) if isinstance(r, Item) and r.post_type == "post"]


def summary(output):
    return next(line for line in output.splitlines() if line.startswith("Items:"))


def release_of(post_id):
    return WordPressPost.objects.get(post_id=post_id).release


def old_urls(item, base="/"):
    """The addresses a published post answered at, as the old site printed them (escapes as written)."""
    link = urlsplit(item.link)
    urls = [link.path + (f"?{link.query}" if link.query else ""), f"{base}?p={item.post_id}"]
    return list(dict.fromkeys(urls))


def assert_every_old_url_redirects(client, path, base="/"):
    checked = 0
    for item in posts(path):
        if item.status != "publish":
            continue
        release = release_of(item.post_id)
        assert release.title == markdown.plain_text(item.title)[:300] or not item.title
        for url in old_urls(item, base):
            response = client.get(url)
            assert response.status_code == 301, url
            assert response["Location"] == release.get_absolute_url(), url
            checked += 1
    return checked


# --- each real export ------------------------------------------------------------------------


def test_atmosphere_two_posts_and_everything_else_reported(import_wordpress, client):
    output = import_wordpress(ATMOSPHERE)
    assert (
        summary(output)
        == "Items: 2 created, 0 updated, 0 unchanged, 31 skipped, 0 failed. Old addresses answering 301: 4."
    )
    assert "     11  attachment: media, brought in with the posts that use it" in output
    assert "      7  page: only posts become releases" in output
    assert "      5  feedback: only posts become releases" in output
    assert "      4  nav_menu_item: only posts become releases" in output
    assert "      4  wpcf7_contact_form: only posts become releases" in output
    assert Release.objects.public().count() == 2
    release = release_of(60)
    assert release.first_published_at == release.publish_at == datetime(2021, 4, 27, 0, 40, 47, tzinfo=timezone.utc)
    assert release.issuer.name == "Atmosphere Solutions"
    assert [t.name for t in release.topics.all()] == ["Initiatives"]
    assert "[rebates@atmospheresolutions.ca](mailto:rebates@atmospheresolutions.ca)" in release.body
    assert assert_every_old_url_redirects(client, ATMOSPHERE) == 4


@pytest.mark.slow
def test_cc_labs_219_posts_with_their_dates_topics_and_old_addresses(import_wordpress, client):
    output = import_wordpress(CC_LABS)
    assert summary(output) == (
        "Items: 219 created, 0 updated, 0 unchanged, 5 skipped, 0 failed. Old addresses answering 301: 442."
    )
    assert "Comments are not imported (181 in the export)." in output
    assert Release.objects.public().count() == 219
    first = release_of(5)
    assert first.title == "The CC Tech Blog"
    assert first.first_published_at == datetime(2007, 4, 11, 0, 52, 59, tzinfo=timezone.utc)
    # "Uncategorized" is WordPress's empty default, not a topic.
    assert not Topic.objects.filter(name__iexact="uncategorized").exists()
    assert Topic.objects.filter(name="summer of code").exists()
    # An old slug (_wp_old_slug) answers too.
    moved = release_of(1717)
    response = client.get("/2012/02/22/cc-legaleratta-accesible-errata-annotations-without-republishing-licenses/")
    assert (response.status_code, response["Location"]) == (301, moved.get_absolute_url())
    assert assert_every_old_url_redirects(client, CC_LABS) == 438


def test_parch_persian_drafts_languages_and_percent_encoded_slugs(import_wordpress, client):
    output = import_wordpress(PARCH)
    assert summary(output) == (
        "Items: 26 created, 0 updated, 0 unchanged, 120 skipped, 0 failed. Old addresses answering 301: 45."
    )
    assert "    104  attachment: media, brought in with the posts that use it" in output
    assert Release.objects.filter(status=Release.Status.PUBLISHED).count() == 22
    drafts = Release.objects.filter(status=Release.Status.DRAFT)
    assert drafts.count() == 4
    assert not drafts.filter(first_published_at__isnull=False).exists()
    assert not drafts.filter(publish_at__isnull=False).exists()
    persian = release_of(111)
    assert persian.title == "عرضه بیلد جدید پارچ ۱۴۰۳/۱۱/۰۷"
    assert persian.slug == "post-111"  # its slug is all Persian: an ASCII slug would be empty
    assert persian.first_published_at == datetime(2025, 1, 25, 22, 7, 46, tzinfo=timezone.utc)
    assert [t.name for t in persian.topics.all()] == ["رلیز"]
    # The language and the translation group are kept for translations.
    assert (release_of(518).wordpress_post.language, release_of(514).wordpress_post.language) == ("en", "fa")
    assert release_of(518).wordpress_post.translation_group == release_of(514).wordpress_post.translation_group
    # ... and made into a family: each release in its post's language, the English one the original.
    assert (release_of(518).language, release_of(514).language, persian.language) == ("en", "fa", "fa")
    assert release_of(514).translation_of == release_of(518) and release_of(518).translation_of is None
    assert assert_every_old_url_redirects(client, PARCH) == 44
    # A percent-encoded UTF-8 address answers whatever case its escapes are in, and as plain text.
    raw = urlsplit(persian.wordpress_post.link).path
    for url in (raw, raw.upper().replace("/FA/", "/fa/"), "/fa/عرضه-بیلد-جدید-پارچ-۱۴۰۳-۱۱-۰۷/"):
        assert client.get(url)["Location"] == persian.get_absolute_url()
    # A draft was never public there: its ?p= address is the home page still, its permalink a 404.
    assert client.get("/?p=23").status_code == 200
    assert client.get(release_of(23).get_absolute_url()).status_code == 404


def test_wxr_1_1_post_and_page(import_wordpress, client):
    output = import_wordpress(WXR_11)
    assert (
        summary(output)
        == "Items: 1 created, 0 updated, 0 unchanged, 1 skipped, 0 failed. Old addresses answering 301: 1."
    )
    release = release_of(1)
    assert (release.title, release.slug) == ("Hello world!", "hello-world")
    assert release.body == "Welcome to WordPress. This is your first post. Edit or delete it, then start blogging!"
    assert sorted(t.name for t in release.topics.all()) == ["Clippable", "alpha"]
    assert client.get("/?p=1")["Location"] == "/releases/hello-world/"


def test_every_item_is_imported_or_reported(import_wordpress):
    for path in (ATMOSPHERE, PARCH, WXR_11):
        output = import_wordpress(path)
        items = sum(1 for _ in WxrReader(path))
        counts = summary(output).split(".")[0].removeprefix("Items: ").split(", ")
        assert sum(int(part.split()[0]) for part in counts) == items, path.name
        reported = [line for line in output.splitlines() if line.startswith(("  skipped ", "  failed "))]
        assert len(reported) == int(counts[3].split()[0]) + int(counts[4].split()[0])
        assert all(": " in line for line in reported)


# --- reruns and updates ----------------------------------------------------------------------


def test_a_second_run_changes_nothing(import_wordpress):
    import_wordpress(PARCH)
    before = (
        list(Release.objects.order_by("pk").values_list("pk", "slug", "modified_at", "render_key")),
        Version.objects.count(),
        Redirect.objects.count(),
        Topic.objects.count(),
        Organization.objects.count(),
    )
    output = import_wordpress(PARCH)
    assert summary(output).startswith("Items: 0 created, 0 updated, 26 unchanged, 120 skipped, 0 failed.")
    after = (
        list(Release.objects.order_by("pk").values_list("pk", "slug", "modified_at", "render_key")),
        Version.objects.count(),
        Redirect.objects.count(),
        Topic.objects.count(),
        Organization.objects.count(),
    )
    assert after == before


def test_an_updated_export_updates_the_release_and_keeps_its_history(import_wordpress, tmp_path, client):
    import_wordpress(PARCH)
    release = release_of(99)
    updated = tmp_path / "updated.xml"
    text = PARCH.read_text(encoding="utf-8")
    text = text.replace("<![CDATA[Parch GNOME: Beyond GNOME]]>", "<![CDATA[Parch GNOME: Beyond GNOME, revised]]>")
    text = text.replace("GNOME is one of the most popular", "GNOME is one of the best-loved")
    updated.write_text(text, encoding="utf-8")
    output = import_wordpress(updated)
    assert summary(output).startswith("Items: 0 created, 1 updated, 25 unchanged,")
    release.refresh_from_db()
    assert release.title == "Parch GNOME: Beyond GNOME, revised"
    assert "GNOME is one of the best-loved" in release.body
    assert release.slug == "parch-gnome-beyond-gnome"  # the permalink stays
    versions = Version.objects.get_for_object(release)
    assert len(versions) == 2
    assert versions[1].field_dict["title"] == "Parch GNOME: Beyond GNOME"
    assert "Updated from WordPress" in versions[0].revision.get_comment()
    assert client.get("/parch-gnome-beyond-gnome/")["Location"] == release.get_absolute_url()


def test_a_release_edited_here_is_not_overwritten(import_wordpress, tmp_path):
    path = write_wxr(tmp_path / "a.xml", wxr_item(5, "First title"))
    import_wordpress(path)
    release = release_of(5)
    release.title = "Corrected in Pressroom"
    release.save()
    write_wxr(path, wxr_item(5, "Changed in WordPress"))
    output = import_wordpress(path)
    assert "edited in Pressroom since it was imported: left as it is" in output
    release.refresh_from_db()
    assert release.title == "Corrected in Pressroom"


def test_a_post_back_to_draft_in_wordpress_stays_published_here(import_wordpress, tmp_path, client):
    path = write_wxr(tmp_path / "a.xml", wxr_item(5, "Live"))
    import_wordpress(path)
    write_wxr(path, wxr_item(5, "Live", status="draft"))
    output = import_wordpress(path)
    assert "a draft again in WordPress: stays published here" in output
    assert client.get(release_of(5).get_absolute_url()).status_code == 200


# --- options -------------------------------------------------------------------------------


def test_dry_run_saves_nothing_and_reports_everything(import_wordpress):
    output = import_wordpress(PARCH, "--dry-run")
    assert summary(output).startswith("Items: 26 created, 0 updated, 0 unchanged, 120 skipped, 0 failed.")
    assert "Dry run: nothing was saved." in output
    assert not Release.objects.exists() and not Redirect.objects.exists() and not Topic.objects.exists()
    assert not Organization.objects.exists()


def test_only_chosen_categories(import_wordpress):
    output = import_wordpress(PARCH, "--category", "releases", "رلیز")
    assert summary(output).startswith("Items: 4 created,")
    assert "not in the categories chosen" in output
    assert sorted(WordPressPost.objects.values_list("post_id", flat=True)) == [111, 302, 377, 481]


def test_an_unknown_category_is_refused_before_anything_is_saved(import_wordpress):
    with pytest.raises(CommandError, match="no category press-releases in this export"):
        import_wordpress(PARCH, "--category", "press-releases")
    assert not Release.objects.exists()


def test_issuer_named_by_slug_or_created(import_wordpress, tmp_path):
    existing = factories.organization("Parch Linux Project", slug="parch")
    import_wordpress(WXR_11, "--issuer", "parch")
    assert release_of(1).issuer == existing
    path = write_wxr(tmp_path / "b.xml", wxr_item(9))
    output = import_wordpress(path, "--issuer", "Border Rights Coalition")
    assert "issuer Border Rights Coalition (created)" in output
    assert release_of(9).issuer.slug == "border-rights-coalition"


# --- damaged files -------------------------------------------------------------------------


def test_a_broken_item_is_reported_and_the_rest_imported(import_wordpress, tmp_path):
    broken = wxr_item(2, "Bad id").replace("<wp:post_id>2</wp:post_id>", "<wp:post_id>two</wp:post_id>")
    no_date = wxr_item(3, "No date", date="", date_gmt="").replace(
        "<pubDate>Mon, 04 Mar 2019 15:00:00 +0000</pubDate>", "<pubDate></pubDate>"
    )
    path = write_wxr(tmp_path / "a.xml", wxr_item(1, "Good"), broken, no_date, wxr_item(4, "Also good"))
    output = import_wordpress(path)
    assert summary(output).startswith("Items: 2 created, 0 updated, 0 unchanged, 0 skipped, 2 failed.")
    assert "failed    #2 item two “Bad id”: broken item: wp:post_id is 'two', not a number" in output
    assert "failed    #3 post 3 “No date”: published, but the export gives no date" in output
    assert sorted(Release.objects.values_list("title", flat=True)) == ["Also good", "Good"]


def test_an_item_failing_halfway_leaves_nothing_of_itself(import_wordpress, tmp_path, monkeypatch):
    from releases.importers.wordpress.importer import WordPressImport

    original = WordPressImport.featured_image

    def fail_for_post_2(self, release, item, *args):
        if item.post_id == 2:
            raise RuntimeError("disk full")
        return original(self, release, item, *args)

    monkeypatch.setattr(WordPressImport, "featured_image", fail_for_post_2)
    terms = (("post_tag", "only-here", "Only here"),)
    path = write_wxr(tmp_path / "a.xml", wxr_item(1, "One"), wxr_item(2, "Two", terms=terms), wxr_item(3, "Three"))
    output = import_wordpress(path)
    assert "failed    #2 post 2 “Two”: RuntimeError: disk full" in output
    assert sorted(Release.objects.values_list("title", flat=True)) == ["One", "Three"]
    assert not Topic.objects.filter(name="Only here").exists()
    assert not Redirect.objects.filter(old_path="/?p=2").exists()
    assert Redirect.objects.filter(old_path="/?p=3").exists()


def test_malformed_xml_mid_file_imports_nothing(import_wordpress, tmp_path):
    bad = wxr_item(2, "Break").replace("</wp:post_name>", "</wp:post_nam>")
    path = write_wxr(tmp_path / "a.xml", wxr_item(1, "Before"), bad, wxr_item(3, "After"))
    with pytest.raises(CommandError, match=r"not well-formed XML.*line \d+.*Nothing was imported"):
        import_wordpress(path)
    assert not Release.objects.exists() and not Organization.objects.exists() and not Redirect.objects.exists()


def test_a_hostile_file_imports_nothing(import_wordpress, tmp_path):
    path = tmp_path / "xxe.xml"
    text = write_wxr(tmp_path / "plain.xml", wxr_item(1, "&xxe;")).read_text()
    path.write_text(text.replace("?>\n", '?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n', 1))
    with pytest.raises(CommandError, match="DOCTYPE"):
        import_wordpress(path)
    assert not Release.objects.exists()


def test_a_missing_file_is_a_clear_error(import_wordpress, tmp_path):
    with pytest.raises(CommandError, match="cannot open the file: No such file or directory. Nothing was imported"):
        import_wordpress(tmp_path / "nowhere.xml")


# --- what the archive shows after an import ------------------------------------------------


def test_search_and_vocabulary_follow_the_import(import_wordpress, client):
    import_wordpress(ATMOSPHERE)
    response = client.get("/search/", {"q": "rebates"})
    assert b"WOOD STOVE EXCHANGE" in response.content
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM releases_searchterm WHERE word = 'squamish'")
        assert cursor.fetchone()[0] == 1


def test_cached_home_page_does_not_hide_a_new_question_mark_p_address(import_wordpress, client, settings):
    settings.PAGE_CACHE = True
    assert client.get("/?p=1").status_code == 200
    assert client.get("/?p=1")["X-Cache"] == "hit"
    import_wordpress(WXR_11)
    response = client.get("/?p=1")
    assert (response.status_code, response["Location"]) == (301, "/releases/hello-world/")
    assert client.get("/?p=1&utm_source=feed")["Location"] == "/releases/hello-world/"
    assert client.get("/?p=2").status_code == 200  # a page, not imported: the home page as before


# --- images from --uploads -------------------------------------------------------------------


def picture(path, size=(320, 200), color="teal"):
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path


def post_with_images():
    attachment = wxr_item(
        20,
        "Rally photo",
        post_type="attachment",
        status="inherit",
        meta=(("_wp_attached_file", "2019/03/rally.jpg"), ("_wp_attachment_image_alt", "Marchers at the rally")),
        extra="<wp:attachment_url>https://news.example.org/wp-content/uploads/2019/03/rally.jpg</wp:attachment_url>",
    )
    uploads = "https://news.example.org/wp-content/uploads/2019/03"
    content = (
        f'<p>Chart: <img src="{uploads}/chart-1024x512.png" alt="Cases by year"></p>\n'
        f'<p><img src="{uploads}/missing.png" alt="Lost"></p>\n'
        '<p><img src="https://cdn.elsewhere.org/pic.jpg" alt="Elsewhere"></p>\n'
        f'<p><img src="{uploads}/../../../../etc/passwd" alt="Climbing out"></p>\n'
        "<p>The end.</p>"
    )
    post = wxr_item(21, "With pictures", content=content, meta=(("_thumbnail_id", "20"),))
    return attachment, post


def test_featured_and_inline_images_come_from_uploads(import_wordpress, tmp_path, client, settings):
    uploads = tmp_path / "uploads"
    picture(uploads / "2019/03/rally.jpg")
    picture(uploads / "2019/03/chart.png")  # only the original: the resized copy falls back to it
    path = write_wxr(tmp_path / "a.xml", *post_with_images())
    output = import_wordpress(path, "--uploads", str(uploads))
    assert "image left out (not in --uploads): 2019/03/missing.png" in output
    assert "image left out (not one of the site's uploads): https://cdn.elsewhere.org/pic.jpg" in output
    # An address that climbs out of the uploads folder is not one of its files.
    assert (
        "image left out (not one of the site's uploads): https://news.example.org/wp-content/uploads/2019/03/../"
        in output
    )
    release = release_of(21)
    assert release.featured_image.name.startswith("releases/")
    assert release.featured_image_alt == "Marchers at the rally"
    assert (settings.MEDIA_ROOT / release.featured_image.name).is_file()
    assert "![Cases by year](/media/wordpress/news.example.org/2019/03/chart.png)" in release.body
    assert (settings.MEDIA_ROOT / "wordpress/news.example.org/2019/03/chart.png").is_file()
    page = client.get(release.get_absolute_url()).content.decode()
    assert '<img src="/media/wordpress/news.example.org/2019/03/chart.png" alt="Cases by year">' in page
    assert "missing.png" not in page and "elsewhere" not in page and "passwd" not in page
    files = sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file())
    rerun = import_wordpress(path, "--uploads", str(uploads))
    assert summary(rerun).startswith("Items: 0 created, 0 updated, 1 unchanged")
    assert sorted(p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()) == files


def test_images_without_uploads_are_reported(import_wordpress, tmp_path):
    output = import_wordpress(write_wxr(tmp_path / "a.xml", *post_with_images()))
    assert "featured image left out (no --uploads given): 2019/03/rally.jpg" in output
    assert "image left out (no --uploads given): 2019/03/chart-1024x512.png" in output
    assert not release_of(21).featured_image
    assert "![" not in release_of(21).body


def test_a_file_that_is_not_an_image_is_left_out(import_wordpress, tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2019/03").mkdir(parents=True)
    (uploads / "2019/03/chart.png").write_text("<script>not a picture</script>")
    (uploads / "2019/03/rally.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    output = import_wordpress(write_wxr(tmp_path / "a.xml", *post_with_images()), "--uploads", str(uploads))
    assert "image left out (This file is not an image we can read." in output
    assert "featured image left out (This file is not an image we can read." in output
    assert not release_of(21).featured_image


def test_parch_featured_image_from_its_uploads_folder(import_wordpress, tmp_path):
    uploads = tmp_path / "wp-content" / "uploads"
    picture(uploads / "2026/08/file_00000000878881f683f23cb8dce8452c.png")
    output = import_wordpress(PARCH, "--uploads", str(uploads), "--category", "blog")
    assert summary(output).startswith("Items: 2 created,")
    english = release_of(518)
    assert english.featured_image and english.featured_image_alt == "file_00000000878881f683f23cb8dce8452c"


def test_a_scheduled_post_is_scheduled(import_wordpress, tmp_path, client):
    path = write_wxr(
        tmp_path / "a.xml",
        wxr_item(7, "Coming soon", status="future", date="2099-05-01 09:00:00", date_gmt="2099-05-01 13:00:00"),
    )
    import_wordpress(path)
    release = release_of(7)
    assert release.state == Release.State.SCHEDULED
    assert release.publish_at == release.first_published_at == datetime(2099, 5, 1, 13, 0, tzinfo=timezone.utc)
    assert client.get(release.get_absolute_url()).status_code == 404
    assert not Release.objects.public().exists()


def test_a_post_without_gmt_date_is_read_in_the_time_zone_given(import_wordpress, tmp_path):
    item = wxr_item(8, "Local time only", date="2019-03-04 10:00:00", date_gmt="0000-00-00 00:00:00")
    path = write_wxr(tmp_path / "a.xml", item.replace("Mon, 04 Mar 2019 15:00:00 +0000", ""))
    import_wordpress(path, "--time-zone", "America/New_York")
    assert release_of(8).first_published_at == datetime(2019, 3, 4, 15, 0, tzinfo=timezone.utc)
    with pytest.raises(CommandError, match="--time-zone"):
        import_wordpress(path, "--time-zone", "Mars/Olympus_Mons")


def test_private_trashed_and_protected_posts_are_reported(import_wordpress, tmp_path):
    path = write_wxr(
        tmp_path / "a.xml",
        wxr_item(1, "Private", status="private"),
        wxr_item(2, "Binned", status="trash"),
        wxr_item(3, "Locked").replace("<wp:post_password><![CDATA[]]>", "<wp:post_password><![CDATA[s3cret]]>"),
        wxr_item(4, "Pending review", status="pending"),
    )
    output = import_wordpress(path)
    assert "skipped   #1 post 1 “Private”: private post" in output
    assert "skipped   #2 post 2 “Binned”: in the trash" in output
    assert "skipped   #3 post 3 “Locked”: password-protected post" in output
    assert list(Release.objects.values_list("title", "status")) == [("Pending review", "draft")]


PRESS_RELEASE = "\n\n".join(
    [
        "WASHINGTON, DC – The Border Rights Coalition today sued the agency over the conditions in which "
        "families are held.",
        '"Families deserve to be heard by a judge, not held in a warehouse for months," said Ana Pérez, '
        "director of the Border Rights Coalition.",
        "The lawsuit was filed in federal court on Monday and asks for an immediate inspection.",
        "About the Border Rights Coalition\nThe Border Rights Coalition defends the rights of families at the border.",
        "Press contact: Sam Lee, sam@example.org, 202-555-0100",
    ]
)


def test_the_structure_parser_reads_each_post(import_wordpress, tmp_path, client):
    path = write_wxr(tmp_path / "a.xml", wxr_item(30, "Coalition sues over family detention", content=PRESS_RELEASE))
    output = import_wordpress(path, "--issuer", "Border Rights Coalition")
    assert "structure found: 1 quotes, About, press contact" in output
    release = release_of(30)
    assert release.dateline == "WASHINGTON, DC"  # as printed
    quote = release.quotes.get()
    assert quote.speaker.name == "Ana Pérez" and quote.speaker_title == "director"
    assert quote.text.startswith("Families deserve to be heard by a judge")
    assert "[[quote 1]]" in release.body and "Families deserve" not in release.body
    assert "About the Border Rights Coalition" not in release.body
    (contact,) = release.contacts.all()
    assert contact.email == "sam@example.org" and contact.name.startswith("Sam Lee")
    assert release.issuer.about == "The Border Rights Coalition defends the rights of families at the border."
    page = client.get(release.get_absolute_url()).content.decode()
    assert "Families deserve to be heard by a judge" in page and "Ana Pérez" in page
    # A rerun changes nothing: no second quote, no second person.
    rerun = import_wordpress(path, "--issuer", "Border Rights Coalition")
    assert summary(rerun).startswith("Items: 0 created, 0 updated, 1 unchanged")
    assert release.quotes.count() == 1


def test_a_post_with_images_keeps_its_text_as_converted(import_wordpress, tmp_path):
    content = PRESS_RELEASE + '\n\n<img src="https://news.example.org/wp-content/uploads/2019/03/a.jpg" alt="x">'
    uploads = tmp_path / "uploads"
    picture(uploads / "2019/03/a.jpg")
    path = write_wxr(tmp_path / "a.xml", wxr_item(31, "With a photo", content=content))
    import_wordpress(path, "--uploads", str(uploads))
    release = release_of(31)
    assert not release.quotes.exists()
    assert "Families deserve to be heard" in release.body and "![x](/media/" in release.body
