"""Company settings of confidentiality (``core.params``)."""

from django.utils.translation import gettext_lazy as _

from core import params

AGREEMENT_REQUIRED = "confidentiality.agreement_required_for_customer_access"
EXPIRY_REMINDER_DAYS = "confidentiality.agreement_expiry_reminder_days"
UNSIGNED_REMINDER_DAYS = "confidentiality.unsigned_reminder_days"

params.define(
    AGREEMENT_REQUIRED,
    False,
    _("Customer access needs a signed confidentiality agreement"),
    _(
        "When on, an employee without a signed confidentiality agreement in force (a new "
        "hire, or one whose agreement expired) cannot open customer files, opportunities, "
        "applications, policies or claims until HR records the signed agreement."
    ),
    group="confidentiality",
    kind=params.BOOL,
)
params.define(
    EXPIRY_REMINDER_DAYS,
    30,
    _("Confidentiality agreement expiry reminder (days ahead)"),
    _("The employee and HR are reminded this many days before an agreement's term ends."),
    group="confidentiality",
    kind=params.DAYS,
)
params.define(
    UNSIGNED_REMINDER_DAYS,
    7,
    _("Unsigned confidentiality agreement: remind every (days)"),
    _(
        "An employee without a signed agreement in force, and HR, are reminded again after "
        "this many days."
    ),
    group="confidentiality",
    kind=params.DAYS,
    min_value=1,
)
