"""Staff accounts: a Writer or an Editor added on one screen, and the admin carrying the site's name."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

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
