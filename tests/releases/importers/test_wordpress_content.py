"""Post HTML to release Markdown: structure kept, anything unsafe gone, rendered by the real renderer."""

from releases import markdown
from releases.importers.wordpress import Item, WxrReader, html_to_markdown, wpautop
from tests.releases.importers.wordpress_helpers import CC_LABS, PARCH


def converted(html, **kwargs):
    return html_to_markdown(html, **kwargs).markdown


def rendered(html):
    return markdown.render(converted(html))


# --- wpautop --------------------------------------------------------------------------------


def test_wpautop_blank_lines_make_paragraphs_and_newlines_breaks():
    assert wpautop("One\ntwo\n\nThree") == "<p>One<br />\ntwo</p>\n<p>Three</p>\n"


def test_wpautop_leaves_blocks_and_pre_alone():
    html = wpautop("Intro\n<ul>\n<li>A</li>\n<li>B</li>\n</ul>\n<pre>x\n\ny</pre>\nEnd")
    assert "<p>Intro</p>" in html and "<p>End</p>" in html
    assert "<p><ul>" not in html and "<p><li>" not in html
    assert "<pre>x\n\ny</pre>" in html


def test_wpautop_puts_paragraphs_inside_block_quotes():
    html = wpautop("<blockquote>First\n\nSecond</blockquote>")
    assert html.startswith("<blockquote><p>First</p>") and "<p>Second</p></blockquote>" in html


# --- what is kept ---------------------------------------------------------------------------


def test_classic_content_gets_paragraphs():
    result = html_to_markdown("Welcome to the <em>newsroom</em>.\n\nSecond paragraph\nwith a break.")
    assert result.classic
    assert result.markdown == "Welcome to the *newsroom*.\n\nSecond paragraph\\\nwith a break."


def test_block_comments_are_dropped_and_block_markup_kept():
    html = (
        '<!-- wp:heading --><h2 class="wp-block-heading">Why</h2><!-- /wp:heading -->\n'
        "<!-- wp:paragraph --><p>Because.</p><!-- /wp:paragraph -->\n"
        "<!-- wp:paragraph --><p></p><!-- /wp:paragraph -->\n"
        "<!-- wp:more --><!--more--><!-- /wp:more -->"
    )
    result = html_to_markdown(html)
    assert not result.classic
    assert result.markdown == "## Why\n\nBecause."


def test_headings_lists_links_quotes_code_and_tables():
    html = rendered(
        "<h3>Demands</h3><ol><li>First <a href='https://example.org/a'>link</a></li><li>Second<ul><li>Inner</li>"
        "</ul></li></ol><blockquote><p>“We will not stop,” said Ana.</p></blockquote><pre><code>make run</code></pre>"
        "<table><tr><th>Year</th><th>Cases</th></tr><tr><td>2019</td><td>12</td></tr></table>"
    )
    assert "<h3>Demands</h3>" in html
    assert '<ol>\n<li>First <a href="https://example.org/a"' in html
    assert "<ul>\n<li>Inner</li>" in html
    assert "<blockquote>\n<p>“We will not stop,” said Ana.</p>\n</blockquote>" in html
    assert "<pre><code>make run\n</code></pre>" in html
    assert "<th>Year</th>" in html and "<td>12</td>" in html


def test_images_are_kept_and_listed():
    result = html_to_markdown('<p>Look: <img src="https://x.org/wp-content/uploads/2019/03/a.jpg" alt="A [b]"></p>')
    assert result.markdown == "Look: ![A \\[b\\]](https://x.org/wp-content/uploads/2019/03/a.jpg)"
    assert [(i.src, i.alt) for i in result.images] == [("https://x.org/wp-content/uploads/2019/03/a.jpg", "A [b]")]


