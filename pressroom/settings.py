"""Pressroom settings: one file, driven by environment variables.

Laptop-safe defaults: with no DATABASE_URL an embedded PostgreSQL is started
(see pressroom/embedded_db.py) and a secret key is generated once in var/.
Production differences come only from the environment; see the README.
"""

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from pressroom import embedded_db, media_storage
from pressroom.email_settings import anymail_settings, email_settings

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = embedded_db.VAR_DIR


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
DATABASE_URL = os.environ.get("DATABASE_URL", "")
EMBEDDED_DATABASE = not DATABASE_URL

# --- Secret key -----------------------------------------------------------
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if EMBEDDED_DATABASE or DEBUG:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file = VAR_DIR / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
        SECRET_KEY = key_file.read_text().strip()
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DATABASE_URL set and DEBUG off, Pressroom needs "
            "SECRET_KEY in the environment (for example: export SECRET_KEY=$(python3 -c "
            "'import secrets; print(secrets.token_urlsafe(50))'))."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
SITE_URL = os.environ.get("SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "Pressroom")
ADMIN_PATH = os.environ.get("ADMIN_PATH", "admin").strip("/") or "admin"
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL])

# --- Applications ---------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "csp",
    "reversion",
    "easy_thumbnails",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "pagecache",
    "pending_uploads",
    "releases",
    "lockout",
    "backups",
    "worker",
    "alerts",
    "replicas",
    "api",
    "ninja",  # its Swagger UI files, served from our static files (no CDN)
]

MIDDLEWARE = [
    # First: a cached page is served as stored, with the headers every later middleware added.
    "pagecache.middleware.PageCacheMiddleware",
    # Anonymous reads may go to the replica; a replica failing mid-request is retried on the primary.
    "replicas.middleware.ReplicaReadsMiddleware",
    # The API and the archive download: open to every origin for reading (after the cache, so stored).
    "api.middleware.OpenReadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "pressroom.middleware.PermissionsPolicyMiddleware",
    # The interface's language comes from the address alone (never a cookie or Accept-Language).
    "pressroom.languages.PathLanguageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pressroom.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # contrib.redirects' fallback, answering 503 rather than 500 when the database is away.
    "pressroom.middleware.RedirectFallbackMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Old sites' query addresses that redirects may carry (WordPress's /?p=123, /?page_id=7): one of
# these in a request makes the redirect fallback look before the page at its path answers.
REDIRECT_QUERY_PARAMETERS = ("p", "page_id")

ROOT_URLCONF = "pressroom.urls"
WSGI_APPLICATION = "pressroom.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "releases.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
if EMBEDDED_DATABASE:
    _default_db = embedded_db.ensure_running()
else:
    _default_db = dj_database_url.parse(DATABASE_URL)
_default_db["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
_default_db["CONN_HEALTH_CHECKS"] = True
_default_db.setdefault("OPTIONS", {})
# Fail fast when the server is away: a page answers 503 in seconds, never hangs.
_default_db["OPTIONS"].setdefault("connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3")))
# JIT compilation costs more than it saves on a web page's short queries.
_default_db["OPTIONS"].setdefault("options", "-c jit=off")
# Behind PgBouncer in transaction mode a server-side cursor does not survive between
# transactions: DB_TRANSACTION_POOLING=true turns them off (for every database).
_default_db["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DB_TRANSACTION_POOLING", False)
DATABASES = {"default": _default_db}

# A streaming replica for anonymous reads (the replicas app): DATABASE_REPLICA_URL.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    _replica_db = dj_database_url.parse(DATABASE_REPLICA_URL)
    for _name in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS", "DISABLE_SERVER_SIDE_CURSORS"):
        _replica_db[_name] = _default_db[_name]
    _replica_db["OPTIONS"] = {**_default_db["OPTIONS"], **_replica_db.get("OPTIONS", {})}
    _replica_db["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica_db
DATABASE_ROUTERS = ["replicas.router.ReplicaRouter"]
# A replica further behind than this is not used until it catches up (checked every REPLICA_CHECK_SECONDS).
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "5"))
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "1"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, except that Redis away is a miss, never an error (pagecache/backends.py).
            "BACKEND": "pagecache.backends.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_PREFIX", "pressroom"),
            # A stalled Redis costs at most this much before a request goes on without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pressroom",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# The anonymous page cache (the pagecache app); PAGE_CACHE=false turns it off.
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# Shared caches in front (Varnish, a CDN; pagecache.surrogate and pagecache.purgers): how long they
# may keep a page (s-maxage; capped at the next scheduled publication), and where a change is purged:
# "varnish:http://host:port[,…]", "fastly:SERVICE_ID" or "cloudflare:ZONE_ID" (empty: none).
PAGE_CACHE_SHARED_MAX_AGE = int(os.environ.get("PAGE_CACHE_SHARED_MAX_AGE", "3600"))
PAGECACHE_PURGE = os.environ.get("PAGECACHE_PURGE", "")
PAGECACHE_REPURGE_SECONDS = float(os.environ.get("PAGECACHE_REPURGE_SECONDS", "3"))
FASTLY_API_TOKEN = os.environ.get("FASTLY_API_TOKEN", "")
CLOUDFLARE_API_TOKEN = os.environ.get("CLOUDFLARE_API_TOKEN", "")
# Where the content version lives: in the shared cache with Redis, else in a file
# every worker process on this machine reads (local-memory caches are per process).
PAGE_CACHE_VERSION_FILE = None if REDIS_URL else VAR_DIR / "content-version"

