"""The policy file check: what a delivered policy's file still lacks."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.models import Notification

from ..models import FollowUp
from ._common import _tell, _today
from .follow_ups import _needs_follow_up


def policy_file_gaps(policy, *, delivery_follow_up_status=None, needs_follow_up=None):
    """What a policy's file lacks: the signed receipt, the follow-up record."""
    gaps = []
    if not policy.delivered_on or not policy.receipt:
        gaps.append(_("signed receipt"))
    if needs_follow_up is None:
        needs_follow_up = _needs_follow_up(policy)
    if needs_follow_up and delivery_follow_up_status != FollowUp.Status.DONE:
        gaps.append(_("follow-up record"))
    return gaps


def policy_files_check(*, today=None):
    """The weekly filing job: tell each clerk how many policy files of their teams are
    incomplete (once per clerk and ISO week). Returns {"incomplete": n, "sent": m}."""
    from ..selectors import incomplete_policy_files_all

    today = _today(today)
    year, week, _day = today.isocalendar()
    by_clerk = {}
    incomplete = list(incomplete_policy_files_all(today=today))
    for policy in incomplete:
        for clerk in policy.customer.team.clerks.all():
            if clerk.is_active:
                by_clerk.setdefault(clerk, []).append(policy)
    sent = 0
    for clerk, policies in by_clerk.items():
        sent += _tell(
            [clerk],
            title=Text(gettext_noop("%(n)s policy files are incomplete"), {"n": len(policies)}),
            body="、".join(p.policy_number for p in policies[:20]),
            url=reverse("aftersales:policyfile_list"),
            level=Notification.Level.WARNING,
            key=f"policy-files:{year}-W{week:02d}",
        )
    return {"incomplete": len(incomplete), "sent": sent}
