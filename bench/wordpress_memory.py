"""`make bench-wordpress`: peak memory of reading a large WordPress export.

Generates a synthetic WXR 1.2 export of about BENCH_WXR_MB megabytes (default
200) in var/bench/ (once; reused while its size setting is the same): posts
in classic and block markup, English and Persian, with comments, post meta,
terms and one attachment each, which is how real exports grow. A small
export from the same generator (2 MB) is the baseline.

Each export is then read in a fresh process that does what the importer does
with every item (the streaming reader, and the HTML-to-Markdown conversion of
each post), and the process's peak resident memory is printed: a reader
that streams costs about the same on 2 MB and on 200 MB.

    .venv/bin/python bench/wordpress_memory.py            # generate if needed, measure
    .venv/bin/python bench/wordpress_memory.py --read FILE # read one file (prints JSON)

Then `manage.py import_wordpress --dry-run` runs on the 2 MB and 20 MB exports
(BENCH_WXR_IMPORT_MB, e.g. "2,20,200"), in its own process, against a bench
database of its own (pressroom_bench_wordpress, on the DATABASE_URL server or
the embedded one; created and migrated once): every post is written, then the
transaction is rolled back, so the database stays empty.
"""

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
OUT_DIR = BASE_DIR / "var" / "bench"
MEGABYTES = int(os.environ.get("BENCH_WXR_MB", "200"))
# The import writes every post to the database (then rolls back): about 30 ms a post, so the
# 200 MB export (23,000 posts) takes some 12 minutes. BENCH_WXR_IMPORT_MB=2,20,200 to include it.
IMPORT_SIZES = [int(s) for s in os.environ.get("BENCH_WXR_IMPORT_MB", "2,20").split(",") if s]

WORDS = (  # noqa: SIM905 (prose reads better than a list of words)
    "the coalition said today that families detained at the border must be released while their cases "
    "are heard and that the agency has no authority to hold children longer than twenty days under the "
    "settlement advocates in Washington Austin and Sacramento called on Congress to act now"
).split()
PERSIAN = "یکی از مشکلاتی که بعد از انتقال مخازن رخ داد خراب شدن کلیدهای آرچ در پارچ بود".split()  # noqa: SIM905


def sentence(rng, words):
    return " ".join(rng.choice(words) for _ in range(rng.randint(12, 30))).capitalize() + "."


def classic_body(rng, words):
    paragraphs = [" ".join(sentence(rng, words) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(4, 9))]
    paragraphs.insert(2, '"' + sentence(rng, words) + '" said Ana Pérez, director of the Border Project.')
    paragraphs.append("<ul>\n" + "".join(f"\t<li>{sentence(rng, words)}</li>\n" for _ in range(3)) + "</ul>")
    return "\n\n".join(paragraphs)


def block_body(rng, words):
    blocks = []
    for index in range(rng.randint(5, 10)):
        if index == 3:
            blocks.append(
                f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{sentence(rng, words)}</h2>\n<!-- /wp:heading -->'
            )
        blocks.append(
            f"<!-- wp:paragraph -->\n<p>{sentence(rng, words)} {sentence(rng, words)}</p>\n<!-- /wp:paragraph -->"
        )
    return "\n\n".join(blocks)


def item_xml(rng, post_id, body, title, post_type="post", extra=""):
    day = rng.randint(1, 28)
    month = rng.randint(1, 12)
    year = rng.randint(2005, 2024)
    date = f"{year}-{month:02d}-{day:02d} 10:{post_id % 60:02d}:00"
    slug = "-".join(title.lower().split()[:8]).strip(".") + f"-{post_id}"
    comments = "".join(
        f"""
        <wp:comment>
            <wp:comment_id>{post_id * 100 + n}</wp:comment_id>
            <wp:comment_author><![CDATA[Reader {n}]]></wp:comment_author>
            <wp:comment_date>{date}</wp:comment_date>
            <wp:comment_content><![CDATA[{sentence(rng, WORDS)} {sentence(rng, WORDS)}]]></wp:comment_content>
            <wp:comment_approved>1</wp:comment_approved>
        </wp:comment>"""
        for n in range(rng.randint(0, 6))
    )
    return f"""
    <item>
        <title><![CDATA[{title}]]></title>
        <link>https://news.example.org/{year}/{month:02d}/{slug}/</link>
        <pubDate>Mon, 04 Mar 2019 15:00:00 +0000</pubDate>
        <dc:creator><![CDATA[ana]]></dc:creator>
        <guid isPermaLink="false">https://news.example.org/?p={post_id}</guid>
        <description></description>
        <content:encoded><![CDATA[{body}]]></content:encoded>
        <excerpt:encoded><![CDATA[]]></excerpt:encoded>
        <wp:post_id>{post_id}</wp:post_id>
        <wp:post_date><![CDATA[{date}]]></wp:post_date>
        <wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>
        <wp:post_name><![CDATA[{slug}]]></wp:post_name>
        <wp:status><![CDATA[publish]]></wp:status>
        <wp:post_parent>0</wp:post_parent>
        <wp:post_type><![CDATA[{post_type}]]></wp:post_type>
        <category domain="category" nicename="statements"><![CDATA[Statements]]></category>
        <category domain="post_tag" nicename="detention"><![CDATA[Detention]]></category>
        <wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta>
        {extra}{comments}
    </item>"""


