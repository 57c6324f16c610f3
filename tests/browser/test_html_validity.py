"""Every public page type is valid HTML according to the Nu HTML Checker (vnu)."""

import pytest

from tests.browser.helpers import public_page_urls, require, vnu_errors


@pytest.mark.browser
def test_every_public_page_type_is_valid_html(client, demo):
    require("java", "vnu")
    documents = {}
    for name, url in public_page_urls(demo).items():
        response = client.get(url)
        assert response.status_code in (200, 404, 410), (name, url, response.status_code)
        documents[name] = response.content
    # A control in the same run: the checker must see the stray end tag, or a pass means nothing.
    documents["control"] = b"<!doctype html><html lang=en><title>control</title><p>open</span>"
    errors = vnu_errors(documents)
    assert errors.pop("control"), "vnu reported nothing on a broken control page"
    for name, messages in errors.items():
        print(f"vnu: {name}: {len(messages)} errors")
    assert {name: messages for name, messages in errors.items() if messages} == {}
