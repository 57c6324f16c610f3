"""Filters for the release list."""

from django.contrib import admin

from releases.models import Release


class StateFilter(admin.SimpleListFilter):
    """Status as readers see it: a published release whose time has not come is scheduled."""

    title = "status"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Release.State.choices

    def queryset(self, request, queryset):
        if self.value() in Release.State.values:
            return queryset.in_states([self.value()])
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = "year first published"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Release.objects.dates("first_published_at", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(first_published_at__year=int(self.value()))
        return queryset
