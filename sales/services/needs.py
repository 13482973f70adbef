"""Needs analyses: versioned, with the working of the gaps and the premium budget."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core import params
from core.i18n import Text
from core.permissions import can
from core.services import audit_event, save_checked

from .. import calculations as calc
from .. import rules
from ..models import (
    NeedsAnalysis,
    Opportunity,
)
from .pipeline import Stage, _touch

# --- needs analysis ----------------------------------------------------------------------


def compute_needs(analysis, *, ci_multiple=None, budget_share=None):
    """Fill the risk level and the gaps of ``analysis`` (parameters default to today's)."""
    analysis.ci_multiple = ci_multiple if ci_multiple is not None else params.get(rules.CI_MULTIPLE)
    analysis.budget_share = (
        budget_share if budget_share is not None else params.get(rules.BUDGET_SHARE)
    )
    analysis.risk_level = calc.risk_level(analysis.risk_answers())
    analysis.life_gap = calc.life_gap(
        support_years=analysis.support_years,
        annual_expenses=analysis.annual_expenses,
        liabilities=analysis.liabilities,
        liquid_assets=analysis.liquid_assets,
        existing_life_cover=analysis.existing_life_cover,
    ).result
    analysis.ci_gap = calc.ci_gap(
        multiple=analysis.ci_multiple,
        annual_income=analysis.annual_income,
        existing_ci_cover=analysis.existing_ci_cover,
    ).result
    analysis.premium_budget = calc.premium_budget(
        share=analysis.budget_share, annual_income=analysis.annual_income
    )
    return analysis


@transaction.atomic
def needs_analysis_create(*, actor, analysis):
    """Save ``analysis`` as the customer's next version, with the gaps computed."""
    customer = analysis.customer
    if not can(actor, customer, "view"):
        raise PermissionDenied(_("You may not see this customer."))
    last = NeedsAnalysis.objects.filter(customer=customer).aggregate(v=Max("version"))["v"]
    analysis.pk = None
    analysis.version = (last or 0) + 1
    analysis.prepared_by = actor
    compute_needs(analysis)
    save_checked(analysis, actor)
    audit_event(
        actor=actor,
        verb="needs_analysed",
        target=customer,
        message=Text(
            gettext_noop("Needs analysis v%(version)s recorded"), {"version": analysis.version}
        ),
        data={"needs_analysis": analysis.pk},
    )
    for opportunity in Opportunity.objects.filter(customer=customer).exclude(
        stage__in=[Stage.WON, Stage.LOST]
    ):
        _touch(opportunity, actor)
    return analysis


def latest_needs_analysis(customer):
    return NeedsAnalysis.objects.filter(customer=customer).order_by("-version").first()
