"""Record actions registry: a higher app adds buttons to a lower app's record pages.

After-sales puts "Report a claim" on underwriting's policy page without underwriting
importing it. A provider takes the record and the user and returns the ``Link``s that user
may follow (check permissions with ``user.has_perm``, which is cached per request: no query
per link). The generic record header shows them beside the record's own actions.
"""

from collections import defaultdict
from dataclasses import dataclass

_providers = defaultdict(list)


@dataclass
class Link:
    label: str
    url: str
    icon: str = ""  # a Bootstrap icon name, e.g. "bi-life-preserver"


def register(model_label, provider=None):
    """``provider(obj, user) -> [Link]`` for ``model_label`` ("app_label.modelname") records;
    usable as ``@register("underwriting.policy")``."""

    def _add(func):
        if func not in _providers[model_label.lower()]:
            _providers[model_label.lower()].append(func)
        return func

    return _add(provider) if provider is not None else _add


def links_for(obj, user):
    links = []
    for provider in _providers.get(obj._meta.label_lower, ()):
        links.extend(provider(obj, user))
    return links
