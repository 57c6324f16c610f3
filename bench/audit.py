"""`make audit`: Lighthouse scores for home, archive, a release, search and a release with a
featured image (the demo has one), served as in production.

Prepares the database the site would use (DATABASE_URL, or the embedded
PostgreSQL when it is unset): migrations, static files, and the demo content
when the archive is empty. Then starts gunicorn with pressroom/gunicorn_conf.py
on a free loopback port and runs Lighthouse 12 (node_modules, see package.json)
in Debian's Chromium against each page, one after the other. Prints the four
category scores per page and says which fall short of the targets: 100 for
accessibility, best practices and SEO, at least 95 for performance. The JSON
reports go to test-artifacts/lighthouse/ (not committed).

Environment: CHROME_PATH (default /usr/bin/chromium), AUDIT_PRESET ("mobile",
Lighthouse's default with simulated slow 4G and a 4x slower CPU, or "desktop"),
DATABASE_URL and SECRET_KEY as for the site.
"""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from cluster.gunicorn import Gunicorn, free_port  # noqa: E402 -- the one gunicorn runner, shared with the tests

PY = sys.executable
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
REPORTS = BASE_DIR / "test-artifacts" / "lighthouse"
PRESET = os.environ.get("AUDIT_PRESET", "mobile")
# Performance moves with whatever else the machine runs; Lighthouse's advice is the median of several runs.
RUNS = max(1, int(os.environ.get("AUDIT_RUNS", "3")))
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
CATEGORIES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
# Audits a page fails on purpose. The score is printed as measured, marked †, with the reason.
BY_DESIGN = {
    ("search", "is-crawlable"): "search results carry noindex on purpose: an endless space of "
    "query pages that would compete with the releases themselves (templates/releases/search.html)",
}


def log(message):
    print(message, flush=True)


def site_env(port):
    env = dict(os.environ)
    if env.get("DATABASE_URL") and not env.get("SECRET_KEY"):
        env["SECRET_KEY"] = secrets.token_urlsafe(50)  # for this run only; nothing signed outlives it
    env.update(
        DEBUG="false",
        PORT=str(port),
        HOST="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",  # canonical links point at the server being audited
        ALLOWED_HOSTS="127.0.0.1,localhost",
        WEB_CONCURRENCY=env.get("WEB_CONCURRENCY", "2"),
    )
    return env


def manage(env, *args):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=BASE_DIR, env=env, check=True, text=True, capture_output=True
    ).stdout


def prepare(env):
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    code = (
        "from django.core.management import call_command; from releases.models import Release; "
        "Release.objects.exists() or call_command('load_demo', verbosity=0); "
        "import json; from django.urls import reverse; from releases.sample_data.demo import SAMPLE_SLUG; "
        "sample = Release.objects.public().filter(slug=SAMPLE_SLUG).first() or Release.objects.public().first(); "
        "pictured = Release.objects.public().exclude(featured_image='').first(); "
        "pages = {'home': reverse('releases:home'), 'archive': reverse('releases:release_archive'), "
        "'release': sample.get_absolute_url(), 'search': reverse('releases:search') + '?q=deportation'}; "
        "pictured and pages.update(image=pictured.get_absolute_url()); "
        "print(json.dumps(pages))"
    )
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


class LighthouseFailed(Exception):
    pass


def lighthouse(url, name, run):
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name}-{run}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if PRESET == "desktop":
        command.append("--preset=desktop")
    for attempt in (1, 2):  # Chromium now and then fails to start on a busy machine: one retry
        done = subprocess.run(
            command, env=dict(os.environ, CHROME_PATH=CHROME), timeout=300, capture_output=True, text=True
        )
        if done.returncode == 0:
            break
        log(f"  {name}: Lighthouse failed (attempt {attempt}): {done.stderr.strip()[-500:]}")
    else:
        raise LighthouseFailed(name)
    data = json.loads(report.read_text())
    scores = {key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES}
    failing, by_design = {}, {}
    for key, score in scores.items():
        if score >= CATEGORIES[key]:
            continue
        for ref in data["categories"][key]["auditRefs"]:
            audit = data["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                reason = BY_DESIGN.get((name, ref["id"]))
                if reason:
                    by_design.setdefault(key, []).append(f"{audit['title']}: {reason}")
                else:
                    failing.setdefault(key, []).append(audit["title"])
    return scores, failing, by_design, data["audits"]


def main():
    missing = [str(path) for path in (LIGHTHOUSE, Path(CHROME)) if not path.exists()]
    if missing:
        log(f"make audit needs {', '.join(missing)}: run scripts/install_browser_deps.sh")
        return 2
    port = free_port()
    env = site_env(port)
    log("Preparing the database (migrations, static files, demo content if the archive is empty)…")
    pages = prepare(env)
    results = {}
    with Gunicorn(env, port=port) as server:
        log(
            f"gunicorn at {server.base}; Lighthouse {PRESET} preset, {RUNS} run(s) a page, one at a time "
            "(about 15 s each); each page's median run by performance is kept"
        )
        for stale in REPORTS.glob("*.json"):
            stale.unlink()
        for name, path in pages.items():
            runs = []
            for run in range(1, RUNS + 1):
                try:
                    runs.append(lighthouse(server.base + path, name, run))
                except LighthouseFailed:
                    log(f"Lighthouse could not audit {name} ({server.base + path}); see the messages above.")
                    return 1
                log(f"  {name} #{run}: " + ", ".join(f"{k} {v}" for k, v in runs[-1][0].items()))
            results[name] = sorted(runs, key=lambda result: result[0]["performance"])[len(runs) // 2]

    log("")
    log(f"{'page':<10}" + "".join(f"{key:>16}" for key in CATEGORIES) + "    FCP     LCP     TBT    CLS")
    for name, (scores, failing, by_design, audits) in results.items():
        marks = {key: "*" if key in failing else "†" if key in by_design else " " for key in CATEGORIES}
        cells = "".join(f"{scores[key]:>15}{marks[key]}" for key in CATEGORIES)
        metrics = "  ".join(
            audits[key]["displayValue"].replace("\xa0", " ")
            for key in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time")
        )
        log(f"{name:<10}{cells}  {metrics}  {audits['cumulative-layout-shift']['displayValue']}")
    log(
        "targets: performance ≥ 95, the others 100 (* short of it; † short only by design). "
        f"Reports: {REPORTS.relative_to(BASE_DIR)}/"
    )
    for name, (_scores, failing, by_design, _audits) in results.items():
        for category, titles in by_design.items():
            log(f"  † {name}, {category}: {'; '.join(titles)}")
        for category, titles in failing.items():
            log(f"  * {name}, {category}: {'; '.join(titles)}")
    return 1 if any(failing for _s, failing, _b, _a in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
