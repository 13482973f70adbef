"""The names of the audit events sales records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "opportunity_created": _("Opportunity opened"),
        "stage_changed": _("Stage changed"),
        "needs_analysed": _("Needs analysis recorded"),
        "proposal_created": _("Proposal drafted"),
        "proposal_submitted": _("Proposal submitted for review"),
        "proposal_approved": _("Proposal approved"),
        "proposal_returned": _("Proposal returned"),
        "proposal_revised": _("Proposal revised"),
        "proposal_accepted": _("Proposal accepted by the customer"),
        "proposal_rejected": _("Proposal rejected by the customer"),
        "task_reassigned": _("Task reassigned"),
    }
)
