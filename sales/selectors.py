"""Reads of the sales chapter shared by views, exports, reports and later apps: restricted,
prefetched querysets (``<entity>_list(*, user, filters)``), never a write.

The list querysets of the sales pages still sit in ``sales/views.py`` and move here when
that module is split by subject; new reads start here."""

from core.permissions import get_profile


def visible_profile_teams(user):
    """The teams whose sales work ``user`` oversees (leads or supports)."""
    return get_profile(user).team_ids
