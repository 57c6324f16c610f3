"""What the browser checks share: the tools they need (Chromium, axe-core, the Nu HTML
Checker, Java), staff accounts signed in through the real login form, and one URL
for every public page type. Fixtures are in conftest.py."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = BASE_DIR / "test-artifacts"
HOW = "run scripts/install_browser_deps.sh (Debian's chromium and Java, then npm ci)"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "correct horse battery staple"


def require(*tools):
    """Skip (or, in CI, fail) unless every named tool is present."""
    present = {
        "chromium": CHROMIUM.exists(),
        "axe": AXE.exists(),
        "vnu": VNU.exists(),
        "java": shutil.which("java") is not None,
    }
    missing = [tool for tool in tools if not present[tool]]
    if missing:
        message = f"browser check needs {', '.join(missing)}: {HOW}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def make_staff(group, username=None):
    """A staff account in the Writer or Editor group (migration 0002), with PASSWORD."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username or group.lower(), password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def log_in(page, base_url, username):
    """Sign in through the admin's own login form, as a person would."""
    from django.urls import reverse

    page.goto(base_url + reverse("admin:login"))
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base_url + reverse("admin:index"))


def axe_violations(page):
    """axe-core's WCAG 2.1 A/AA violations on the page, one line each.

    The site's CSP forbids inline scripts, so axe is evaluated through the
    DevTools protocol rather than added as a <script> tag.
    """
    require("axe")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def vnu_errors(documents):
    """{name: error lines} from the Nu HTML Checker, for {name: html bytes}, in one Java run."""
    require("java", "vnu")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(tmp) / f"{index:02d}.html"
            path.write_bytes(html)
            files[path.name] = name
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(Path(tmp).iterdir())],
            capture_output=True,
            text=True,
            timeout=180,
        )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = {name: [] for name in documents}
    for message in messages:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")  # file:/tmp/…/03.html
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def spanish_page_urls(demo):
    """One URL for every public page type in the Spanish interface (/es/…), from the demo archive:
    the release pages are Spanish releases (the sample's translation, a draft translation through
    a preview link); the rest are the same pages as public_page_urls under the /es/ prefix (but
    for the API's pages, which are in English only)."""
    from django.urls import reverse
    from django.utils import translation

    from releases import translations
    from releases.models import PreviewLink, Release
    from releases.sample_data.demo import SAMPLE_SLUG

    with translation.override("es"):
        urls = public_page_urls(demo)
    spanish = Release.objects.get(translation_of=demo[SAMPLE_SLUG], language="es")
    draft = next(r for r in demo.values() if r.state == "draft")
    draft_translation = translations.create_translation(draft, "es")
    # English releases (they answer in English, at their own addresses), and the API's guide and the
    # open-data page (in English only). The Spanish release's changes and version pages stand in.
    for name in (
        "release with an image",
        "withdrawn release",
        "embargo through a preview link",
        "withdrawn release changes",
        "api guide",
        "open data",
    ):
        urls.pop(name)
    urls["release"] = spanish.get_absolute_url()
    with translation.override("es"):
        urls["release changes"] = reverse("releases:release_changes", kwargs={"slug": spanish.slug})
        urls["release version"] = reverse("releases:release_version", kwargs={"slug": spanish.slug, "number": 1})
    urls["draft through a preview link"] = PreviewLink.objects.create(
        release=draft_translation, label="browser checks"
    ).get_absolute_url()
    urls["search"] = urls["search"].replace("deportation", "deportaciones")
    return urls


def public_page_urls(demo):
    """One URL for every public page type, from the demo archive (in the interface language active)."""
    from django.urls import reverse
    from django.utils import timezone

    from releases.models import PreviewLink
    from releases.sample_data.demo import SAMPLE_SLUG

    sample = demo[SAMPLE_SLUG]
    illustrated = next(r for r in demo.values() if r.featured_image)
    withdrawn = next(r for r in demo.values() if r.state == "withdrawn")
    draft = next(r for r in demo.values() if r.state == "draft")
    scheduled = next(r for r in demo.values() if r.state == "scheduled")
    draft_link = PreviewLink.objects.create(release=draft, label="browser checks")
    embargo_link = PreviewLink.objects.create(release=scheduled, label="browser checks")
    revoked_link = PreviewLink.objects.create(release=draft, label="revoked", revoked_at=timezone.now())
    corrected = next(r for r in demo.values() if r.change_notes.exists())
    speaker = sample.quotes.exclude(speaker=None).first().speaker
    topic = sample.topics.order_by("name").first()
    return {
        "home": reverse("releases:home"),
        "archive": reverse("releases:release_archive"),
        "archive filtered": reverse("releases:release_archive") + f"?topic={topic.slug}",
        "year archive": reverse("releases:release_year", kwargs={"year": 2015}),
        "month archive": reverse("releases:release_month", kwargs={"year": 2015, "month": 7}),
        "release": sample.get_absolute_url(),
        "release with an image": illustrated.get_absolute_url(),
        "withdrawn release": withdrawn.get_absolute_url(),
        "release changes": reverse("releases:release_changes", kwargs={"slug": corrected.slug}),
        "release version": reverse("releases:release_version", kwargs={"slug": corrected.slug, "number": 1}),
        "withdrawn release changes": reverse("releases:release_changes", kwargs={"slug": withdrawn.slug}),
        "organizations": reverse("releases:organization_list"),
        "api guide": reverse("api_guide"),
        "open data": reverse("open_data"),
        "organization": sample.issuer.get_absolute_url(),
        "person": speaker.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "topics": reverse("releases:topic_list"),
        "people": reverse("releases:person_list"),
        "search": reverse("releases:search") + "?q=deportation",
        "search with a facet": reverse("releases:search") + f"?q=deportation&topic={topic.slug}",
        "search, no results": reverse("releases:search") + "?q=zzzzqqqq",
        "draft through a preview link": draft_link.get_absolute_url(),
        "embargo through a preview link": embargo_link.get_absolute_url(),
        "revoked preview link": revoked_link.get_absolute_url(),
        "not found": reverse("releases:home") + "releases/no-such-release/",
    }
