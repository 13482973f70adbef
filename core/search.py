"""The top bar's search: jump straight to a record whose number was typed.

The search box goes to the customer list; a higher app that owns numbered records (a
policy number, an application's reference, an insurer's reference) registers a *jump*:
``provider(term, user) -> url or None``, which returns the page of the one record of that
number the user may see. The first provider that answers wins; each costs at most one query
(an exact match on an indexed column, restricted to the user).
"""

_providers = []


def register(provider):
    """Add ``provider(term, user) -> str | None``; usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def jump(term, user):
    """The URL of the record numbered ``term`` that ``user`` may see, or ``None``."""
    term = (term or "").strip()
    if not term:
        return None
    for provider in _providers:
        url = provider(term, user)
        if url:
            return url
    return None
