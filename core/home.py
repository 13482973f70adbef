"""Panels on the start page: apps register what a user should see first.

A provider takes the user and returns a ``Panel`` (or None when it has nothing for this user):
the reports app shows a salesperson's month against target, a supervisor's team at a glance.
The home page renders every panel after "My work", in registration order.
"""

from dataclasses import dataclass, field

_providers = []


@dataclass
class Panel:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    url: str = ""  # "more": the full page behind the panel
    url_label: str = ""


def register(provider):
    """Register ``provider(user) -> Panel | None``; usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def panels_for(user):
    return [p for p in (provider(user) for provider in _providers) if p is not None]
