"""The public data: the read-only JSON API at /api/v1/ (django-ninja), and the whole archive
as one download (/export/releases.jsonl.gz, /data/). Imports releases, never the reverse."""
