"""The publishing workflow, for other apps to follow: sent by the verbs in publishing.py.

    from releases import signals

    signals.release_published.connect(receiver)  # receiver(sender, release, **kwargs)

- release_published: published now, or scheduled (`release.state` says which). A scheduled
  release's time passing sends nothing: an app that cares looks (the alerts worker does).
- release_withdrawn: withdrawn, so it has left every list.
- release_corrected: a major edit, with its public `change_note`.

Receivers run inside the verb's transaction: what they write (a queued task) commits
with the change or not at all. They must be quick: an editor's request waits for them.
"""

from django.dispatch import Signal

release_published = Signal()
release_withdrawn = Signal()
release_corrected = Signal()
