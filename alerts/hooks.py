"""The alerts' side of the publishing workflow (releases.signals): queue a nudge for the worker.

Inside the publishing transaction, one small INSERT at most (a task row): the editor's
request does not grow with the number of subscribers. The worker does the rest.
"""

from alerts import tasks
from alerts.models import Announcement
from releases import signals


def on_published(sender, release, **kwargs):
    if not release.is_public():
        return  # scheduled: the worker finds it when its time comes
    announced = Announcement.objects.filter(release=release, change_note=None)
    if not announced.exclude(state=Announcement.State.WITHDRAWN).exists():
        tasks.release_became_public.enqueue(release.pk)


def on_withdrawn(sender, release, **kwargs):
    if Announcement.objects.filter(release=release, state=Announcement.State.ANNOUNCED).exists():
        tasks.release_withdrawn.enqueue(release.pk)


def on_corrected(sender, release, change_note, **kwargs):
    if release.is_public():
        tasks.release_corrected.enqueue(change_note.pk)


def connect():
    signals.release_published.connect(on_published, dispatch_uid="alerts.on_published")
    signals.release_withdrawn.connect(on_withdrawn, dispatch_uid="alerts.on_withdrawn")
    signals.release_corrected.connect(on_corrected, dispatch_uid="alerts.on_corrected")
