"""Template helpers of the staff side: what waits for an Editor's review."""

from django import template

from releases import notifications, publishing

register = template.Library()


@register.simple_tag(takes_context=True)
def waiting_for_review(context):
    """Releases submitted for review, oldest first, for a user who may publish; else nothing."""
    request = context.get("request")
    if request is None or not publishing.can_publish(request.user):
        return []
    return list(notifications.waiting_for_review()[:20])
