"""Media on an S3-compatible object store (django-storages), from one setting.

    MEDIA_STORAGE_URL=s3://BUCKET?endpoint=URL&region=R&public_url=https://cdn.example.org
                      &acl=public-read&private_bucket=B2&signed_seconds=300

or the usual AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME,
AWS_S3_CUSTOM_DOMAIN and AWS_DEFAULT_ACL. Credentials come from AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY (or the machine's role), as boto3 finds them.

Two storages:

- "default", the public files (uploads, their renditions, social cards): linked unsigned,
  on the CDN domain (public_url) when there is one, else on the bucket's own address;
  the bucket (or the CDN) must let anyone read them (acl=public-read, or a bucket policy).
- "private", files no reader may fetch by address (embargoed press kits, exports): the
  private_bucket, or the `private/` prefix of the same bucket (keep that prefix out of
  any public bucket policy), linked only through signed URLs valid for signed_seconds
  (default 300). Without an object store it is a folder under var/ that /media/ never serves.
"""

from urllib.parse import parse_qs, urlsplit

from botocore.config import Config
from django.core.exceptions import ImproperlyConfigured

S3 = "storages.backends.s3.S3Storage"


def storages(url, environ):
    """The STORAGES entries ("default", "private") for an object store, or {} for none."""
    if not url and not environ.get("AWS_STORAGE_BUCKET_NAME"):
        return {}
    options = {}
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "")
    if url:
        parts = urlsplit(url)
        if parts.scheme != "s3" or not parts.netloc:
            raise ImproperlyConfigured(
                f"MEDIA_STORAGE_URL must look like s3://bucket?endpoint=…&region=…, not {url!r}"
            )
        bucket = parts.netloc
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    endpoint = options.get("endpoint") or environ.get("AWS_S3_ENDPOINT_URL") or None
    public_url = options.get("public_url") or environ.get("AWS_S3_CUSTOM_DOMAIN", "")
    scheme, _, domain = public_url.rpartition("://") if "://" in public_url else ("https", "", public_url)
    try:
        signed_seconds = int(options.get("signed_seconds", "300"))
    except ValueError as exc:
        raise ImproperlyConfigured("MEDIA_STORAGE_URL: signed_seconds must be a number of seconds") from exc
    common = {
        # Fail fast when the store is away: a page never waits a minute on a connection.
        "client_config": Config(
            connect_timeout=2,
            read_timeout=10,
            retries={"max_attempts": 2, "mode": "standard"},
            signature_version="s3v4",
            s3={"addressing_style": "path" if endpoint else "auto"},
        ),
        "endpoint_url": endpoint,
        "region_name": options.get("region") or environ.get("AWS_S3_REGION_NAME") or None,
        "file_overwrite": False,
    }
    private_bucket = options.get("private_bucket")
    return {
        "default": {
            "BACKEND": S3,
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "querystring_auth": False,
                "custom_domain": domain.rstrip("/") or None,
                "url_protocol": f"{scheme}:",
                "default_acl": options.get("acl") or environ.get("AWS_DEFAULT_ACL") or None,
                "object_parameters": {"CacheControl": "public, max-age=86400"},
            },
        },
        "private": {
            "BACKEND": S3,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket or bucket,
                "location": "" if private_bucket else "private",
                "querystring_auth": True,
                "querystring_expire": signed_seconds,
                "default_acl": "private",
            },
        },
    }


def configured():
    """The public S3 storage, or None when media are on the local disk."""
    from django.core.files.storage import storages

    storage = storages["default"]
    return storage if getattr(storage, "bucket_name", None) is not None else None


def status():
    """For /healthz (pressroom.health runs it in the background): "off" without an object
    store, else whether its public bucket answers a HEAD within a second."""
    storage = configured()
    if storage is None:
        return "off", "media on the local disk (MEDIA_ROOT)"
    import boto3

    client = boto3.session.Session().client(
        "s3",
        endpoint_url=storage.endpoint_url,
        region_name=storage.region_name,
        config=Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}, signature_version="s3v4"),
    )
    try:
        client.head_bucket(Bucket=storage.bucket_name)
    except Exception as exc:  # unreachable, refused, forbidden: all mean uploads and cards fail now
        return "degraded", f"bucket {storage.bucket_name} does not answer ({type(exc).__name__}); uploads fail"
    return "ok", f"bucket {storage.bucket_name}"
