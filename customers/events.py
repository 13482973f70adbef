"""The names of the audit events customers records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "archived": _("Archived"),
        "restored": _("Restored from the archive"),
        "reassigned": _("Reassigned"),
        "tagged": _("Tag added"),
        "untagged": _("Tag removed"),
        "clerk_assigned": _("Supporting clerk changed"),
        "attachment_added": _("Document filed"),
        "attachment_removed": _("Document removed"),
    }
)
