"""Sales' appraisal evidence (``core.evidence``): the employee's proposals that the review
(compliant, reasonable, feasible: 合規性、合理性、可行性) returned in the period, for the rule
compliance and sales skills items. Registered by ``providers.register_evidence``."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import evidence

from .models import Proposal

CHECKS = (
    ("review_compliant", gettext_lazy("not compliant")),
    ("review_reasonable", gettext_lazy("not reasonable")),
    ("review_feasible", gettext_lazy("not feasible")),
)


def _line(proposal):
    failed = [str(label) for name, label in CHECKS if not getattr(proposal, name)]
    if failed:
        parts = [_("returned: %(checks)s") % {"checks": _(", ").join(failed)}]
    else:
        parts = [_("returned")]
    if proposal.review_comment:
        parts.append(proposal.review_comment[:200])
    return evidence.EvidenceLine(
        _("%(date)s · %(customer)s, proposal v%(version)s")
        % {
            "date": timezone.localtime(proposal.reviewed_at).date().isoformat(),
            "customer": proposal.opportunity.customer.name,
            "version": proposal.version,
        },
        " · ".join(parts),
        proposal.get_absolute_url(),
    )


def _local_midnight(day):
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def returned_proposals(employee, start, end):
    """The proposals of ``employee``'s opportunities the review returned in ``[start, end)``
    (status returned, or a later version's predecessor whose review did not pass all three
    checks); one query."""
    passed = Q(review_compliant=True, review_reasonable=True, review_feasible=True)
    proposals = list(
        Proposal.objects.filter(
            Q(status=Proposal.Status.RETURNED) | ~passed,
            opportunity__owner_id=employee.user_id,
            reviewed_by__isnull=False,
            reviewed_at__gte=_local_midnight(start),
            reviewed_at__lt=_local_midnight(end),
        )
        .select_related("opportunity__customer")
        .order_by("reviewed_at", "pk")
    )
    return [
        evidence.EvidenceGroup(
            "proposals_returned",
            _("Proposals returned by the review"),
            ("rule_compliance", "sales_skills"),
            evidence.capped([_line(proposal) for proposal in proposals]),
            _("No proposal returned by the review in the period."),
            order=30,
        )
    ]


def register():
    evidence.register(returned_proposals)
