"""Staff accounts: a Writer or an Editor added on one screen, and the admin carrying the site's name."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from releases.models import Contact
from tests import factories
from tests.admin_helpers import login

pytestmark = pytest.mark.django_db


def test_adding_an_editor_takes_one_screen(admin_client):
    page = admin_client.get(reverse("admin:auth_user_add"))
    html = page.content.decode()
    assert 'name="role"' in html and 'name="email"' in html
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "ana",
            "first_name": "Ana",
            "last_name": "Reyes",
            "email": "ana@pressroom.test",
            "role": "Editor",
            "usable_password": "true",
            "password1": "a long and unusual pass phrase",
            "password2": "a long and unusual pass phrase",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:auth_user_changelist")  # no second page
    ana = User.objects.get(username="ana")
    assert ana.is_staff and ana.email == "ana@pressroom.test"
    assert list(ana.groups.values_list("name", flat=True)) == ["Editor"]
    assert ana.has_perm("releases.publish_release")


def test_the_admin_carries_the_site_name(admin_client, settings):
    settings.SITE_NAME = "Harbor City Press Office"
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Harbor City Press Office" in html
    assert "Django administration" not in html


def test_writers_and_editors_name_press_contacts_and_editors_keep_them(client):
    """The press-contacts part of the release form is there for both roles (it was missing: the
    groups had no contact permissions); only Editors change the shared contacts themselves."""
    release = factories.release("Contacts on the form", state="draft")
    contact = Contact.objects.create(name="Press desk", email="desk@example.org", organization=release.issuer)
    for role, may_edit_contacts in (("Writer", False), ("Editor", True)):
        login(client, role)
        form = client.get(reverse("admin:releases_release_change", args=[release.pk]))
        assert form.status_code == 200
        assert "release_contacts-TOTAL_FORMS" in form.content.decode(), role
        page = client.get(reverse("admin:releases_contact_change", args=[contact.pk]))
        assert page.status_code == 200
        assert ('name="_save"' in page.content.decode()) is may_edit_contacts, role
        client.logout()