# --- Email ---------------------------------------------------------------
# EMAIL_URL (smtp://, submission://, smtps://, file://, console://) or Django's usual
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS/SSL;
# EMAIL_BACKEND for another backend (django-anymail: its ANYMAIL_* variables become ANYMAIL).
# With none of them every message is written as a .eml file in var/mail/ (see the README).
try:
    globals().update(email_settings(os.environ, VAR_DIR))
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
ANYMAIL = anymail_settings(os.environ)
_mail_host = urlsplit(SITE_URL).hostname or "localhost"
if _mail_host.replace(".", "").isdigit() or "." not in _mail_host or ":" in _mail_host:
    _mail_host = "localhost"  # an address's domain cannot be a bare IP
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or f"{' '.join(SITE_NAME.split())} <noreply@{_mail_host}>"
SERVER_EMAIL = os.environ.get("SERVER_EMAIL") or DEFAULT_FROM_EMAIL

# --- Background work ------------------------------------------------------
# django-tasks with its database backend (the API Django 6 ships as django.tasks): tasks are
# rows in PostgreSQL, run by `manage.py run_worker` (worker/), which `make run` starts
# beside gunicorn. No broker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WORKER_INTERVAL = float(os.environ.get("WORKER_INTERVAL", "0.5"))  # seconds idle between looks
WORKER_HEARTBEAT_SECONDS = float(os.environ.get("WORKER_HEARTBEAT_SECONDS", "5"))
# A worker silent this long is dead: its tasks are queued again and its claims released.
WORKER_DEAD_AFTER = float(os.environ.get("WORKER_DEAD_AFTER", "30"))
TASK_MAX_ATTEMPTS = int(os.environ.get("TASK_MAX_ATTEMPTS", "3"))
TASKS_KEEP_DAYS = int(os.environ.get("TASKS_KEEP_DAYS", "7"))

# --- Email alerts (alerts/) and WebSub -----------------------------------
ALERTS_FROM_EMAIL = os.environ.get("ALERTS_FROM_EMAIL") or DEFAULT_FROM_EMAIL
ALERTS_LIST_ID = os.environ.get("ALERTS_LIST_ID", "")  # default alerts.<SITE_URL's host>
ALERTS_DIGEST_HOUR = int(os.environ.get("ALERTS_DIGEST_HOUR", "7"))  # daily digests, newsroom time
ALERTS_CONFIRM_DAYS = int(os.environ.get("ALERTS_CONFIRM_DAYS", "3"))  # a confirmation link's life
# A release already this old when first seen public (an import, a back-dated record) is not emailed.
ALERTS_MAX_AGE_HOURS = int(os.environ.get("ALERTS_MAX_AGE_HOURS", "24"))
ALERTS_SUBSCRIBE_PER_CLIENT = int(os.environ.get("ALERTS_SUBSCRIBE_PER_CLIENT", "30"))  # an hour
ALERTS_CONFIRMATIONS_PER_ADDRESS = int(os.environ.get("ALERTS_CONFIRMATIONS_PER_ADDRESS", "3"))  # a day
ALERTS_SCAN_SECONDS = float(os.environ.get("ALERTS_SCAN_SECONDS", "5"))
ALERTS_BATCH = int(os.environ.get("ALERTS_BATCH", "200"))  # deliveries claimed at once
ALERTS_DIGEST_BATCH = int(os.environ.get("ALERTS_DIGEST_BATCH", "50"))  # subscribers claimed at once
ALERTS_CHUNK = int(os.environ.get("ALERTS_CHUNK", "20"))  # messages between checks that rows are still ours
ALERTS_LEASE_SECONDS = int(os.environ.get("ALERTS_LEASE_SECONDS", "300"))
ALERTS_MAX_ATTEMPTS = int(os.environ.get("ALERTS_MAX_ATTEMPTS", "8"))
WEBSUB_HUB = os.environ.get("WEBSUB_HUB", "").strip()

