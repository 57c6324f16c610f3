"""Security headers on every public response, HTTPS-only settings, and an admin that works under the CSP."""

import json
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import reverse

from releases.models import Organization, Person, Release, Topic
from releases.sample_data import demo
from tests.servers import MACHINE_PG, machine_postgres_available, run_python

# Every source a directive may name: our own origin, nothing, inline images, or a per-response nonce.
FIRST_PARTY = {"'self'", "'none'", "data:"}
UNSAFE = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", "*", "http:", "https:"}


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_strict_csp(header):
    csp = parse_csp(header)
    for name in ("default-src", "script-src", "style-src", "object-src", "base-uri", "form-action"):
        assert name in csp, f"{name} missing from CSP: {header}"
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    for name, sources in csp.items():
        for source in sources:
            assert source not in UNSAFE, f"{name} allows {source}"
            assert source in FIRST_PARTY or source.startswith("'nonce-"), f"{name} allows {source}"


def assert_hardened(response):
    assert_strict_csp(response["Content-Security-Policy"])
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.fixture
def demo_content(db):
    demo.load_all()


def public_paths():
    return [
        reverse("releases:home"),
        reverse("releases:release_archive"),
        reverse("releases:release_year", kwargs={"year": 2015}),
        reverse("releases:release_detail", kwargs={"slug": demo.SAMPLE_SLUG}),
        reverse("releases:organization_list"),
        Organization.objects.first().get_absolute_url(),
        Person.objects.first().get_absolute_url(),
        Topic.objects.first().get_absolute_url(),
        Release.objects.filter(status=Release.Status.WITHDRAWN).first().get_absolute_url(),
        reverse("releases:search") + "?q=deportation",
        "/sitemap.xml",
        "/robots.txt",
        reverse("releases:feed_rss"),
        reverse("releases:feed_atom"),
        reverse("healthz"),
        "/no-such-page/",
        "/releases/no-such-release/",
    ]


@pytest.mark.django_db
def test_every_public_response_carries_the_security_headers(client, demo_content):
    statuses = {}
    for path in public_paths():
        response = client.get(path)
        assert response.status_code < 500, path
        statuses[path] = response.status_code
        assert_hardened(response)
    # HEAD and a refused method get them too.
    assert_hardened(client.head(reverse("releases:home")))
    assert_hardened(client.post(reverse("healthz")))
    print("security headers checked on", json.dumps(statuses))


@pytest.mark.django_db
def test_public_pages_need_no_inline_code(client, demo_content):
    """What the CSP would block (inline scripts, handlers, style attributes) is absent from every HTML page."""
    html_pages = 0
    for path in public_paths():
        response = client.get(path)
        if not response["Content-Type"].startswith("text/html"):
            continue
        html_pages += 1
        found = inline_code(response)
        assert found.inline_scripts == [], path  # JSON-LD blocks are data, and allowed
        assert found.event_handlers == [], path
        assert found.style_attributes == [], path
        assert found.style_elements == 0, path
    assert html_pages >= 5


@override_settings(ROOT_URLCONF="tests.project.failing_urls", DEBUG=False)
def test_the_error_page_carries_the_security_headers(client):
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    assert_hardened(response)


