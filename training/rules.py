"""Company settings of training (``core.params``)."""

from django.utils.translation import gettext_lazy as _

from core import params

MANDATORY_DUE_WINDOW = "training.mandatory_due_window"
MANDATORY_REMINDER_DAYS = "training.mandatory_reminder_days"
PLAN_MONTHS = "training.plan_months"

params.define(
    MANDATORY_DUE_WINDOW,
    30,
    _("Mandatory training shown as due (days ahead)"),
    _("A mandatory course falling due within this many days is listed as due."),
    group="training",
    kind=params.DAYS,
)
params.define(
    MANDATORY_REMINDER_DAYS,
    7,
    _("Mandatory training reminder (days ahead)"),
    _("Employees are reminded of a mandatory course this many days before it falls due."),
    group="training",
    kind=params.DAYS,
)
params.define(
    PLAN_MONTHS,
    6,
    _("Length of a training plan (months)"),
    _("A plan created from an appraisal runs this many months unless its dates are given."),
    group="training",
    kind=params.NUMBER,
    min_value=1,
)

# --- online learning ----------------------------------------------------------------------
TEST_GRACE_SECONDS = "training.test_grace_seconds"
INTERNAL_LINK_HOSTS = "training.internal_link_hosts"

params.define(
    TEST_GRACE_SECONDS,
    30,
    _("Online test: grace after the time limit (seconds)"),
    _(
        "Answers that reach the server this long after an online test's time limit are still "
        "accepted (a slow network); later ones are refused and the test is closed."
    ),
    group="training",
    kind=params.NUMBER,
)
params.define(
    INTERNAL_LINK_HOSTS,
    [],
    _("Online learning: the company's own web hosts"),
    _(
        "Host names (e.g. intranet.example.com) whose pages may be linked as learning "
        "resources, besides the pages of this system; separate them with commas."
    ),
    group="training",
    kind=params.TEXTS,
)

# --- qualifications and rewards -------------------------------------------------------------
EXPIRY_REMINDER_DAYS = "training.expiry_reminder_days"
BLOCK_PROPOSALS_ON_EXPIRED_LICENCE = "training.block_proposals_on_expired_licence"
EXPIRY_REPORT_DAYS = "training.expiry_report_days"

params.define(
    EXPIRY_REMINDER_DAYS,
    [60, 30, 7],
    _("Certificate expiry reminders (days before)"),
    _(
        "The employee and their supervisor are reminded this many days before a certificate "
        "expires, once for each number; separate the numbers with commas."
    ),
    group="training",
    kind=params.NUMBERS,
)
params.define(
    BLOCK_PROPOSALS_ON_EXPIRED_LICENCE,
    False,
    _("Block proposals of a person whose sales licence expired"),
    _(
        "When on, a person whose certificate required to sell has expired (and is not "
        "renewed) cannot submit proposals."
    ),
    group="training",
    kind=params.BOOL,
)
params.define(
    EXPIRY_REPORT_DAYS,
    60,
    _("Certificate expiry report: days ahead"),
    _(
        "The certificate expiry report lists certificates expiring within this many days, "
        "unless another number is chosen on the page."
    ),
    group="training",
    kind=params.DAYS,
)