def test_image_addresses_go_through_the_callback():
    html = '<p><img src="https://old.org/a.jpg" alt="kept"><img src="https://old.org/b.jpg" alt="gone"></p>'
    result = html_to_markdown(html, image_url=lambda src: "/media/a.jpg" if src.endswith("a.jpg") else None)
    assert result.markdown == "![kept](/media/a.jpg)"
    assert len(result.images) == 2


def test_caption_shortcode_becomes_image_and_caption():
    html = (
        '[caption id="attachment_6" align="alignright" width="300"]<a href="https://x.org/big.jpg">'
        '<img src="https://x.org/small.jpg" alt="Rally" /></a> The rally, 2010[/caption]'
    )
    assert converted(html) == "[![Rally](https://x.org/small.jpg)](https://x.org/big.jpg)\n\n*The rally, 2010*"


def test_lone_url_and_embed_become_links():
    assert converted("Watch:\n\nhttps://www.youtube.com/watch?v=a_b\n\nThanks") == (
        "Watch:\n\n<https://www.youtube.com/watch?v=a_b>\n\nThanks"
    )
    block_embed = (
        '<!-- wp:embed --><figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://youtu.be/x_y\n</div></figure><!-- /wp:embed -->"
    )
    assert converted(block_embed) == "<https://youtu.be/x_y>"


def test_text_that_looks_like_markdown_stays_text():
    html = rendered("1. Not a list\n\n# Not a heading\n\n*stars* and _underscores_ and [brackets]")
    assert "<ol>" not in html and "<h" not in html and "<em>" not in html
    assert "1. Not a list" in html and "# Not a heading" in html and "*stars* and _underscores_" in html


def test_right_to_left_text_is_kept_as_written():
    text = "یکی از مشکلاتی که بعد از انتقال مخازن رخ داد"
    assert converted(f"<!-- wp:paragraph --><p>{text}</p><!-- /wp:paragraph -->") == text


# --- what is removed ------------------------------------------------------------------------


def test_scripts_styles_frames_and_forms_go_with_their_content():
    html = converted(
        "<p>Before</p><script>alert('x')</script><style>p{color:red}</style>"
        '<iframe src="https://evil.example/"><p>fallback</p></iframe>'
        '<form action="/x"><input name="q"><button>Send</button></form><p>After</p>'
    )
    assert html == "Before\n\nAfter"


def test_unsafe_links_and_images_lose_their_address_not_their_text():
    html = converted(
        '<p><a href="javascript:alert(1)">Click</a> <a href="data:text/html,x">here</a> '
        '<img src="data:image/png;base64,AAAA" alt="pixel"> <a href="http://ok.org/" onclick="x()">ok</a></p>'
    )
    assert "javascript" not in html and "data:" not in html and "onclick" not in html
    assert html == "Click here pixel [ok](http://ok.org/)"


def test_link_addresses_with_spaces_and_brackets_stay_one_link():
    assert rendered('<p><a href="https://x.org/a b(c).pdf">report</a></p>') == (
        '<p><a href="https://x.org/a%20b%28c%29.pdf" rel="noopener nofollow">report</a></p>\n'
    )


def test_every_post_of_the_real_exports_converts_and_renders():
    for path in (CC_LABS, PARCH):
        for item in WxrReader(path):
            if isinstance(item, Item) and item.post_type == "post":
                result = html_to_markdown(item.content)
                html = markdown.render(result.markdown)
                assert "<!-- wp:" not in result.markdown and "<script" not in html, item.post_id
                if item.content.strip():
                    assert result.markdown or item.post_id in (23, 97, 439), item.post_id


def test_classic_post_from_cc_labs():
    item = next(r for r in WxrReader(CC_LABS) if r.title == "More Summer of Code projects")
    html = markdown.render(html_to_markdown(item.content).markdown)
    assert html.startswith('<p>Nathan <a href="http://techblog.creativecommons.org/2007/04/12/summer-of-code')
    assert "<li>A CC licensing module for Gallery2.</li>" in html
    assert html.count("<p>") == 4
