"""After-sales' appraisal evidence (``core.evidence``): what the customers said in the
follow-ups of the period and the complaints received about the employee's customers, for the
service quality and problem solving items. Registered by ``providers.register_evidence``.

"The employee's customers" are the customer files they own (a salesperson) or support (the
file's clerk); a follow-up counts too when it was assigned to them (the clerk who called).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from core import evidence

from .models import Complaint, FollowUp


def _answer_line(follow_up):
    parts = []
    if follow_up.satisfaction is not None:
        parts.append(_("satisfaction %(score)s/5") % {"score": follow_up.satisfaction})
    if follow_up.opinions:
        parts.append(follow_up.opinions[:200])
    return evidence.EvidenceLine(
        _("%(date)s · %(customer)s (%(reference)s)")
        % {
            "date": follow_up.completed_on.isoformat(),
            "customer": follow_up.customer.name,
            "reference": follow_up.reference,
        },
        " · ".join(parts),
        follow_up.get_absolute_url(),
    )


def _complaint_line(complaint):
    return evidence.EvidenceLine(
        _("%(date)s · %(reference)s · %(customer)s: %(subject)s")
        % {
            "date": complaint.received_on.isoformat(),
            "reference": complaint.reference,
            "customer": complaint.customer.name,
            "subject": complaint.subject,
        },
        _("%(severity)s · %(status)s")
        % {
            "severity": complaint.get_severity_display(),
            "status": complaint.get_status_display(),
        },
        complaint.get_absolute_url(),
    )


def aftersales_evidence(employee, start, end):
    """The follow-up answers and complaints of ``employee``'s customers in ``[start, end)``;
    two queries."""
    user_id = employee.user_id
    mine = Q(customer__owner_id=user_id) | Q(customer__clerk_id=user_id)
    answers = list(
        FollowUp.objects.filter(
            mine | Q(assigned_to_id=user_id),
            status=FollowUp.Status.DONE,
            completed_on__gte=start,
            completed_on__lt=end,
        )
        .filter(Q(satisfaction__isnull=False) | ~Q(opinions=""))
        .select_related("customer")
        .order_by("completed_on", "pk")
    )
    complaints = list(
        Complaint.objects.filter(mine, received_on__gte=start, received_on__lt=end)
        .select_related("customer")
        .order_by("received_on", "pk")
    )
    scores = [a.satisfaction for a in answers if a.satisfaction is not None]
    answer_lines = [_answer_line(a) for a in answers]
    if scores:
        average = (Decimal(sum(scores)) / len(scores)).quantize(Decimal("0.1"), ROUND_HALF_UP)
        low = sum(1 for score in scores if score <= 2)
        answer_lines.insert(
            0,
            evidence.EvidenceLine(
                _("Average satisfaction"),
                _("%(average)s/5 over %(count)s answers; %(low)s of them 1 or 2")
                % {"average": average, "count": len(scores), "low": low},
            ),
        )
    return [
        evidence.EvidenceGroup(
            "follow_up_answers",
            _("Follow-up satisfaction"),
            ("service_quality",),
            evidence.capped(answer_lines),
            _("No follow-up answer in the period."),
            order=20,
        ),
        evidence.EvidenceGroup(
            "complaints",
            _("Complaints about their customers' service"),
            ("service_quality", "problem_solving"),
            evidence.capped([_complaint_line(c) for c in complaints]),
            _("No complaint received in the period."),
            order=21,
        ),
    ]


def register():
    evidence.register(aftersales_evidence)
