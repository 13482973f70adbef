"""The names of the audit events org records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "hired": _("Joined"),
        "left": _("Left"),
        "calendar_synced": _("Calendar synced"),
    }
)
