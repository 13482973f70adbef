"""The kinds of requirement a promotion step can have, and how each is checked.

A requirement (``training.models.StepRequirement``) names its kind; the kind's checker says
whether an employee meets it and how far they are. Training defines three kinds: a minimum
tenure (months since the hire date), a completed course (a line of the training file) and
a held certificate (verified and not expired). A higher app adds its own kind from its
``ready()`` without training importing it, e.g. appraisal's grades::

    from training import requirements

    def load_grades(employee_ids, on):  # one query for every employee of the page
        return {emp_id: best_grade, ...}

    requirements.register(
        requirements.RequirementKind(
            key="appraisal_grade",
            label=_("Appraisal grade"),
            fields=("value",),  # the StepRequirement fields the form asks for
            load=load_grades,  # facts[key] for check()
            check=lambda req, employee, facts: requirements.Progress(
                met=grade_at_least(facts.get(employee.pk), req.value),
                text=...,
            ),
            # A Text (core.i18n): audit events keep it and read it in each reader's language.
            describe=lambda req: Text(
                gettext_noop("Appraisal grade %(grade)s or better"), {"grade": req.value}
            ),
        )
    )

``load(employee_ids, on)`` is called once per page for all the employees shown, so
checking a list costs a constant number of queries; ``check(requirement, employee,
facts)`` reads ``facts[key]`` (what ``load`` returned) and returns a :class:`Progress`.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.i18n import Text


@dataclass
class Progress:
    """Where an employee stands on one requirement: met or not, and a short text."""

    met: bool
    text: str


@dataclass
class RequirementKind:
    key: str
    label: str
    fields: tuple  # StepRequirement fields the requirement uses (the form asks for these)
    check: Callable  # (requirement, employee, facts) -> Progress
    describe: Callable  # (requirement) -> a core.i18n.Text (or a plain str)
    load: Callable | None = None  # (employee_ids, on) -> data kept in facts[key]


_kinds = {}


def register(kind):
    """Add (or replace) a requirement kind; apps call this in their ready()."""
    _kinds[kind.key] = kind
    return kind


def kinds():
    return dict(_kinds)


def choices():
    return [(k.key, k.label) for k in _kinds.values()]


def describe(requirement):
    """The requirement in words, in the active language."""
    return str(describe_text(requirement))


def describe_text(requirement):
    """The requirement as its kind describes it: a ``core.i18n.Text`` that an audit event
    keeps and reads in each reader's language (a kind that gives plain text: as given)."""
    kind = _kinds.get(requirement.kind)
    if kind is None:
        return requirement.kind
    return kind.describe(requirement)


def load_facts(employee_ids, on=None):
    """What every checker needs about ``employee_ids``, in one query per kind."""
    on = on or dt.date.today()
    facts = {"on": on}
    for kind in _kinds.values():
        if kind.load is not None:
            facts[kind.key] = kind.load(list(employee_ids), on)
    return facts


def check(requirement, employee, facts):
    kind = _kinds.get(requirement.kind)
    if kind is None:
        return Progress(
            False, gettext("Unknown requirement: %(kind)s") % {"kind": requirement.kind}
        )
    return kind.check(requirement, employee, facts)


# --- the kinds training defines ------------------------------------------------------------


def months_between(start, end):
    """Whole months from ``start`` to ``end`` (0 if end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _check_tenure(requirement, employee, facts):
    months = months_between(employee.hire_date, facts["on"])
    return Progress(
        months >= (requirement.months or 0),
        gettext("%(have)d of %(need)d months") % {"have": months, "need": requirement.months or 0},
    )


def _load_courses(employee_ids, on):
    from .models import TrainingRecord

    done = {}
    rows = (
        TrainingRecord.objects.filter(employee_id__in=employee_ids, course__isnull=False)
        .exclude(passed=False)
        .values_list("employee_id", "course_id", "completed_on")
    )
    for employee_id, course_id, completed_on in rows:
        seen = done.setdefault(employee_id, {})
        if course_id not in seen or seen[course_id] < completed_on:
            seen[course_id] = completed_on
    return done


def _check_course(requirement, employee, facts):
    completed = facts["course"].get(employee.pk, {}).get(requirement.course_id)
    if completed:
        return Progress(True, gettext("completed on %(day)s") % {"day": completed.isoformat()})
    return Progress(False, gettext("not completed"))


def _load_certificates(employee_ids, on):
    from .models import Certificate

    held = {}
    rows = (
        Certificate.objects.filter(employee_id__in=employee_ids, status=Certificate.Status.VERIFIED)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
        .values_list("employee_id", "kind_id", "expires_on")
    )
    for employee_id, kind_id, expires_on in rows:
        held.setdefault(employee_id, {})[kind_id] = expires_on
    return held


def _check_certificate(requirement, employee, facts):
    mine = facts["certificate"].get(employee.pk, {})
    if requirement.qualification_id in mine:
        expires = mine[requirement.qualification_id]
        text = (
            gettext("held, valid until %(day)s") % {"day": expires.isoformat()}
            if expires
            else gettext("held")
        )
        return Progress(True, text)
    return Progress(False, gettext("not held"))


register(
    RequirementKind(
        key="tenure",
        label=_("Minimum tenure"),
        fields=("months",),
        check=_check_tenure,
        describe=lambda r: Text(
            gettext_noop("At least %(months)d months with the company"), {"months": r.months or 0}
        ),
    )
)
register(
    RequirementKind(
        key="course",
        label=_("Course completed"),
        fields=("course",),
        check=_check_course,
        load=_load_courses,
        describe=lambda r: Text(gettext_noop("Course: %(course)s"), {"course": r.course}),
    )
)
register(
    RequirementKind(
        key="certificate",
        label=_("Certificate held"),
        fields=("qualification",),
        check=_check_certificate,
        load=_load_certificates,
        describe=lambda r: Text(gettext_noop("Certificate: %(kind)s"), {"kind": r.qualification}),
    )
)
