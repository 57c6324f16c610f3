"""Hostile and damaged exports: refused or reported, never expanded, read or crashed on."""

import pytest

from releases.importers.wordpress import BrokenItem, Item, WxrError, WxrReader
from tests.releases.importers.wordpress_helpers import wxr, wxr_item

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def read(path):
    return list(WxrReader(path))


def with_doctype(doctype, item_title):
    body = wxr(wxr_item(1, item_title))
    return body.replace('<?xml version="1.0" encoding="UTF-8" ?>\n', doctype)


def test_billion_laughs_is_refused_before_any_expansion(tmp_path):
    path = tmp_path / "laughs.xml"
    path.write_text(with_doctype(BILLION_LAUGHS, "&lol9;"), encoding="utf-8")
    with pytest.raises(WxrError, match="DOCTYPE"):
        read(path)


def test_external_entity_is_refused_and_never_read(tmp_path):
    path = tmp_path / "xxe.xml"
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    path.write_text(with_doctype(doctype, "&xxe;"), encoding="utf-8")
    with pytest.raises(WxrError, match="DOCTYPE") as refused:
        read(path)
    assert "root:" not in str(refused.value)


def test_external_dtd_is_refused(tmp_path):
    path = tmp_path / "dtd.xml"
    doctype = '<?xml version="1.0"?>\n<!DOCTYPE rss SYSTEM "http://127.0.0.1:9/evil.dtd">\n'
    path.write_text(with_doctype(doctype, "Hello"), encoding="utf-8")
    with pytest.raises(WxrError, match="DOCTYPE"):
        read(path)


def test_undeclared_entity_is_a_syntax_error_not_a_lookup(tmp_path):
    path = tmp_path / "entity.xml"
    path.write_text(wxr(wxr_item(1, "X")).replace("<title><![CDATA[X]]></title>", "<title>&nbsp;X</title>"))
    with pytest.raises(WxrError, match="not well-formed"):
        read(path)


def test_malformed_xml_mid_file_raises_where_it_breaks_after_earlier_items(tmp_path):
    path = tmp_path / "broken.xml"
    good = wxr_item(1, "Before the break")
    bad = wxr_item(2, "The break").replace("</wp:post_name>", "</wp:post_nam>")
    path.write_text(wxr(good, bad, wxr_item(3, "After")), encoding="utf-8")
    reader = WxrReader(path)
    seen = []
    with pytest.raises(WxrError, match="not well-formed") as error:
        for record in reader:
            seen.append(record.post_id)
    assert seen == [1]
    assert error.value.line and error.value.line > 20


def test_truncated_file_raises(tmp_path):
    path = tmp_path / "truncated.xml"
    text = wxr(wxr_item(1), wxr_item(2, content="<p>A long body</p>" * 50))
    path.write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    with pytest.raises(WxrError, match="not well-formed"):
        read(path)


def test_a_broken_item_is_reported_and_the_next_one_read(tmp_path):
    path = tmp_path / "items.xml"
    not_a_number = wxr_item(1, "Bad id").replace("<wp:post_id>1</wp:post_id>", "<wp:post_id>one</wp:post_id>")
    impossible_date = wxr_item(2, "Bad date", date="2019-02-31 10:00:00")
    path.write_text(wxr(not_a_number, impossible_date, wxr_item(3, "Fine")), encoding="utf-8")
    first, second, third = read(path)
    assert isinstance(first, BrokenItem) and first.title == "Bad id" and "not a number" in first.reason
    assert isinstance(second, BrokenItem) and second.post_id == "2" and "2019-02-31" in second.reason
    assert isinstance(third, Item) and third.title == "Fine"


def test_not_a_wordpress_export(tmp_path):
    html = tmp_path / "page.xml"
    html.write_text("<html><body>hello</body></html>")
    with pytest.raises(WxrError, match="root element is <html>"):
        read(html)
    plain_rss = tmp_path / "feed.xml"
    plain_rss.write_text("<rss><channel><title>x</title><item><title>y</title></item></channel></rss>")
    with pytest.raises(WxrError, match="wxr_version"):
        read(plain_rss)
    not_xml = tmp_path / "binary.xml"
    not_xml.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(WxrError):
        read(not_xml)
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(WxrError):
        read(empty)


def test_control_characters_from_word_processors_are_dropped_and_counted(tmp_path):
    path = tmp_path / "controls.xml"
    path.write_text(wxr(wxr_item(1, "Tab\tand vertical\x0btab", content="<p>Form\x0cfeed</p>")), encoding="utf-8")
    reader = WxrReader(path)
    (item,) = list(reader)
    assert item.title == "Tab\tand verticaltab"
    assert item.content == "<p>Formfeed</p>"
    assert reader.control_bytes_dropped == 2


def test_invalid_utf8_is_a_syntax_error(tmp_path):
    path = tmp_path / "latin1.xml"
    path.write_bytes(wxr(wxr_item(1, "Caf\u00e9")).encode("utf-8").replace("Café".encode(), b"Caf\xe9"))
    with pytest.raises(WxrError, match="not well-formed"):
        read(path)
