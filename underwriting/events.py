"""The names of the audit events underwriting records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "application_created": _("Application prepared"),
        "application_submitted": _("Application submitted"),
        "application_withdrawn": _("Application withdrawn"),
        "application_issued": _("Every policy issued"),
        "beneficiaries_set": _("Beneficiaries set"),
        "document_uploaded": _("Document uploaded"),
        "document_accepted": _("Document accepted"),
        "document_rejected": _("Document rejected"),
        "info_requested": _("Insurer asked for information"),
        "info_supplied": _("Information sent to the insurer"),
        "underwriting_decision": _("Underwriting decision"),
        "policy_issued": _("Policy issued"),
        "contract_delivered": _("Contract delivered"),
        "policy_cancelled": _("Policy cancelled in the cooling-off period"),
    }
)
