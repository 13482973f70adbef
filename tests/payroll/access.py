"""Permission matrix of the pay tables: HR keeps them, management reads them, nobody
else sees them (not even one's own contribution base, until payslips come)."""

from tests.access import OK, Case

from .factories import (
    make_additional_standard,
    make_base,
    make_claim,
    make_policy,
    make_standard_deduction,
    make_tax_table,
)
from .pay_access import PAY_CASES, pay_scenario

READ = {"hr": OK, "manager": OK, "superuser": OK}
EDIT = {"hr": OK, "superuser": OK}
ROWS_FOR = ("hr", "manager", "superuser")


def _reset():
    """A write case rebuilds the scenario: start again from no pay records."""
    from org.models import Grade
    from payroll import models

    for model in (
        models.Payslip,
        models.SalaryAccount,
        models.PayrollRun,
        models.PayItem,
        models.SalaryChange,
        models.GradePay,
        models.BonusTier,
        models.DeductionClaim,
        models.ContributionBase,
        models.ContributionPolicy,
        models.AdditionalDeductionStandard,
        models.StandardDeduction,
        models.TaxTable,
    ):
        model.objects.all().delete()
    Grade.objects.filter(code="PAY1").delete()


def scenario(personas):
    _reset()
    objects = _rates_scenario(personas)
    objects.update(pay_scenario(personas))
    return objects


def _rates_scenario(personas):
    table = make_tax_table()
    policy = make_policy()
    return {
        "taxtable": table,
        "bracket": table.brackets.first(),
        "standard": make_standard_deduction(),
        "additional": make_additional_standard(),
        "policy": policy,
        "rate": policy.rates.first(),
        "base_a": make_base(personas["salesperson"].employee),
        "base_b": make_base(personas["other_salesperson"].employee),
        "claim_a": make_claim(personas["salesperson"].employee),
        "claim_b": make_claim(personas["other_salesperson"].employee),
    }


def _pk(name):
    return lambda o: [o[name].pk]


def _pages(model, obj, rows, delete=False):
    cases = [
        Case(f"payroll:{model}_list", READ, rows=dict.fromkeys(ROWS_FOR, rows)),
        Case(f"payroll:{model}_list", READ, query="?export=xlsx"),
        Case(f"payroll:{model}", READ, args=_pk(obj)),
        Case(f"payroll:{model}_history", READ, args=_pk(obj)),
        Case(f"payroll:{model}_add", EDIT),
        Case(f"payroll:{model}_edit", EDIT, args=_pk(obj)),
    ]
    if delete:
        cases.append(Case(f"payroll:{model}_delete", EDIT, args=_pk(obj)))
    return cases


CASES = [
    *_pages("taxtable", "taxtable", {"taxtable"}),
    *_pages("standarddeduction", "standard", {"standard"}),
    *_pages("additionaldeductionstandard", "additional", {"additional"}),
    *_pages("contributionpolicy", "policy", {"policy"}),
    *_pages("contributionbase", "base_a", {"base_a", "base_b"}),
    *_pages("deductionclaim", "claim_a", {"claim_a", "claim_b"}, delete=True),
    Case("payroll:taxbracket_add", EDIT, args=_pk("taxtable")),
    Case("payroll:taxbracket_edit", EDIT, args=_pk("bracket")),
    Case("payroll:taxbracket_delete", EDIT, args=_pk("bracket")),
    Case("payroll:taxbracket_history", READ, args=_pk("bracket")),
    Case("payroll:contributionrate_add", EDIT, args=_pk("policy")),
    Case("payroll:contributionrate_edit", EDIT, args=_pk("rate")),
    Case("payroll:contributionrate_delete", EDIT, args=_pk("rate")),
    Case("payroll:contributionrate_history", READ, args=_pk("rate")),
    *PAY_CASES,
]


# --- attendance and leave (tests/payroll/access_attendance.py) -----------------------------

from . import access_attendance  # noqa: E402

_pay_scenario = scenario
_made = {"personas": None, "objects": None}


def scenario(personas):  # noqa: F811
    # A write case makes the scenario again for each persona: the pay tables (unique by
    # date) are made once per test, the attendance records anew.
    if _made["personas"] is not personas:
        _made.update(personas=personas, objects=_pay_scenario(personas))
    return {**_made["objects"], **access_attendance.scenario(personas)}


CASES += access_attendance.CASES
