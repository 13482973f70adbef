"""The names of the audit events training records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "enrolled": _("Enrolled"),
        "signed up": _("Signed up"),
        "result recorded": _("Result recorded"),
        "evidence uploaded": _("Evidence uploaded"),
        "mandatory rule set": _("Mandatory training rule set"),
        "mandatory rule removed": _("Mandatory training rule removed"),
        "requirement_added": _("Promotion requirement added"),
        "requirement_removed": _("Promotion requirement removed"),
        "step_reached": _("Promotion step reached"),
        "rotation_evaluated": _("Job rotation evaluated"),
        "certificate_recorded": _("Certificate recorded"),
        "certificate_verified": _("Certificate verified"),
        "certificate_rejected": _("Certificate rejected"),
        "reward_proposed": _("Reward proposed"),
        "reward_approved": _("Reward approved"),
        "reward_rejected": _("Reward rejected"),
        "reward_paid": _("Reward paid"),
    }
)
