import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")
django_application = get_wsgi_application()

from pagecache.wsgi import CachedPagesApp  # noqa: E402 -- needs the settings above

# Cached pages are answered before Django's request handling (pagecache/wsgi.py).
application = CachedPagesApp(django_application)
