"""Timeline registry: apps add entries to other apps' records without being imported by them.

A higher app (sales) registers a provider for a lower app's model (customers.Customer); the
lower app's timeline tab calls ``entries_for`` and never imports the higher app.
"""

from collections import defaultdict

_providers = defaultdict(list)


def register(model_label, provider):
    """``provider(obj, user) -> [{"when", "who", "text", "url"?, "verb"?}]`` for ``model_label``
    ("app_label.modelname") records. Usable as ``@register("customers.customer")``."""

    def _add(func):
        if func not in _providers[model_label.lower()]:
            _providers[model_label.lower()].append(func)
        return func

    return _add(provider) if provider is not None else _add


def entries_for(obj, user):
    """Every registered provider's entries about ``obj`` that ``user`` may see."""
    label = obj._meta.label_lower
    entries = []
    for provider in _providers.get(label, ()):
        entries.extend(provider(obj, user))
    return entries
