"""Contract delivery and the cooling-off period's cancellations."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text, choice
from core.services import (
    audit_event,
    require_permission,
    save_checked,
    saved_by,
)

from .. import rules
from ..models import Policy, money
from ._common import DELIVER_PERM


def _delivery_errors(*, delivered_on, method, receipt_signed_on, receipt, explained):
    """{field: message} of what a delivery record lacks; ``explained`` are the four flags
    (coverage, exclusions, claims process, cooling-off period) in that order."""
    errors = {}
    if not delivered_on:
        errors["delivered_on"] = _("Enter the delivery date.")
    if not method:
        errors["method"] = _("Say how the contract was delivered.")
    if not receipt_signed_on:
        errors["receipt_signed_on"] = _("Enter the date the customer signed the receipt.")
    elif delivered_on and receipt_signed_on < delivered_on:
        errors["receipt_signed_on"] = _("The receipt cannot be signed before the delivery.")
    if not receipt:
        errors["receipt"] = _("Upload the receipt the customer signed.")
    unexplained = [
        label
        for flag, label in zip(
            explained,
            (
                _("coverage"),
                _("exclusions"),
                _("the claims process"),
                _("the cooling-off period"),
            ),
            strict=True,
        )
        if not flag
    ]
    if unexplained:
        errors["__all__"] = _(
            "Explain to the customer before recording the delivery: %(items)s."
        ) % {"items": "、".join(str(u) for u in unexplained)}
    return errors


@transaction.atomic
def policy_deliver(
    *,
    actor,
    policy,
    delivered_on,
    method,
    receipt_signed_on,
    receipt,
    explained_coverage,
    explained_exclusions,
    explained_claims,
    explained_cooling_off,
):
    """Record that the contract was delivered and explained to the customer: the signed
    receipt, and that coverage, exclusions, the claims process and the cooling-off period
    were explained. The cooling-off end is computed from the receipt date. A regulated
    milestone on the timeline."""
    require_permission(
        actor,
        policy,
        DELIVER_PERM,
        message=_("Only a clerk supporting the customer's team records deliveries."),
    )
    if policy.delivered_on:
        raise ValidationError(_("The delivery of this contract is already recorded."))
    if policy.status != Policy.Status.IN_FORCE:
        raise ValidationError(_("Only a policy in force is delivered."))
    errors = _delivery_errors(
        delivered_on=delivered_on,
        method=method,
        receipt_signed_on=receipt_signed_on,
        receipt=receipt,
        explained=(
            explained_coverage,
            explained_exclusions,
            explained_claims,
            explained_cooling_off,
        ),
    )
    if errors:
        raise ValidationError(errors)
    policy.delivered_on = delivered_on
    policy.delivery_method = method
    policy.receipt_signed_on = receipt_signed_on
    policy.receipt = receipt
    policy.explained_coverage = policy.explained_exclusions = True
    policy.explained_claims = policy.explained_cooling_off = True
    policy.delivered_by = actor
    policy.cooling_off_ends = rules.cooling_off_end(
        receipt_date=receipt_signed_on,
        category=policy.product.category,
        term_years=policy.term_years,
    )
    policy._change_reason = _("Contract delivered")
    save_checked(policy, actor)
    audit_event(
        actor=actor,
        verb="contract_delivered",
        target=policy,
        message=Text(
            gettext_noop(
                "Contract %(number)s delivered (%(method)s) and explained: coverage, exclusions, "
                "claims process, cooling-off period; cooling-off ends %(ends)s"
            ),
            {
                "number": policy.policy_number,
                "method": choice(policy, "delivery_method", policy.delivery_method),
                "ends": policy.cooling_off_ends.isoformat() if policy.cooling_off_ends else "—",
            },
        ),
        data={
            "delivered_on": delivered_on.isoformat(),
            "receipt_signed_on": receipt_signed_on.isoformat(),
            "cooling_off_ends": policy.cooling_off_ends.isoformat()
            if policy.cooling_off_ends
            else None,
        },
    )
    return policy


@transaction.atomic
def policy_cancel_cooling_off(*, actor, policy, cancelled_on, refund_amount, reason):
    """The customer cancels within the cooling-off period: the policy ends, the refund is
    recorded, paid premiums are marked refunded and the unpaid schedule removed."""
    require_permission(actor, policy, DELIVER_PERM)
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if policy.status != Policy.Status.IN_FORCE:
        raise ValidationError(_("Only a policy in force can be cancelled."))
    if not policy.cooling_off_ends:
        raise ValidationError(
            _("This policy has no cooling-off period (or its delivery is not recorded yet).")
        )
    if cancelled_on is None or cancelled_on > policy.cooling_off_ends:
        raise ValidationError(
            {
                "cancelled_on": _("The cooling-off period ended on %(date)s.")
                % {"date": policy.cooling_off_ends.isoformat()}
            }
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the customer's reason.")})
    if refund_amount is None or refund_amount < 0:
        raise ValidationError({"refund_amount": _("Enter the refund (0 or more).")})
    policy.status = Policy.Status.CANCELLED
    policy.ended_on = cancelled_on
    policy.end_reason = reason
    policy.refund_amount = money(refund_amount)
    policy.next_premium_due = None
    policy._change_reason = _("Cancelled in the cooling-off period")
    save_checked(policy, actor)
    for premium in list(policy.premiums.all()):
        if premium.paid_on:
            premium.refunded = True
            save_checked(premium, actor)
        else:
            saved_by(premium, actor).delete()
    audit_event(
        actor=actor,
        verb="policy_cancelled",
        target=policy,
        message=Text(
            gettext_noop(
                "Policy %(number)s cancelled in the cooling-off period; refund %(refund)s"
            ),
            {"number": policy.policy_number, "refund": policy.refund_amount},
        ),
        data={"reason": reason, "refund": str(policy.refund_amount)},
    )
    return policy