def test_the_database_unavailable_page_carries_the_security_headers():
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/releases/x/'); print(r.status_code); print(r['Content-Security-Policy']); "
        "print(r['X-Frame-Options'], r['X-Content-Type-Options'])"
    )
    result = run_python(code, {"DATABASE_URL": "postgres://nobody@127.0.0.1:9/nowhere", "SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    status, csp, others = result.stdout.splitlines()[:3]
    assert status == "503"
    assert_strict_csp(csp)
    assert others == "DENY nosniff"


HTTPS_CHECK = """
import django, json
django.setup()
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.contrib.sessions.middleware import SessionMiddleware
from django.middleware.csrf import CsrfViewMiddleware, get_token

settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
health = Client().get("/healthz", secure=True)
plain = Client().get("/releases/")
proxied = Client().get("/healthz", headers={"X-Forwarded-Proto": "https"})

def touch_session_and_form(request):
    request.session["seen"] = True
    return HttpResponse(get_token(request))

response = SessionMiddleware(CsrfViewMiddleware(touch_session_and_form))(RequestFactory().get("/", secure=True))
session = response.cookies[settings.SESSION_COOKIE_NAME]
csrf = response.cookies[settings.CSRF_COOKIE_NAME]
print(json.dumps({
    "hsts": health.get("Strict-Transport-Security"),
    "health": health.status_code,
    "plain": [plain.status_code, plain.get("Location")],
    "proxied_hsts": proxied.get("Strict-Transport-Security"),
    "session": [bool(session["secure"]), bool(session["httponly"]), session["samesite"]],
    "csrf_secure": bool(csrf["secure"]),
}))
"""


@pytest.mark.skipif(not machine_postgres_available(), reason="no PostgreSQL at 127.0.0.1:5432")
def test_https_turns_on_hsts_redirects_and_secure_cookies():
    env = {
        "DATABASE_URL": MACHINE_PG,
        "SECRET_KEY": "k" * 50,
        "HTTPS": "true",
        "DEBUG": "false",
        "TRUSTED_PROXY_COUNT": "1",
        "SECURE_HSTS_PRELOAD": "true",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    }
    result = run_python(HTTPS_CHECK, env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["health"] == 200
    assert seen["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert seen["proxied_hsts"] == seen["hsts"]  # behind a trusted proxy, its X-Forwarded-Proto counts
    assert seen["plain"] == [301, "https://testserver/releases/"]
    assert seen["session"] == [True, True, "Lax"]
    assert seen["csrf_secure"] is True


@pytest.mark.skipif(not machine_postgres_available(), reason="no PostgreSQL at 127.0.0.1:5432")
def test_x_forwarded_proto_counts_only_behind_a_trusted_proxy_and_preload_only_when_asked():
    """Defect 13 of issue 12: any client could claim https with X-Forwarded-Proto, and HSTS
    preload and includeSubDomains (hard to undo) came with HTTPS=true."""
    env = {"DATABASE_URL": MACHINE_PG, "SECRET_KEY": "k" * 50, "HTTPS": "true", "DEBUG": "false"}
    result = run_python(HTTPS_CHECK, env)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["hsts"] == "max-age=31536000"
    assert seen["proxied_hsts"] is None  # no trusted proxy: the header is the client's word only


def test_every_response_carries_a_permissions_policy(client, db):
    """Defect 13 of issue 12: no Permissions-Policy header."""
    policy = client.get("/healthz")["Permissions-Policy"]
    assert "camera=()" in policy and "geolocation=()" in policy and "microphone=()" in policy


def test_without_https_there_is_no_hsts_and_no_redirect():
    # A laptop on plain http must not be told to insist on TLS.
    result = run_python(
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz', secure=True); print(r.status_code, r.get('Strict-Transport-Security'))",
        {"DATABASE_URL": MACHINE_PG, "SECRET_KEY": "k" * 50},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "None"]


class InlineCode(HTMLParser):
    """Collects inline scripts (other than JSON data blocks) and style attributes."""

    DATA_TYPES = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__()
        self.inline_scripts = []
        self.style_attributes = []
        self.event_handlers = []
        self.style_elements = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and not attrs.get("src") and attrs.get("type") not in self.DATA_TYPES:
            self.inline_scripts.append(self.getpos())
        if tag == "style" and "nonce" not in attrs:
            self.style_elements += 1
        if "style" in attrs:
            self.style_attributes.append((tag, attrs["style"]))
        self.event_handlers += [(tag, name) for name in attrs if name.startswith("on")]


def inline_code(response):
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser


@pytest.mark.django_db
def test_admin_login_and_lockout_pages_need_no_inline_code(client, settings):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert_hardened(response)
    found = inline_code(response)
    assert found.inline_scripts == []
    assert found.event_handlers == []
    assert found.style_attributes == []
    assert found.style_elements == 0

    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    assert locked.status_code == 429
    assert_hardened(locked)
    found = inline_code(locked)
    assert (found.inline_scripts, found.event_handlers, found.style_attributes) == ([], [], [])


@pytest.mark.django_db
def test_admin_pages_need_no_inline_code(client, demo_content):
    """Every admin changelist and add page, and a release's change page, render with nothing the CSP blocks."""
    from django.contrib import admin

    paths = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        paths += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
    release = Release.objects.get(slug=demo.SAMPLE_SLUG)
    paths.append(reverse("admin:releases_release_change", args=[release.pk]))
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    checked = []
    for path in paths:
        response = client.get(path, follow=True)  # the site settings' list leads to its one row
        assert response.status_code in {200, 403}, path  # 403: an add page the model refuses (axes' logs)
        if response.status_code != 200:
            continue
        assert_hardened(response)
        found = inline_code(response)
        assert found.inline_scripts == [], path
        assert found.event_handlers == [], path
        # Style attributes would be blocked by style-src too: the page would render unstyled.
        assert found.style_attributes == [], path
        assert found.style_elements == 0, path
        checked.append(path)
    assert reverse("admin:releases_release_add") in checked
    print(f"admin pages checked under the CSP: {len(checked)}")
