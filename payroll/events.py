"""The names of the audit events payroll records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "payroll_opened": _("Payroll month opened"),
        "payroll_computed": _("Payroll computed"),
        "payroll_approved": _("Payroll approved"),
        "payroll_reopened": _("Payroll approval taken back"),
        "payroll_locked": _("Payroll locked"),
        "salary_account_changed": _("Salary account changed"),
    }
)
