"""`make eval-import`: the release parser measured, field by field, against releases a careful reader structured.

    .venv/bin/python bench/eval_import.py [PATH…] [--verbose]

PATH: folders or files of releases, each NAME.txt (or .md, .html, .docx) beside a
NAME.json whose "expected" says what is in it (shared/samples/releases/README.md);
by default the repository's copy, tests/fixtures/releases/. The parser is run as
`manage.py import_releases --dry-run --json PATH…`, and its lines are compared:

- title, deck, dateline, date, unnamed count: right when equal (after Unicode,
  quote-mark, dash, space and case normalization; "none" equals "none").
- quotes: a found quote is the expected one when its text starts with the
  expected first words. Text is scored as F1 over quotes; speaker, title and
  organization as the share of expected quotes found with that field right. A
  title is right as printed with or without its organization ("executive
  director" and "executive director of AALDEF", "AALDEF executive director").
- signatories (organizations), individual signatories, About organizations and
  contacts: precision and recall over every sample's items; F1 is the score. A
  contact counts when its name, e-mail and phone (digits) are all right.

The overall score is the mean of the scored fields. Targets are printed beside them.
"""

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT = BASE_DIR / "tests" / "fixtures" / "releases"
TARGETS = {"title": 95, "dateline": 95, "date": 95, "quote text": 90, "speaker": 90, "speaker title": 85,
           "speaker organization": 85, "signatories": 90, "about": 90, "contacts": 90}  # fmt: skip
PREPOSITIONS = r"(?:of|at|with|from|for|de|del|en|con|para)"


def norm(value):
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value))
    text = re.sub("[\u201c\u201d\u201e\u00ab\u00bb]", '"', text)
    text = re.sub("[\u2018\u2019\u201a]", "'", text)
    text = re.sub("[\u2010-\u2015]", "-", text)
    return re.sub(r"\s+", " ", text).strip().casefold() or None


