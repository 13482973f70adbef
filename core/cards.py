"""Record cards registry: a higher app shows its records on a lower app's record page.

The customer file's overview shows the open opportunities, policies in force, open
follow-ups, claims and complaints, and the last and next visit, without customers importing
the apps that own them. A provider takes the record and the user and returns a ``Card`` (or
``None`` when the user may not see that kind of record); it reads the user's rows only
(``visible_to``) and costs a constant number of queries (one or two).
"""

from collections import defaultdict
from dataclasses import dataclass, field

_providers = defaultdict(list)

CARD_ROWS = 5  # rows shown on a card; the card links to the full list for more


@dataclass
class CardRow:
    label: str  # the record as people name it (a reference, a product, a date)
    url: str = ""
    detail: str = ""  # one line of facts: a stage, an amount, a date
    badge: str = ""  # a short state, e.g. "overdue"
    badge_style: str = "secondary"  # a Bootstrap colour


@dataclass
class Card:
    title: str
    rows: list = field(default_factory=list)
    more_url: str = ""  # the full list of these records for this file
    more: bool = False  # there are more rows than shown
    empty: str = ""  # what the card says with no row
    icon: str = ""  # a Bootstrap icon name, e.g. "bi-funnel"
    order: int = 50  # cards are shown in this order


def register(model_label, provider=None):
    """``provider(obj, user) -> Card | None`` for ``model_label`` ("app_label.modelname")
    records; usable as ``@register("customers.customer")``."""

    def _add(func):
        if func not in _providers[model_label.lower()]:
            _providers[model_label.lower()].append(func)
        return func

    return _add(provider) if provider is not None else _add


def cards_for(obj, user):
    """The cards of ``obj`` that ``user`` may see, in their order."""
    cards = [provider(obj, user) for provider in _providers.get(obj._meta.label_lower, ())]
    return sorted((c for c in cards if c is not None), key=lambda c: c.order)


def rows_of(queryset, row):
    """The first ``CARD_ROWS`` rows of ``queryset`` turned into ``CardRow``s by ``row``, and
    whether there are more — with one query."""
    found = list(queryset[: CARD_ROWS + 1])
    return [row(obj) for obj in found[:CARD_ROWS]], len(found) > CARD_ROWS
