"""The names of the audit events appraisal records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "template_created": _("Appraisal template created"),
        "template_changed": _("Appraisal template changed"),
        "template_item_added": _("Appraisal template item added"),
        "template_item_changed": _("Appraisal template item changed"),
        "template_item_removed": _("Appraisal template item removed"),
        "round_opened": _("Appraisal round opened"),
        "round_topped_up": _("Appraisals added to the round"),
        "round_reminded": _("Appraisal round reminders sent"),
        "round_closed": _("Appraisal round closed"),
        "round_reopened": _("Appraisal round reopened"),
        "self_assessed": _("Self-assessment submitted"),
        "supervisor_assessed": _("Supervisor assessment submitted"),
        "consolidated": _("Appraisal consolidated"),
        "calibrated": _("Appraisal calibrated"),
        "round_deadlines_changed": _("Appraisal round deadlines changed"),
        "interviewed": _("Feedback interview recorded"),
        "acknowledged": _("Appraisal result acknowledged"),
        "objected": _("Objection to the appraisal result"),
        "closed": _("Appraisal closed"),
        "reopened": _("Appraisal reopened"),
        "improvement_plan": _("Improvement plan agreed"),
        "improvement_plan_changed": _("Improvement plan changed"),
        "training_plan": _("Training plan from the appraisal"),
    }
)