def key(value):
    """Names compared without accents, punctuation, "&"/"and" or a leading article."""
    text = unicodedata.normalize("NFKD", norm(value) or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("&", " and ")
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(?:the|el|la|los|las) ", "", text) or None


def digits(value):
    return re.sub(r"\D", "", value or "") or None


def title_right(found, expected):
    """The title as printed, with or without the organization printed beside it."""
    ft, fo, et = key(found.get("title")), key(found.get("organization")), key(expected.get("title"))
    if ft == et:
        return True
    if not (ft and fo and et):
        return False
    return bool(re.fullmatch(rf"{re.escape(ft)} {PREPOSITIONS} {re.escape(fo)}", et) or et == f"{fo} {ft}")


class Tally:
    def __init__(self):
        self.right = self.total = 0
        self.tp = self.found = self.expected = 0

    def count(self, ok):
        self.total += 1
        self.right += bool(ok)

    def overlap(self, found, expected):
        self.found += len(found)
        self.expected += len(expected)
        remaining = list(expected)
        for item in found:
            if item in remaining:
                remaining.remove(item)
                self.tp += 1

    @property
    def share(self):
        return 100.0 * self.right / self.total if self.total else 100.0

    @property
    def precision(self):
        return 100.0 * self.tp / self.found if self.found else 100.0

    @property
    def recall(self):
        return 100.0 * self.tp / self.expected if self.expected else 100.0

    @property
    def f1(self):
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def run_parser(paths):
    command = [sys.executable, str(BASE_DIR / "manage.py"), "import_releases", "--dry-run", "--json", *map(str, paths)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=BASE_DIR)
    results = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            results[Path(item["file"]).resolve()] = item
    if done.returncode and not results:
        sys.exit(f"import_releases failed:\n{done.stderr}")
    return results


def expected_for(path):
    sidecar = path.with_suffix(".json")
    return json.loads(sidecar.read_text(encoding="utf-8"))["expected"] if sidecar.exists() else None


def match_quotes(found, expected):
    """Pairs (expected, found) in order: a found quote whose text starts with the expected first words."""
    pairs, used = [], set()
    for exp in expected:
        start = norm(exp["text_starts"])
        hit = next(
            (i for i, f in enumerate(found) if i not in used and (norm(f["text"]) or "").startswith(start)), None
        )
        if hit is not None:
            used.add(hit)
        pairs.append((exp, found[hit] if hit is not None else None))
    return pairs


def contact_key(contact):
    return (key(contact.get("name")), (contact.get("email") or "").lower() or None, digits(contact.get("phone")))


def evaluate(results, verbose=False):
    fields = {name: Tally() for name in ("title", "deck", "dateline", "date", "unnamed count")}
    quotes = {name: Tally() for name in ("quote text", "speaker", "speaker title", "speaker organization")}
    lists = {name: Tally() for name in ("signatories", "individual signatories", "about", "contacts")}
    misses = []
    for path, got in sorted(results.items()):
        expected = expected_for(path)
        if expected is None or "error" in got:
            misses.append(f"{path.name}: {'no expected JSON' if expected is None else got['error']}")
            continue
        for name, field in (("title", "title"), ("deck", "subtitle"), ("dateline", "dateline"), ("date", "date"),
                            ("unnamed count", "unnamed_signatory_count")):  # fmt: skip
            f, e = got.get(field), expected.get(field)
            ok = (f == e) if name == "unnamed count" else norm(f) == norm(e)
            fields[name].count(ok)
            if not ok:
                misses.append(f"{path.name}: {name}: found {f!r}, expected {e!r}")
        pairs = match_quotes(got["quotes"], expected["quotes"])
        matched = [f for _, f in pairs if f is not None]
        quotes["quote text"].tp += len(matched)
        quotes["quote text"].found += len(got["quotes"])
        quotes["quote text"].expected += len(expected["quotes"])
        for exp, f in pairs:
            checks = {
                "speaker": f is not None and key(f["speaker"]) == key(exp["speaker"]),
                "speaker title": f is not None and title_right(f, exp),
                "speaker organization": f is not None and key(f["organization"]) == key(exp["organization"]),
            }
            for name, ok in checks.items():
                quotes[name].count(ok)
                if not ok:
                    field = {"speaker title": "title", "speaker organization": "organization"}.get(name, name)
                    misses.append(
                        f"{path.name}: {name} for “{exp['text_starts'][:30]}”: "
                        f"found {(f or {}).get(field)!r}, expected {exp[field]!r}"
                    )
        for f in got["quotes"]:
            if f not in matched:
                misses.append(f"{path.name}: extra quote “{f['text'][:50]}”")
        overlaps = {
            "signatories": (
                [key(s) for s in got["signatories"]],
                [key(s) for s in expected.get("signatories", [])],
            ),
            "individual signatories": (
                [key(i["name"]) for i in got.get("individual_signatories", [])],
                [key(i["name"]) for i in expected.get("individual_signatories", [])],
            ),
            "about": ([key(a) for a in got["about"]], [key(a) for a in expected.get("about", [])]),
            "contacts": (
                [contact_key(c) for c in got["contacts"]],
                [contact_key(c) for c in expected.get("contacts", [])],
            ),
        }
        for name, (f, e) in overlaps.items():
            lists[name].overlap(f, e)
            if sorted(map(str, f)) != sorted(map(str, e)):
                extra, missing = [x for x in f if x not in e], [x for x in e if x not in f]
                misses.append(f"{path.name}: {name}: extra {extra}, missing {missing}")
    return fields, quotes, lists, misses


def table(fields, quotes, lists, samples):
    rows, scores = [], []

    def row(name, score, detail):
        target = TARGETS.get(name)
        mark = "" if target is None else ("ok" if score >= target else "BELOW")
        rows.append((name, f"{score:5.1f}%", detail, f"≥{target}%" if target else "", mark))
        scores.append(score)

    for name, tally in fields.items():
        row(name, tally.share, f"{tally.right}/{tally.total} releases")
    q = quotes["quote text"]
    row("quote text", q.f1, f"P {q.precision:.1f}% R {q.recall:.1f}% ({q.tp} of {q.expected}, {q.found} found)")
    for name in ("speaker", "speaker title", "speaker organization"):
        row(name, quotes[name].share, f"{quotes[name].right}/{quotes[name].total} quotes")
    for name, tally in lists.items():
        row(
            name,
            tally.f1,
            f"P {tally.precision:.1f}% R {tally.recall:.1f}% ({tally.tp} of {tally.expected}, {tally.found} found)",
        )
    widths = [max(len(r[i]) for r in rows + [("field", "score", "detail", "target", "")]) for i in range(5)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [
        f"Release parser against {samples} structured releases",
        line.format("field", "score", "detail", "target", ""),
        line.format(*("-" * w for w in widths)),
    ]
    out += [line.format(*r) for r in rows]
    out.append(line.format("overall", f"{sum(scores) / len(scores):5.1f}%", "mean of the fields above", "", ""))
    return "\n".join(out)


def structured_files(paths):
    """The release files among `paths` (or inside folders) that have an expected JSON beside them."""
    for path in paths:
        candidates = sorted(path.iterdir()) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.suffix.lower() != ".json" and candidate.with_suffix(".json").exists():
                yield candidate


def main(argv):
    verbose = "--verbose" in argv
    paths = [Path(a) for a in argv if not a.startswith("--")] or [DEFAULT]
    files = list(structured_files(paths))
    if not files:
        sys.exit("No release files with an expected JSON beside them in " + ", ".join(map(str, paths)))
    results = run_parser(files)
    if not results:
        sys.exit("No release files found in " + ", ".join(map(str, paths)))
    fields, quotes, lists, misses = evaluate(results, verbose)
    print(table(fields, quotes, lists, len(results)))
    if verbose and misses:
        print("\nWhat it got wrong:")
        print("\n".join(f"  {m}" for m in misses))
    elif misses:
        print(f"\n{len(misses)} differences; --verbose lists them.")


if __name__ == "__main__":
    main(sys.argv[1:])
