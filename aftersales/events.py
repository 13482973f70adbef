"""The names of the audit events after-sales records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "follow_up_scheduled": _("Follow-up scheduled"),
        "follow_up_unreached": _("Customer not reached"),
        "follow_up_done": _("Follow-up done"),
        "follow_up_cancelled": _("Follow-up cancelled"),
        "follow_up_escalated": _("Follow-up escalated"),
        "follow_up_assigned": _("Follow-up assigned"),
        "claim_reported": _("Claim reported"),
        "claim_collecting": _("Collecting claim documents"),
        "claim_document_uploaded": _("Claim document uploaded"),
        "claim_document_accepted": _("Claim document accepted"),
        "claim_document_rejected": _("Claim document rejected"),
        "claim_submitted": _("Claim submitted to the insurer"),
        "claim_info_requested": _("Insurer asked for claim information"),
        "claim_decision": _("Claim decision"),
        "claim_paid": _("Claim paid"),
        "claim_closed": _("Claim closed"),
        "claim_disputed": _("Claim disputed"),
        "claim_dispute_resolved": _("Claim dispute settled"),
        "complaint_received": _("Complaint received"),
        "complaint_acknowledged": _("Complaint acknowledged"),
        "complaint_in_progress": _("Complaint being worked on"),
        "complaint_action": _("Action on a complaint"),
        "complaint_resolved": _("Complaint resolved"),
        "complaint_closed": _("Complaint closed"),
        "complaint_reopened": _("Complaint reopened"),
        "complaint_escalated": _("Complaint escalated"),
        "service_request_opened": _("Service request opened"),
        "service_request_submitted": _("Service request submitted"),
        "service_request_completed": _("Service request completed"),
        "service_request_rejected": _("Service request rejected"),
        "service_request_cancelled": _("Service request cancelled"),
        "service_document_uploaded": _("Service document added"),
        "bank_account_changed": _("Premium bank account changed"),
        "beneficiaries_changed": _("Beneficiaries changed"),
        "policy_reissued": _("Policy reissued"),
        "policy_lapsed": _("Policy lapsed"),
        "renewal_recorded": _("Renewal recorded"),
    }
)
