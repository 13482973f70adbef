"""The document checklist: which papers an application needs, and what blocks its submission."""

from decimal import Decimal

from django.utils.translation import gettext as _

from core import documents, params
from core.services import (
    save_checked,
)

from .. import rules
from ..models import (
    Application,
    DocumentKind,
    RequiredDocument,
)
from ._common import DEFAULT_CHECKLIST


def ensure_default_checklist(*, actor=None):
    """Create the default checklist rules that do not exist yet (never changes edited ones)."""
    existing = set(RequiredDocument.objects.values_list("category", "kind"))
    created = 0
    for category, kind, condition in DEFAULT_CHECKLIST:
        if (category, str(kind)) in existing:
            continue
        save_checked(RequiredDocument(category=category, kind=kind, condition=condition), actor)
        created += 1
    return created


def required_kinds(application, lines=None, rules_qs=None):
    """{kind: note} of the documents ``application`` needs, from the checklist rules of its
    products' categories and the conditions that apply to it."""
    lines = list(application.lines.select_related("product")) if lines is None else lines
    categories = {line.product.category for line in lines}
    total_sum = sum((line.sum_insured for line in lines), Decimal(0))
    threshold = params.get(rules.FINANCIAL_QUESTIONNAIRE_SUM)
    bank = application.payment_method in (
        Application.PaymentMethod.AUTO_DEBIT,
        Application.PaymentMethod.BANK_TRANSFER,
    )
    has_beneficiaries = application.beneficiaries.exists() if application.pk else False
    wanted = {}
    rows = rules_qs if rules_qs is not None else RequiredDocument.objects.filter(active=True)
    for rule in rows:
        if rule.category not in categories:
            continue
        condition = rule.condition
        if condition == RequiredDocument.Condition.ABOVE_SUM_INSURED and total_sum <= threshold:
            continue
        if condition == RequiredDocument.Condition.BANK_PAYMENT and not bank:
            continue
        if condition == RequiredDocument.Condition.BENEFICIARIES and not has_beneficiaries:
            continue
        if rule.note and not wanted.get(rule.kind):
            wanted[rule.kind] = rule.note
        else:
            wanted.setdefault(rule.kind, "")
    return wanted


def current_documents(application):
    """{kind: the latest document of that kind that is not replaced}."""
    return documents.latest_documents(application.documents)


def application_checklist(application):
    """The application's checklist: every required paper with its latest upload (or none)."""
    return documents.checklist(
        required_kinds(application), current_documents(application), DocumentKind
    )


def submission_blockers(application, checklist=None):
    """Why the application cannot be submitted yet: a list of messages (empty: it can)."""
    checklist = application_checklist(application) if checklist is None else checklist
    errors = []
    if not application.lines.exists():
        errors.append(_("The application has no cover lines."))
    errors += documents.checklist_blockers(checklist)
    if (
        application.payment_method
        in (Application.PaymentMethod.AUTO_DEBIT, Application.PaymentMethod.BANK_TRANSFER)
        and not application.bank_account
    ):
        errors.append(_("Enter the bank account the premiums are paid from."))
    return errors
