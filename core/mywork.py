"""My work: each app registers a function that lists a user's pending items.

A provider takes the user and returns WorkItems (an empty list when nothing is pending or
the user's role has no such work). The home page lists them; the top bar shows the total.
"""

from dataclasses import dataclass

from django.core.cache import cache

_providers = []


@dataclass
class WorkItem:
    label: str
    count: int
    url: str
    level: str = "primary"  # bootstrap colour: primary, warning, danger
    overdue: bool = False


def register(provider):
    """Register ``provider(user) -> list[WorkItem]``; usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def items_for(user):
    items = []
    for provider in _providers:
        items.extend(i for i in provider(user) if i.count)
    return items


def _cache_key(user):
    return f"mywork-count:{user.pk}"


def total_for(user):
    """The number shown beside "My work": cached for a minute, refreshed on the home page."""
    total = cache.get(_cache_key(user))
    if total is None:
        total = sum(i.count for i in items_for(user))
        cache.set(_cache_key(user), total, 60)
    return total


def refresh(user):
    items = items_for(user)
    cache.set(_cache_key(user), sum(i.count for i in items), 60)
    return items
