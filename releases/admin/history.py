"""History in the release admin (django-reversion): a Writer may revert or recover
only to a draft, and only a draft; Editors may revert anything."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from reversion.models import Version

from releases.models import Release


class HistoryGuardMixin:
    """For a VersionAdmin with `has_publish_permission(request)`."""

    def _check_version(self, request, version, current=None):
        if self.has_publish_permission(request):
            return
        if version.field_dict.get("status") != Release.Status.DRAFT:
            raise PermissionDenied
        if current is not None and current.status != Release.Status.DRAFT:
            raise PermissionDenied
        # Reverting restores the whole revision, and a list action's revision holds every
        # release it touched; recovering does not check that the release was deleted. So
        # every release in the revision must have been a draft and still be one (or gone).
        in_revision = list(version.revision.version_set.get_for_model(Release))
        if any(v.field_dict.get("status") != Release.Status.DRAFT for v in in_revision):
            raise PermissionDenied
        ids = [v.object_id for v in in_revision]
        if Release.objects.filter(pk__in=ids).exclude(status=Release.Status.DRAFT).exists():
            raise PermissionDenied

    def history_view(self, request, object_id, extra_context=None):
        # reversion looks the raw id up among versions first: a NUL byte in it is a 500.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404("No such release.")
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404("No such release.")
        self._check_version(request, get_object_or_404(Version, pk=version_id, object_id=object_id), current)
        # The release as it stands before the revision is restored: its form keeps its publishing
        # state and its address (releases.forms.ReleaseAdminForm.before_revert).
        request.release_before_revert = current
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._check_version(request, get_object_or_404(Version, pk=version_id))
        return super().recover_view(request, version_id, extra_context)
