"""Confidentiality's appraisal evidence (``core.evidence``): the breaches of confidentiality
found in the period, for the rule-compliance item. Registered by ``providers.register``."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from core import evidence

from . import selectors


def breaches(employee, start, end):
    """The breaches of ``employee`` found in ``[start, end)``, each with its severity and
    whether it is still being handled; one query."""
    rows = list(selectors.breaches_for(employee, start, end - dt.timedelta(days=1)))
    lines = [
        evidence.EvidenceLine(
            _("%(date)s · %(what)s") % {"date": row.found_on.isoformat(), "what": row.what[:120]},
            " · ".join(
                part
                for part in (
                    str(row.get_severity_display()),
                    str(row.get_status_display()),
                    row.action_taken[:120],
                )
                if part
            ),
            reverse("confidentiality:breach", args=[row.pk]),
        )
        for row in rows
    ]
    return [
        evidence.EvidenceGroup(
            code=evidence.CONFIDENTIALITY,
            title=_("Confidentiality breaches"),
            item_codes=("rule_compliance",),
            lines=evidence.capped(lines),
            empty=_("No breach of confidentiality found in the period."),
            order=80,
        )
    ]


def register():
    evidence.register(breaches)
