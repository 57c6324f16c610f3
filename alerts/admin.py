"""Alerts in the admin: counts for editors; addresses only with alerts.view_subscriber_addresses."""

from django.contrib import admin
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from alerts.models import Announcement, Delivery, Subscriber, Subscription, SubscriptionSummary

ADDRESSES = "alerts.view_subscriber_addresses"


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ("kind", "topic", "organization", "person", "query", "frequency", "created_at")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Subscribers' addresses are personal data: only staff given the dedicated permission see them."""

    list_display = ("email", "confirmed_at", "subscription_count", "wants_updates")
    search_fields = ("email",)
    fields = ("email", "confirmed_at", "created_at", "wants_updates")
    readonly_fields = fields
    inlines = (SubscriptionInline,)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(subscription_count=Count("subscriptions"))

    @admin.display(description="alerts", ordering="subscription_count")
    def subscription_count(self, obj):
        return obj.subscription_count

    def has_module_permission(self, request):
        return request.user.has_perm(ADDRESSES)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(ADDRESSES)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.has_perm(ADDRESSES) and request.user.has_perm("alerts.delete_subscriber")


@admin.register(SubscriptionSummary)
class SubscriptionSummaryAdmin(admin.ModelAdmin):
    """How many follow what, and what was sent for each recent release: numbers, never addresses."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        subscriptions = Subscription.objects.all()
        by_kind = {
            row["kind"]: row
            for row in subscriptions.values("kind").annotate(
                total=Count("pk"),
                daily=Count("pk", filter=Q(frequency=Subscription.Frequency.DAILY)),
            )
        }
        followed = {
            "Topics": subscriptions.filter(kind="topic").values_list("topic__name"),
            "Organizations": subscriptions.filter(kind="organization").values_list("organization__name"),
            "People": subscriptions.filter(kind="person").values_list("person__name"),
            "Saved searches": subscriptions.filter(kind="search").values_list("query"),
        }
        followed = {
            label: rows.annotate(n=Count("pk")).order_by("-n", rows.query.values_select[0])[:20]
            for label, rows in followed.items()
        }
        statuses = {f"{status}": Count("pk", filter=Q(status=status)) for status in Delivery.Status.values}
        recent = list(
            Announcement.objects.filter(change_note=None).select_related("release").order_by("-announced_at")[:20]
        )
        counts = {
            row["release"]: row
            for row in Delivery.objects.filter(release__in=[a.release_id for a in recent], change_note=None)
            .values("release")
            .annotate(**statuses)
        }
        context = {
            **self.admin_site.each_context(request),
            "title": "Email alerts",
            "opts": self.model._meta,
            "subscribers": Subscriber.objects.count(),
            "kinds": [(label, by_kind.get(value, {})) for value, label in Subscription.Kind.choices],
            "followed": followed,
            "recent": [(a, counts.get(a.release_id, {})) for a in recent],
            "statuses": Delivery.Status,
            "can_see_addresses": request.user.has_perm(ADDRESSES),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/alerts/overview.html", context)
