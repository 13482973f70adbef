"""Policy issuance from an accepted application (the opportunity won, the prospect made a
customer)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.i18n import Text
from core.models import Notification
from core.services import audit_event, notify, require_permission, save_checked, saved_by
from customers import services as customer_services
from customers.models import Customer
from sales import services as sales_services
from sales.models import Frequency, Opportunity

from .. import rules
from ..models import Application, Policy, money
from ._common import ISSUE_PERM, PAYMENTS_PER_YEAR, Status
from .life_cycle import _move
from .premiums import _refresh_next_due, premium_schedule_extend


def _mark_won(opportunity, actor):
    """The sales service marks the opportunity won (through the application stage)."""
    opportunity = Opportunity.objects.get(pk=opportunity.pk)
    Stage = Opportunity.Stage
    if opportunity.stage == Stage.WON:
        return opportunity
    if opportunity.stage == Stage.LOST:
        raise ValidationError(
            _("The opportunity %(name)s is marked lost; a policy cannot be issued on it.")
            % {"name": opportunity}
        )
    if opportunity.stage == Stage.PROPOSAL:
        opportunity = sales_services.opportunity_transition(
            opportunity=opportunity, to=Stage.APPLICATION, actor=actor
        )
    return sales_services.opportunity_transition(
        opportunity=opportunity, to=Stage.WON, actor=actor, reason=_("Policy issued")
    )


def _make_customer(customer, actor):
    """The customers service moves the file to the stage "customer" (its rules apply: the
    file must hold what a customer's file needs)."""
    customer = Customer.objects.get(pk=customer.pk)
    if customer.stage == Customer.Stage.CUSTOMER:
        return customer
    saved_by(customer, actor)
    try:
        return customer_services.customer_update(
            actor=actor, customer=customer, stage=Customer.Stage.CUSTOMER, reason=_("Policy issued")
        )
    except ValidationError as exc:
        fields = getattr(exc, "error_dict", {}) or {}
        labels = [str(Customer._meta.get_field(n).verbose_name) for n in fields if n != "__all__"]
        raise ValidationError(
            _("Complete the customer file first; a customer's file needs: %(fields)s.")
            % {"fields": "、".join(labels) or "; ".join(exc.messages)}
        ) from exc


def policy_defaults(line):
    """What the issuance form starts from for ``line``: the applied terms, with the insurer's
    conditions (extra premium, reduced cover) when the application has this single line."""
    application = line.application
    single = application.lines.count() == 1
    annual = line.annual_premium
    sum_insured = line.sum_insured
    if single and application.extra_premium:
        annual += application.extra_premium
    if single and application.reduced_sum_insured:
        sum_insured = application.reduced_sum_insured
    return {
        "sum_insured": sum_insured,
        "annual_premium": annual,
        "frequency": line.frequency,
        "term_years": rules.parse_years(line.term),
        "payment_years": rules.parse_years(line.payment_period)
        if rules.parse_years(line.payment_period) is not None
        else (0 if line.frequency == Frequency.SINGLE else 1),
    }


def _check_issuable(application, line, policy_number, effective_date):
    """Refuse a policy on an application not accepted, a line that has one already, or
    without number or effective date; returns the policy number, trimmed."""
    if not application.is_accepted:
        raise ValidationError(
            _("A policy is issued on an accepted application (this one is “%(status)s”).")
            % {"status": application.get_status_display()}
        )
    if Policy.objects.filter(application_line_id=line.pk).exists():
        raise ValidationError(_("A policy has already been recorded for this cover."))
    policy_number = (policy_number or "").strip()
    if not policy_number:
        raise ValidationError({"policy_number": _("Enter the policy number.")})
    if effective_date is None:
        raise ValidationError({"effective_date": _("Enter the effective date.")})
    return policy_number


def _policy_issued_follow_up(*, actor, application, line, policy, policy_number):
    """What a recorded policy sets off: the audit event, the application issued once every
    line is, the opportunity won, the customer made one, and the salesperson told."""
    audit_event(
        actor=actor,
        verb="policy_issued",
        target=policy,
        message=Text(
            gettext_noop("Policy %(number)s issued by %(insurer)s: %(product)s for %(insured)s"),
            {
                "number": policy_number,
                "insurer": application.insurer,
                "product": line.product.name,
                "insured": policy.insured_name,
            },
        ),
        data={"application": application.pk, "line": line.pk},
    )
    if not application.lines.filter(policy__isnull=True).exists():
        _move(
            actor=actor,
            application=application,
            to=Status.ISSUED,
            verb="application_issued",
            message=Text(
                gettext_noop("%(ref)s: every policy issued"), {"ref": application.reference}
            ),
            perm=ISSUE_PERM,
        )
    _mark_won(application.opportunity, actor)
    _make_customer(application.customer, actor)
    notify(
        recipient=application.customer.owner,
        title=Text(gettext_noop("Policy issued: %(policy)s"), {"policy": policy}),
        url=policy.get_absolute_url(),
        level=Notification.Level.SUCCESS,
        dedupe_key=f"uw-issued:{policy.pk}",
    )


@transaction.atomic
def policy_issue(
    *,
    actor,
    line,
    policy_number,
    effective_date,
    payment_years,
    term_years=None,
    sum_insured=None,
    annual_premium=None,
    frequency=None,
    first_premium_paid_on=None,
    issued_on=None,
):
    """Record the policy the insurer issued for an accepted application line, in one
    transaction: the policy with its beneficiaries and premium schedule, the application
    (issued once every line is), the opportunity (won, through the sales service) and the
    customer (stage "customer", through the customers service). Any failure undoes it all."""
    application = Application.objects.select_for_update().get(pk=line.application_id)
    require_permission(
        actor,
        application,
        ISSUE_PERM,
        message=_("Only a clerk supporting the customer's team records issued policies."),
    )
    policy_number = _check_issuable(application, line, policy_number, effective_date)
    defaults = policy_defaults(line)
    frequency = frequency or defaults["frequency"]
    if frequency == Frequency.SINGLE:
        payment_years = 0
    elif not payment_years:
        raise ValidationError({"payment_years": _("Enter the number of years premiums are paid.")})
    annual = money(annual_premium if annual_premium is not None else defaults["annual_premium"])
    per_year = PAYMENTS_PER_YEAR[frequency]
    end_date = rules.add_months(effective_date, 12 * term_years) if term_years else None
    policy = Policy(
        application=application,
        application_line=line,
        proposal_id=application.proposal_id,
        opportunity_id=application.opportunity_id,
        customer_id=application.customer_id,
        insurer_id=application.insurer_id,
        product_id=line.product_id,
        insured_member_id=line.insured_member_id,
        insured_name=line.insured_name,
        beneficiaries=[
            {"name": b.name, "relation": b.relation, "share": str(b.share)}
            for b in application.beneficiaries.all()
        ],
        policy_number=policy_number,
        sum_insured=money(sum_insured if sum_insured is not None else defaults["sum_insured"]),
        annual_premium=annual,
        frequency=frequency,
        installment=money(annual / per_year),
        payment_years=payment_years,
        term_years=term_years,
        effective_date=effective_date,
        end_date=end_date,
        issued_on=issued_on or timezone.localdate(),
        issued_by=actor,
    )
    save_checked(policy, actor)
    premium_schedule_extend(actor=actor, policy=policy)
    first = policy.premiums.order_by("due_date").first()
    if first is not None and first_premium_paid_on is not None:
        first.paid_on = first_premium_paid_on
        save_checked(first, actor)
    _refresh_next_due(policy, actor)
    _policy_issued_follow_up(
        actor=actor, application=application, line=line, policy=policy, policy_number=policy_number
    )
    return policy