def generate(path, megabytes, seed=14):
    rng = random.Random(seed)
    target = megabytes * 1024 * 1024
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    post_id = 1
    with partial.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Generated newsroom</title><link>https://news.example.org</link>\n"
            "<wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>https://news.example.org</wp:base_blog_url>\n"
        )
        while out.tell() < target:
            persian = post_id % 5 == 0
            words = PERSIAN if persian else WORDS
            title = sentence(rng, words)[:90]
            body = block_body(rng, words) if post_id % 2 else classic_body(rng, words)
            image = f"https://news.example.org/wp-content/uploads/2019/03/photo-{post_id}.jpg"
            out.write(
                item_xml(
                    rng,
                    post_id + 1,
                    "",
                    f"photo-{post_id}",
                    "attachment",
                    f"<wp:attachment_url>{image}</wp:attachment_url>",
                )
            )
            thumbnail = (
                f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                f"<wp:meta_value>{post_id + 1}</wp:meta_value></wp:postmeta>"
            )
            out.write(
                item_xml(rng, post_id, body + f'\n\n<img src="{image}" alt="A photo">', title, "post", thumbnail)
            )
            post_id += 2
        out.write("</channel>\n</rss>\n")
    partial.replace(path)


def read(path):
    """In the measuring process: read every item as the importer does, print JSON figures."""
    from releases.importers.wordpress import BrokenItem, Item, WxrReader, html_to_markdown

    started = time.monotonic()
    counts = {"items": 0, "posts": 0, "broken": 0, "markdown_chars": 0}
    for record in WxrReader(path):
        counts["items"] += 1
        if isinstance(record, BrokenItem):
            counts["broken"] += 1
        elif isinstance(record, Item) and record.post_type == "post":
            counts["posts"] += 1
            counts["markdown_chars"] += len(html_to_markdown(record.content).markdown)
    counts["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(counts))


def measure(command, env=None):
    """Run a command in a fresh process: (its last output line, its peak RSS in MB, seconds)."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True, cwd=BASE_DIR, env=env)
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{errors.read()[-2000:]}")
    lines = output.strip().splitlines()
    return lines[-1] if lines else "", round(usage.ru_maxrss / 1024, 1), round(time.monotonic() - started, 1)


def export_for(megabytes):
    path = OUT_DIR / f"wordpress-{megabytes}mb.xml"
    if not path.exists():
        print(f"Generating a {megabytes} MB export in {path.relative_to(BASE_DIR)} …", flush=True)
        generate(path, megabytes)
    return path


def main():
    if sys.argv[1:2] == ["--read"]:
        read(sys.argv[2])
        return
    print("Reading (the streaming reader and the Markdown conversion of every post):")
    print(f"{'export':>24} {'size':>9} {'items':>7} {'posts':>7} {'seconds':>8} {'peak RSS':>10}")
    for megabytes in (2, MEGABYTES):
        path = export_for(megabytes)
        line, rss, _ = measure([sys.executable, __file__, "--read", str(path)])
        figures = json.loads(line)
        size = path.stat().st_size / 1024 / 1024
        print(
            f"{path.name:>24} {size:>7.1f}MB {figures['items']:>7,} {figures['posts']:>7,} "
            f"{figures['seconds']:>8} {rss:>8} MB",
            flush=True,
        )
    print("\nImporting (manage.py import_wordpress --dry-run: every post written, then rolled back):")
    print(f"{'export':>24} {'seconds':>8} {'peak RSS':>10}")
    env = import_database()
    for megabytes in IMPORT_SIZES:
        path = export_for(megabytes)
        command = [sys.executable, "manage.py", "import_wordpress", str(path), "--dry-run", "-v0"]
        _, rss, seconds = measure(command, env)
        print(f"{path.name:>24} {seconds:>8} {rss:>8} MB", flush=True)


def import_database():
    """The environment of a run against the bench's own database (created and migrated once)."""
    import archive_db

    return archive_db.migrated("wordpress")


if __name__ == "__main__":
    main()
