"""Appraisal evidence registry: what the record says about an employee's ability and attitude.

The appraisal form shows, beside the rating fields of the ability and attitude items, the
evidence of the period from the apps that hold it: test scores and courses from training,
follow-up satisfaction and complaints from after-sales, proposals returned by review from
sales, documents returned by the checks from underwriting. Those apps sit below ``appraisal``
(DESIGN.md's layering) and may not import it, so they register a provider here, from their
``providers.py`` (called by their ``AppConfig.ready()``), the way they fill the My work and
card registries; ``appraisal.evidence.evidence_for`` collects them.

A provider is ``provider(employee, start, end) -> [EvidenceGroup]`` (or ``[]``):
``employee`` an ``org.Employee``, ``[start, end)`` the appraisal period as half-open local
dates (a month: its 1st and the next month's 1st), like ``core.figures``. It returns only
records of the period, costs a constant number of queries (one or two) whatever the number of
records, and shows facts, never a score: the rating is the assessor's. Its lines link to the
records' pages, which check who may open them.

``EvidenceGroup.item_codes`` names the rated items the group supports (``ITEM_CODES``).
``ATTENDANCE`` and ``CONFIDENTIALITY`` are the codes of evidence the product does not record
yet; the appraisal states so until an app registers a provider returning a group with that
code (the confidentiality app's breach records, an attendance source).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

#: The rated items of the ability and attitude dimensions, with their labels.
ITEMS = {
    "product_knowledge": _("Product knowledge"),
    "sales_skills": _("Sales skills"),
    "service_quality": _("Service quality"),
    "problem_solving": _("Problem solving"),
    "responsibility": _("Responsibility"),
    "teamwork": _("Teamwork"),
    "learning": _("Eagerness to learn"),
    "rule_compliance": _("Rule compliance"),
}
ITEM_CODES = tuple(ITEMS)

#: Evidence codes of subjects not recorded yet: the extension points.
ATTENDANCE = "attendance"
CONFIDENTIALITY = "confidentiality"

#: Lines a group shows at most; a last line says how many more there are.
MAX_LINES = 30

_providers = []


@dataclass(frozen=True)
class EvidenceLine:
    """One fact: what (a course, a customer's answer, a proposal), its value (a score, a
    status, a date) and the record's page (``""`` when there is none)."""

    label: str
    value: str = ""
    url: str = ""


@dataclass(frozen=True)
class EvidenceGroup:
    """The evidence of one subject for the period, and the rated items it supports.

    ``lines`` empty means the subject is recorded but nothing happened in the period;
    ``empty`` then says so ("No course completed in the period.").
    """

    code: str
    title: str
    item_codes: tuple
    lines: list = field(default_factory=list)
    empty: str = ""
    order: int = 50

    def __post_init__(self):
        unknown = set(self.item_codes) - set(ITEM_CODES)
        if unknown:
            raise ValueError(f"unknown appraisal items: {', '.join(sorted(unknown))}")


def register(provider):
    """Add ``provider(employee, start, end) -> [EvidenceGroup]``; usable as a decorator.
    Registering the same function twice keeps one."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def providers():
    """The registered providers, in registration order."""
    return list(_providers)


def collect(employee, start, end):
    """Every registered provider's groups for ``employee`` in ``[start, end)``, by order then
    code."""
    groups = []
    for provider in _providers:
        groups.extend(provider(employee, start, end) or [])
    return sorted(groups, key=lambda group: (group.order, group.code))


def capped(lines, total=None):
    """``lines`` cut to ``MAX_LINES``, with a last line saying how many more there are (of
    ``total``, when the caller counted them)."""
    from django.utils.translation import gettext

    lines = list(lines)
    total = len(lines) if total is None else total
    if total <= MAX_LINES:
        return lines
    more = total - MAX_LINES
    return [
        *lines[:MAX_LINES],
        EvidenceLine(gettext("… and %(count)s more") % {"count": more}),
    ]


__all__ = [
    "ATTENDANCE",
    "CONFIDENTIALITY",
    "ITEMS",
    "ITEM_CODES",
    "MAX_LINES",
    "EvidenceGroup",
    "EvidenceLine",
    "capped",
    "collect",
    "providers",
    "register",
]
