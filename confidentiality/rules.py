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

# --- login controls (confidentiality.services.login) ----------------------------------------

TWO_FACTOR_ROLES = "confidentiality.two_factor_roles"
TWO_FACTOR_ADMINS = "confidentiality.two_factor_administrators"
RECOVERY_CODE_COUNT = "confidentiality.recovery_code_count"


def _role_choices():
    from core.roles import Role

    return list(Role.choices)


params.define(
    TWO_FACTOR_ROLES,
    ["supervisor", "hr", "manager", "compliance"],
    _("Roles that must sign in with two-factor authentication"),
    _(
        "Users of the ticked roles are asked, after their password, for the six-digit code of "
        "an authenticator app (or a recovery code); one who has not set it up yet is taken to "
        "set it up first. Anyone who has set it up is always asked for a code."
    ),
    group="confidentiality",
    kind=params.MULTIPLE_CHOICE,
    choices=_role_choices,
)
params.define(
    TWO_FACTOR_ADMINS,
    False,
    _("Administrators must sign in with two-factor authentication"),
    _("When on, administrator accounts must set up and use an authenticator app too."),
    group="confidentiality",
    kind=params.BOOL,
)
params.define(
    RECOVERY_CODE_COUNT,
    10,
    _("Number of recovery codes"),
    _(
        "How many single-use recovery codes a user receives when setting up two-factor "
        "sign-in; each signs in once when the phone is not at hand."
    ),
    group="confidentiality",
    kind=params.NUMBER,
    min_value=4,
    max_value=20,
)

# --- access review (alerts and the keeping of the logs) ---------------------------------
REVIEW_VIEW_FACTOR = "confidentiality.review_view_factor"
REVIEW_VIEW_FLOOR = "confidentiality.review_view_floor"
WORK_START_HOUR = "confidentiality.work_start_hour"
WORK_END_HOUR = "confidentiality.work_end_hour"
LOG_RETENTION_MONTHS = "confidentiality.log_retention_months"
# The law's minimum: the access and export logs are kept at least six months.
MIN_LOG_RETENTION_MONTHS = 6

params.define(
    REVIEW_VIEW_FACTOR,
    3,
    _("Alert: files viewed in a day, times the usual"),
    _(
        "A user who views more files in a day than this many times their median day of the "
        "30 days before (and at least the floor below) raises an alert for compliance."
    ),
    group="confidentiality",
    kind=params.NUMBER,
    min_value=1,
)
params.define(
    REVIEW_VIEW_FLOOR,
    30,
    _("Alert: files viewed in a day, at least"),
    _("Fewer views than this in a day never raise an alert, whatever the user's usual."),
    group="confidentiality",
    kind=params.NUMBER,
    min_value=1,
)
params.define(
    WORK_START_HOUR,
    8,
    _("Working hours start (hour)"),
    _(
        "An export before this hour, after the end hour, or on a day off of the company "
        "calendar raises an alert for compliance."
    ),
    group="confidentiality",
    kind=params.NUMBER,
    max_value=23,
)
params.define(
    WORK_END_HOUR,
    19,
    _("Working hours end (hour)"),
    _("Exports from this hour on count as outside working hours."),
    group="confidentiality",
    kind=params.NUMBER,
    min_value=1,
    max_value=24,
)
params.define(
    LOG_RETENTION_MONTHS,
    12,
    _("Keep the access and export logs (months)"),
    _(
        "Rows older than this are deleted by the nightly pruning job, which records what it "
        "deleted. At least six months."
    ),
    group="confidentiality",
    kind=params.NUMBER,
    min_value=MIN_LOG_RETENTION_MONTHS,
)
