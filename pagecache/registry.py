"""What the apps tell the page cache: which models change their pages, which surrogate keys
a change touches, and when the next change falls due without any save (a scheduled release
going live).

Call `register()` from an app's AppConfig.ready(). Saving, deleting or changing
the many-to-many links of a registered model moves the content version after
the transaction commits (pagecache.invalidation), and purges from shared caches
the pages carrying the keys its `keys` callable names for the changed instance
(pagecache.surrogate; a model registered without one purges every page). Each
`next_change` callable returns the epoch seconds of the next moment its app's
pages change by themselves, or 0 for none; the page cache asks them whenever it
starts a new content version and starts another when the earliest of those
moments comes.

`register(settle=...)` adds a callable run after commit, before the version moves
and keys are purged: e.g. waiting until a read replica has replayed the commit, so
a page rendered right after the purge is never rendered from older rows.
`register(prepare=...)` adds a callable run before those: work the change still owes
once it has committed (e.g. new render keys for the releases it touched, so no page
drawn under the new version uses parts cached under an old key).
"""

_content_models = set()
_next_change_callables = []
_keys_callables = {}
_settle_callables = []
_prepare_callables = []


def register(*, models=(), next_change=None, keys=None, settle=None, prepare=None):
    """Register content models (model classes), a next-change callable, a keys callable
    (instance -> surrogate keys its change touches) for those models, and a settle callable."""
    _content_models.update(model._meta.concrete_model for model in models)
    if keys is not None:
        for model in models:
            _keys_callables[model._meta.concrete_model] = keys
    if next_change is not None and next_change not in _next_change_callables:
        _next_change_callables.append(next_change)
    if settle is not None and settle not in _settle_callables:
        _settle_callables.append(settle)
    if prepare is not None and prepare not in _prepare_callables:
        _prepare_callables.append(prepare)


def is_content(model):
    """Whether a save or delete of this model (or an instance of it) changes what pages show."""
    return model._meta.concrete_model in _content_models


def keys_for(instance):
    """The surrogate keys a change to `instance` touches; None when its app did not say."""
    keys = _keys_callables.get(type(instance)._meta.concrete_model)
    return None if keys is None else set(keys(instance))


def next_change():
    """Epoch seconds of the earliest registered change to come, or 0 when none is known."""
    moments = [moment for moment in (call() for call in _next_change_callables) if moment]
    return min(moments) if moments else 0


def settle():
    """After commit, before the version moves: what the change still owes, then the waits."""
    for call in [*_prepare_callables, *_settle_callables]:
        call()
