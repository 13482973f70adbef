"""The names of the audit events reports records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "report_requested": _("Report requested"),
    }
)
