"""The names of the audit events core records (grants, clear exports, lock-outs) and of the
verbs several apps share.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from .i18n import define_verbs

define_verbs(
    {
        "grant": _("Shared"),
        "revoke": _("Share revoked"),
        "login_locked": _("Account locked"),
        "clear_export_requested": _("Clear export requested"),
        "clear_export_approved": _("Clear export approved"),
        "clear_export_rejected": _("Clear export refused"),
        "created": _("Created"),
        "changed": _("Changed"),
        "approved": _("Approved"),
        "rejected": _("Rejected"),
        "confirmed": _("Confirmed"),
        "requested": _("Requested"),
        "passed": _("Passed"),
        "failed": _("Failed"),
    }
)
