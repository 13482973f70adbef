"""Company settings of training (``core.params``)."""

from django.utils.translation import gettext_lazy as _

from core import params

EXPIRY_REMINDER_DAYS = "training.expiry_reminder_days"
BLOCK_PROPOSALS_ON_EXPIRED_LICENCE = "training.block_proposals_on_expired_licence"
EXPIRY_REPORT_DAYS = "training.expiry_report_days"

params.define(
    EXPIRY_REMINDER_DAYS,
    [60, 30, 7],
    _("Certificate expiry reminders (days before)"),
    _(
        "The employee and their supervisor are reminded this many days before a certificate "
        "expires, once for each number."
    ),
    group="training",
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
)