# --- Auth and sessions ----------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "admin:login"

# Brute-force lockout (django-axes): after AXES_FAILURE_LIMIT bad passwords for
# one user name from one address, that pair is refused until the cool-off ends
# or an Editor deletes the attempt under Admin › Axes › Access attempts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/lockout.html"
# Behind N proxies (a load balancer, a TLS terminator) the visitor's address is the N-th
# entry from the right of X-Forwarded-For; 0 (the default) uses the connection's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# The JSON API's limit per client address (api.throttle): "requests/seconds"; "0" turns it off.
# Answers from the page cache are not counted (they cost less than counting them).
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "300/60")
# The archive download (api.export) is written again after a change, at most this often (seconds).
EXPORT_EVERY = int(os.environ.get("EXPORT_EVERY", "600"))
AXES_CLIENT_IP_CALLABLE = "lockout.client_ip.client_ip"
AXES_HANDLER = "lockout.handlers.DatabaseHandler"
AXES_USERNAME_CALLABLE = "lockout.handlers.client_username"

# --- Internationalisation -------------------------------------------------
# The interface's languages (each with locale/<code>/LC_MESSAGES/django.po) and the default one,
# whose pages have no prefix; the others answer under /<code>/ (pressroom.languages). A third
# language is a .po file and an entry here. Releases may be in any language (Release.language).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as the archive prints them, per language (pressroom/formats/<code>/formats.py).
FORMAT_MODULE_PATH = ["pressroom.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    # Public files: uploads (images, logos, resources), their renditions, social cards.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files no reader may fetch by address (embargoed press kits, private exports): never
    # under MEDIA_ROOT, so /media/ cannot serve them; code hands them out itself, or (on an
    # object store) through short-lived signed URLs.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": VAR_DIR / "private-media", "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media on an S3-compatible object store (django-storages) when MEDIA_STORAGE_URL (or
# AWS_STORAGE_BUCKET_NAME) is set: see pressroom/media_storage.py and the README.
MEDIA_STORAGE_URL = os.environ.get("MEDIA_STORAGE_URL", "")
STORAGES.update(media_storage.storages(MEDIA_STORAGE_URL, os.environ))
WHITENOISE_MAX_AGE = 3600
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- Security -------------------------------------------------------------
# HTTPS=true when the site is served over TLS (usually behind a proxy that
# sets X-Forwarded-Proto). It turns on secure cookies, HSTS and the redirect.
HTTPS = env_bool("HTTPS", False)
# X-Forwarded-Proto is only the client's word unless a proxy we trust sets it: trusted
# behind TRUSTED_PROXY_COUNT > 0 proxies (or with TRUST_X_FORWARDED_PROTO=true).
TRUST_X_FORWARDED_PROTO = env_bool("TRUST_X_FORWARDED_PROTO", TRUSTED_PROXY_COUNT > 0)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TRUST_X_FORWARDED_PROTO else None
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if HTTPS else 0
# Hard to undo (every subdomain, browsers' built-in lists): only when asked for.
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS and env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = HTTPS and env_bool("SECURE_HSTS_PRELOAD", False)
# check --deploy recommends both; they are the operator's choice here (see the README).
SILENCED_SYSTEM_CHECKS = [
    *(["security.W005"] if not SECURE_HSTS_INCLUDE_SUBDOMAINS else []),
    *(["security.W021"] if not SECURE_HSTS_PRELOAD else []),
]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features the site never uses, refused for it and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), usb=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Logging --------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Images ---------------------------------------------------------------
THUMBNAIL_PRESERVE_EXTENSIONS = False
THUMBNAIL_ALIASES = {
    "": {
        "small": {"size": (480, 0), "crop": False},
        "medium": {"size": (960, 0), "crop": False},
        "large": {"size": (1600, 0), "crop": False},
        "small_webp": {"size": (480, 0), "crop": False, "format": "WEBP"},
        "medium_webp": {"size": (960, 0), "crop": False, "format": "WEBP"},
        "large_webp": {"size": (1600, 0), "crop": False, "format": "WEBP"},
        # Made only where Pillow can write AVIF (releases.media.renditions.AVIF), by renditions itself.
        "small_avif": {"size": (480, 0), "crop": False, "format": "AVIF"},
        "medium_avif": {"size": (960, 0), "crop": False, "format": "AVIF"},
        "large_avif": {"size": (1600, 0), "crop": False, "format": "AVIF"},
        "logo": {"size": (240, 240), "crop": False},
    }
}
