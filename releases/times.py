"""The newsroom's one time zone (settings.TIME_ZONE), as staff read and type it.

Every time a person types or reads is in this zone and says so: "29 Nov 2026, 12:17 EST"
in messages and banners, "New York time (EST)" beside every date and time field.
"""

from django.utils import dateformat, timezone

FORMAT = "j M Y, H:i T"


def newsroom_time(moment):
    """'29 Nov 2026, 12:17 EST': a moment in the newsroom's zone, with the zone's abbreviation."""
    if moment is None:
        return ""
    return dateformat.format(timezone.localtime(moment), FORMAT)


def zone_label(moment=None):
    """'New York time (EST)' (or 'UTC'): the newsroom's zone, named for people."""
    zone = timezone.get_current_timezone()
    key = getattr(zone, "key", str(zone))
    abbreviation = timezone.localtime(moment or timezone.now()).strftime("%Z")
    if key in ("UTC", "Etc/UTC", "GMT"):
        return "UTC"
    city = key.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} time ({abbreviation})" if abbreviation and abbreviation[0].isalpha() else f"{city} time"
