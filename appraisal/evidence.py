"""The evidence shown beside an appraisal's rated items (ability and attitude).

The registry is ``core.evidence`` (the apps that hold the evidence sit below ``appraisal`` and
register into core, as they do for My work and the record cards); this module is the
appraisal's entry to it:

* ``register(provider)``: add a provider ``provider(employee, start, end) ->
  [EvidenceGroup]`` (see ``core.evidence`` for the contract);
* ``evidence_for(employee, start, end) -> [EvidenceGroup]``: the groups of every provider for
  the period ``[start, end)`` (half-open, like ``core.figures``), and for the subjects the
  product does not record yet — attendance, confidentiality breaches — a group that says so,
  until a provider supplies a group with that code;
* ``for_item(groups, code)``: the groups that support one rated item.

Registered providers (each in its app's ``evidence.py``, registered by its ``providers.py``):

========================  ===================================  ===============================
code                      what                                 items
========================  ===================================  ===============================
``training_courses``      courses completed (training records) product knowledge, sales
                                                               skills, learning
``training_tests``        online test attempts and scores      product knowledge, learning
``training_certificates`` certificates obtained                product knowledge, learning
``follow_up_answers``     follow-up satisfaction answers       service quality
``complaints``            complaints about their customers     service quality, problem solving
``proposals_returned``    proposals returned by the review     rule compliance, sales skills
``documents_returned``    application papers rejected          rule compliance, responsibility
========================  ===================================  ===============================

Extension points: ``ATTENDANCE`` (``"attendance"``, responsibility) and ``CONFIDENTIALITY``
(``"confidentiality"``, rule compliance). The confidentiality app registers a provider
returning an ``EvidenceGroup(code=CONFIDENTIALITY, ...)`` with the breaches of the period;
an attendance source does the same with ``ATTENDANCE``. Until then the appraisal shows that
they are not recorded, never an empty "no breach".
"""

from functools import cache

from django.utils.translation import gettext as _

from core.evidence import (
    ATTENDANCE,
    CONFIDENTIALITY,
    ITEM_CODES,
    ITEMS,
    EvidenceGroup,
    EvidenceLine,
    collect,
    register,
)

__all__ = [
    "ATTENDANCE",
    "CONFIDENTIALITY",
    "ITEMS",
    "ITEM_CODES",
    "EvidenceGroup",
    "EvidenceLine",
    "evidence_for",
    "for_item",
    "not_recorded_groups",
    "register",
]


def not_recorded_groups():
    """The groups of the subjects no app records yet, saying so (one per extension point)."""
    return {
        ATTENDANCE: EvidenceGroup(
            ATTENDANCE,
            _("Attendance"),
            ("responsibility",),
            [],
            _("Attendance is not recorded in the system yet: rate it from what you know."),
            order=90,
        ),
        CONFIDENTIALITY: EvidenceGroup(
            CONFIDENTIALITY,
            _("Confidentiality breaches"),
            ("rule_compliance",),
            [],
            _(
                "Confidentiality breaches are not recorded in the system yet: rate compliance "
                "from what you know."
            ),
            order=91,
        ),
    }


def evidence_for(employee, start, end):
    """The evidence of ``employee`` (``org.Employee``) for ``[start, end)``: every registered
    provider's groups, then a "not recorded yet" group for each extension point no provider
    supplied. A constant number of queries (each provider's one or two)."""
    groups = collect(employee, start, end)
    supplied = {group.code for group in groups}
    missing = [group for code, group in not_recorded_groups().items() if code not in supplied]
    return [*groups, *missing]


def for_item(groups, code):
    """The groups among ``groups`` that support the rated item ``code``."""
    if code not in ITEM_CODES:
        raise KeyError(code)
    return [group for group in groups if code in group.item_codes]


# Item labels used before items named their evidence (``ItemRule.evidence_code``), and the
# usual Chinese names of the regulation's items.
_SYNONYMS = {
    "學習能力": "learning",
    "学习能力": "learning",
    "learning": "learning",
    "遵守制度": "rule_compliance",
    "服務質量": "service_quality",
    "服务质量": "service_quality",
    "責任心": "responsibility",
    "责任心": "responsibility",
}


@cache
def _labels():
    from django.conf import settings
    from django.utils import translation

    found = dict(_SYNONYMS)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in ITEMS.items():
                found.setdefault(str(label).strip().lower(), code)
    return found


def item_code(rule):
    """The evidence code (``ITEM_CODES``) of a rated item: the one it names, else the one
    its label is the name of in any language, else None."""
    if rule.evidence_code:
        return rule.evidence_code
    return _labels().get((rule.label or "").strip().lower())


def attach(rows, groups):
    """Set ``row.evidence`` (the groups supporting it) on each rated item row; in memory."""
    for row in rows:
        code = None if row.item.is_computed else item_code(row.item)
        row.evidence = for_item(groups, code) if code else []
    return rows
