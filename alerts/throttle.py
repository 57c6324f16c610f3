"""Rate limits that hold across processes and hosts: counts in PostgreSQL, one statement per check.

Each limit counts hits of a key in fixed windows (an hour, a day). The key is a keyed
hash (HMAC with SECRET_KEY) of what is counted, so the table holds no address, email or IP.
"""

import hashlib
import hmac
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import connection
from django.utils import timezone

from alerts.models import Throttle

HIT_SQL = """
INSERT INTO alerts_throttle (key, "window", hits) VALUES (%s, %s, 1)
ON CONFLICT (key, "window") DO UPDATE SET hits = alerts_throttle.hits + 1
RETURNING hits
"""


def key_for(scope, value):
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{value}".encode(), hashlib.sha256)
    return digest.hexdigest()[:64]


def window_start(period, now=None):
    seconds = int((now or timezone.now()).timestamp())
    return datetime.fromtimestamp(seconds - seconds % int(period.total_seconds()), tz=dt_timezone.utc)


def allow(scope, value, limit, period):
    """Count one hit of `value` under `scope`; True while the window's hits are within `limit`."""
    with connection.cursor() as cursor:
        cursor.execute(HIT_SQL, [key_for(scope, value), window_start(period)])
        return cursor.fetchone()[0] <= limit


def forget_old(keep=timedelta(days=2)):
    Throttle.objects.filter(window__lt=timezone.now() - keep).delete()
