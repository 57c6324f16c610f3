"""The WXR reader on the real exports: what each item becomes, field by field."""

from collections import Counter
from datetime import datetime, timezone

import pytest

from releases.importers.wordpress import (
    BrokenItem,
    Item,
    Term,
    WxrReader,
    attachments_by_id,
    decode_slug,
    permalink_path,
)
from tests.releases.importers.wordpress_helpers import ATMOSPHERE, CC_LABS, PARCH, WXR_11, wxr, wxr_item

# Persian slugs as WordPress writes them (percent-encoded UTF-8, lowercase escapes) and as text.
PARCH_111_SLUG_RAW = (
    "%d8%b9%d8%b1%d8%b6%d9%87-%d8%a8%db%8c%d9%84%d8%af-%d8%ac%d8%af%db%8c%d8%af-"
    "%d9%be%d8%a7%d8%b1%da%86-%db%b1%db%b4%db%b0%db%b3-%db%b1%db%b1-%db%b0%db%b7"
)
PARCH_111_SLUG = "عرضه-بیلد-جدید-پارچ-۱۴۰۳-۱۱-۰۷"


def records(path):
    return list(WxrReader(path))


def by_id(path):
    return {record.post_id: record for record in records(path)}


def kinds(path):
    return Counter((r.post_type, r.status) for r in records(path))


def test_atmosphere_items_by_type_and_status():
    assert kinds(ATMOSPHERE) == {
        ("attachment", "inherit"): 11,
        ("page", "publish"): 6,
        ("page", "draft"): 1,
        ("feedback", "publish"): 5,
        ("nav_menu_item", "publish"): 4,
        ("wpcf7_contact_form", "publish"): 4,
        ("post", "publish"): 2,
    }


def test_cc_labs_items_authors_and_comments():
    reader = WxrReader(CC_LABS)
    items = list(reader)
    assert Counter((r.post_type, r.status) for r in items) == {("post", "publish"): 219, ("page", "publish"): 5}
    assert len(reader.site.authors) == 30
    assert sum(item.comment_count for item in items) == 181
    assert reader.site.wxr_version == "1.2"
    assert reader.site.base_blog_url == "http://labs.creativecommons.org"


def test_parch_items_languages_and_site():
    reader = WxrReader(PARCH)
    items = list(reader)
    posts = Counter(r.status for r in items if r.post_type == "post")
    assert posts == {"publish": 22, "draft": 4}
    assert sum(1 for r in items if r.post_type == "attachment") == 104
    assert reader.site.languages["fa"].rtl is True
    assert reader.site.languages["fa"].locale == "fa_IR"
    assert reader.site.languages["en"].rtl is False
    assert reader.site.authors["sohrab"].display_name == "Sohrab Behdani"


def test_wxr_1_1_namespace_plain_fields_and_custom_taxonomy():
    reader = WxrReader(WXR_11)
    post, page = list(reader)
    assert reader.site.wxr_version == "1.1"
    assert (post.post_id, post.post_type, post.status, post.post_name) == (1, "post", "publish", "hello-world")
    assert post.title == "Hello world!"
    assert post.link == "http://localhost/?p=1"
    assert post.date_gmt == datetime(2010, 10, 16, 20, 53, 18, tzinfo=timezone.utc)
    assert post.author == "john" and reader.site.authors["john"].display_name == "John Doe"
    assert post.categories == [Term("category", "alpha", "alpha")]
    assert post.tags == [Term("post_tag", "clippable", "Clippable")]
    assert post.terms_in("post_tax") == [Term("post_tax", "bieup", "bieup")]
    assert post.comment_count == 1
    assert post.content.startswith("Welcome to WordPress.")
    assert (page.post_type, page.meta_value("_wp_page_template")) == ("page", "default")
    assert reader.site.terms[("post_tax", "bieup")].name == "bieup"


def test_percent_encoded_utf8_slugs_are_decoded():
    item = by_id(PARCH)[111]
    assert item.post_name == PARCH_111_SLUG
    assert item.link == f"https://blog.parchlinux.com/fa/{PARCH_111_SLUG_RAW}/"
    assert permalink_path(item.link) == f"/fa/{PARCH_111_SLUG}/"
    # Categories and tags too.
    assert [t.slug for t in item.categories] == ["رلیز"]
    assert decode_slug(PARCH_111_SLUG_RAW.upper()) == PARCH_111_SLUG


def test_dates_gmt_when_present_local_always():
    items = by_id(PARCH)
    published = items[111]
    assert published.date_gmt == datetime(2025, 1, 25, 22, 7, 46, tzinfo=timezone.utc)
    assert published.date_local == datetime(2025, 1, 26, 1, 37, 46)
    draft = items[23]
    # A draft's GMT date is WordPress's zero date and its pubDate is empty: no GMT date at all.
    assert draft.status == "draft" and draft.date_gmt is None
    assert draft.date_local == datetime(2024, 11, 1, 15, 1, 2)
    assert draft.post_name == ""


def test_polylang_language_and_translation_group():
    items = by_id(PARCH)
    english, persian = items[518], items[514]
    assert (english.language, persian.language) == ("en", "fa")
    assert english.translation_group == persian.translation_group == "pll_6a7ac31a978ec"
    assert items[111].translation_group == ""


def test_featured_image_and_attachment_index():
    items = by_id(PARCH)
    assert items[518].thumbnail_id == 516
    assert items[99].thumbnail_id is None
    attachments = attachments_by_id(PARCH)
    assert len(attachments) == 104
    assert attachments[516].file == "2026/08/file_00000000878881f683f23cb8dce8452c.png"
    assert attachments[516].url.endswith("/wp-content/uploads/2026/08/file_00000000878881f683f23cb8dce8452c.png")
    assert attachments[516].parent == 514


def test_old_slugs_read_from_meta():
    items = by_id(CC_LABS)
    assert items[939].old_slugs == ["creative-commons-openoffice-plugin-version-0-7-0-released"]
    assert by_id(PARCH)[250].old_slugs == ["این-هفته-در-پارچ-۱۷-تیرماه-۱۴۰۴"]


def test_items_with_empty_titles_are_read():
    empty = [r for r in records(ATMOSPHERE) if isinstance(r, Item) and not r.title]
    assert empty, "the atmosphere export has items without titles"


def test_every_record_is_an_item_in_the_real_exports():
    for path in (ATMOSPHERE, CC_LABS, PARCH, WXR_11):
        assert not [r for r in records(path) if isinstance(r, BrokenItem)], path.name


def test_wxr_1_0_namespace_is_read(tmp_path):
    path = tmp_path / "old.xml"
    path.write_text(wxr(wxr_item(5, "Old"), version="1.0"), encoding="utf-8")
    (item,) = records(path)
    assert (item.post_id, item.title, item.status) == (5, "Old", "publish")


def test_positions_count_items_in_file_order(tmp_path):
    path = tmp_path / "three.xml"
    path.write_text(wxr(wxr_item(7), wxr_item(3), wxr_item(9)), encoding="utf-8")
    assert [(r.position, r.post_id) for r in records(path)] == [(1, 7), (2, 3), (3, 9)]


@pytest.mark.parametrize(
    "url, path",
    [
        ("https://x.org/2019/03/hello/", "/2019/03/hello/"),
        ("https://x.org/?p=12", "/?p=12"),
        ("https://x.org/fa/%D8%A2%D8%B1%DA%86/", "/fa/آرچ/"),
        ("https://x.org", "/"),
        ("", ""),
    ],
)
def test_permalink_path(url, path):
    assert permalink_path(url) == path
