"""What every underwriting write shares: the life cycle's statuses and transitions, the
permissions the steps need, and the default document checklist."""

from sales.models import Frequency, Product

from ..models import Application, DocumentKind

Status = Application.Status

# The underwriting life cycle, declared once: from each status, the statuses it may reach.
TRANSITIONS = {
    Status.DRAFT: (Status.SUBMITTED, Status.WITHDRAWN),
    Status.SUBMITTED: (
        Status.INFO_REQUESTED,
        Status.ACCEPTED,
        Status.ACCEPTED_CONDITIONS,
        Status.POSTPONED,
        Status.DECLINED,
        Status.WITHDRAWN,
    ),
    Status.INFO_REQUESTED: (
        Status.INFO_SUPPLIED,
        Status.POSTPONED,
        Status.DECLINED,
        Status.WITHDRAWN,
    ),
    Status.INFO_SUPPLIED: (
        Status.INFO_REQUESTED,
        Status.ACCEPTED,
        Status.ACCEPTED_CONDITIONS,
        Status.POSTPONED,
        Status.DECLINED,
        Status.WITHDRAWN,
    ),
    Status.ACCEPTED: (Status.ISSUED, Status.WITHDRAWN),
    Status.ACCEPTED_CONDITIONS: (Status.ISSUED, Status.WITHDRAWN),
    Status.POSTPONED: (),
    Status.DECLINED: (),
    Status.WITHDRAWN: (),
    Status.ISSUED: (),
}
DECISIONS = (Status.ACCEPTED, Status.ACCEPTED_CONDITIONS, Status.POSTPONED, Status.DECLINED)

PROCESS_PERM = "underwriting.process_application"
CHECK_PERM = "underwriting.check_document"
ISSUE_PERM = "underwriting.issue_policy"
DELIVER_PERM = "underwriting.deliver_policy"

PAYMENTS_PER_YEAR = {
    Frequency.SINGLE: 1,
    Frequency.ANNUAL: 1,
    Frequency.SEMI_ANNUAL: 2,
    Frequency.QUARTERLY: 4,
    Frequency.MONTHLY: 12,
}

# Sensible defaults for the document checklist: (category, kind, condition).
_ALL = [c.value for c in Product.Category]
_HEALTH = ("life", "critical_illness", "medical", "accident")
_BENEFIT = ("life", "critical_illness", "accident", "annuity", "education")
DEFAULT_CHECKLIST = [
    *[(c, DocumentKind.APPLICATION_FORM, "always") for c in _ALL],
    *[(c, DocumentKind.ID_COPIES, "always") for c in _ALL],
    *[(c, DocumentKind.BANK_AUTHORISATION, "bank") for c in _ALL],
    *[(c, DocumentKind.HEALTH_DECLARATION, "always") for c in _HEALTH],
    *[(c, DocumentKind.BENEFICIARY_DESIGNATION, "beneficiaries") for c in _BENEFIT],
    *[(c, DocumentKind.FINANCIAL_QUESTIONNAIRE, "above_sum") for c in _ALL],
]


def _label(status):
    return str(dict(Status.choices)[status])
