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
