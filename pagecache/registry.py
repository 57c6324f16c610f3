"""What the apps tell the page cache: which models change their pages, and when
the next change falls due without any save (a scheduled release going live).

Call `register()` from an app's AppConfig.ready(). Saving, deleting or changing
the many-to-many links of a registered model moves the content version after
the transaction commits (pagecache.invalidation). Each `next_change` callable
returns the epoch seconds of the next moment its app's pages change by
themselves, or 0 for none; the page cache asks them whenever it starts a new
content version and starts another when the earliest of those moments comes.
"""

_content_models = set()
_next_change_callables = []


def register(*, models=(), next_change=None):
    """Register content models (model classes) and a next-change callable (or None)."""
    _content_models.update(models)
    if next_change is not None and next_change not in _next_change_callables:
        _next_change_callables.append(next_change)


def is_content(model):
    """Whether a save or delete of this model (or an instance of it) changes what pages show."""
    return model._meta.concrete_model in _content_models


def next_change():
    """Epoch seconds of the earliest registered change to come, or 0 when none is known."""
    moments = [moment for moment in (call() for call in _next_change_callables) if moment]
    return min(moments) if moments else 0
