from django import template

register = template.Library()


@register.filter
def lockout_minutes(delta):
    """A cool-off timedelta in plain words: "30 minutes", "1 minute"."""
    minutes = max(1, round(delta.total_seconds() / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
