"""The real WordPress exports copied from shared/samples/wordpress (see tests/fixtures/wordpress/SOURCE.md),
and small exports written by tests."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "wordpress"
ATMOSPHERE = FIXTURES / "atmospheresolutions-org.wordpress.xml"
CC_LABS = FIXTURES / "cc-labs.wordpress.xml"
PARCH = FIXTURES / "parchlinux-blog.wordpress.xml"
WXR_11 = FIXTURES / "wordpress-importer-valid-wxr-1.1.xml"
ALL_EXPORTS = [ATMOSPHERE, CC_LABS, PARCH, WXR_11]

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
    xmlns:excerpt="http://wordpress.org/export/{v}/excerpt/"
    xmlns:content="http://purl.org/rss/1.0/modules/content/"
    xmlns:wfw="http://wellformedweb.org/CommentAPI/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:wp="http://wordpress.org/export/{v}/">
<channel>
    <title>Test newsroom</title>
    <link>https://news.example.org</link>
    <wp:wxr_version>{v}</wp:wxr_version>
    <wp:base_site_url>https://news.example.org</wp:base_site_url>
    <wp:base_blog_url>https://news.example.org</wp:base_blog_url>
    <wp:author><wp:author_login><![CDATA[ana]]></wp:author_login>
        <wp:author_display_name><![CDATA[Ana Pérez]]></wp:author_display_name></wp:author>
    <wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[statements]]></wp:category_nicename>
        <wp:cat_name><![CDATA[Statements]]></wp:cat_name></wp:category>
"""
TAIL = "</channel>\n</rss>\n"


def wxr_item(
    post_id,
    title="A statement",
    *,
    slug=None,
    status="publish",
    post_type="post",
    date="2019-03-04 10:00:00",
    date_gmt="2019-03-04 15:00:00",
    content="<p>Body text.</p>",
    terms=(("category", "statements", "Statements"),),
    meta=(),
    link=None,
    extra="",
):
    slug = f"statement-{post_id}" if slug is None else slug
    link = link or f"https://news.example.org/{date[:4]}/{date[5:7]}/{slug}/"
    categories = "".join(
        f'<category domain="{domain}" nicename="{nicename}"><![CDATA[{name}]]></category>'
        for domain, nicename, name in terms
    )
    metas = "".join(
        f"<wp:postmeta><wp:meta_key><![CDATA[{key}]]></wp:meta_key>"
        f"<wp:meta_value><![CDATA[{value}]]></wp:meta_value></wp:postmeta>"
        for key, value in meta
    )
    return f"""
    <item>
        <title><![CDATA[{title}]]></title>
        <link>{link}</link>
        <pubDate>Mon, 04 Mar 2019 15:00:00 +0000</pubDate>
        <dc:creator><![CDATA[ana]]></dc:creator>
        <guid isPermaLink="false">https://news.example.org/?p={post_id}</guid>
        <description></description>
        <content:encoded><![CDATA[{content}]]></content:encoded>
        <excerpt:encoded><![CDATA[]]></excerpt:encoded>
        <wp:post_id>{post_id}</wp:post_id>
        <wp:post_date><![CDATA[{date}]]></wp:post_date>
        <wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt>
        <wp:post_name><![CDATA[{slug}]]></wp:post_name>
        <wp:status><![CDATA[{status}]]></wp:status>
        <wp:post_parent>0</wp:post_parent>
        <wp:menu_order>0</wp:menu_order>
        <wp:post_type><![CDATA[{post_type}]]></wp:post_type>
        <wp:post_password><![CDATA[]]></wp:post_password>
        <wp:is_sticky>0</wp:is_sticky>
        {categories}{metas}{extra}
    </item>"""


def wxr(*items, version="1.2"):
    return HEAD.format(v=version) + "".join(items) + TAIL


def write_wxr(path, *items, version="1.2"):
    path.write_text(wxr(*items, version=version), encoding="utf-8")
    return path
