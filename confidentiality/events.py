"""The names of the audit events confidentiality records.

Shown on the audit-event list and its filter (core.i18n.verb_label); imported at start-up.
"""

from django.utils.translation import gettext_lazy as _

from core.i18n import define_verbs

define_verbs(
    {
        "agreement_issued": _("Confidentiality agreement handed over for signature"),
        "agreement_signed": _("Confidentiality agreement signed"),
        "consent_recorded": _("Consent to keeping sensitive information recorded"),
        "consent_withdrawn": _("Consent to keeping sensitive information withdrawn"),
        "data_request_received": _("Customer data request received"),
        "data_request_handled": _("Customer data request handled"),
        "customer_data_exported": _("Copy of the customer's data exported"),
        "breach_recorded": _("Breach of confidentiality recorded"),
        "breach_closed": _("Breach of confidentiality closed"),
        "login_refused": _("Sign-in refused by the login rules"),
        "login_rule_changed": _("Login rule changed"),
        "two_factor_enrolled": _("Two-factor sign-in set up"),
        "two_factor_failed": _("Wrong two-factor code entered"),
        "two_factor_recovery_used": _("Recovery code used to sign in"),
        "two_factor_codes_renewed": _("Recovery codes renewed"),
        "two_factor_reset": _("Two-factor sign-in reset by an administrator"),
    }
)

define_verbs(
    {
        "class_set": _("Confidentiality class set"),
        "access_alert": _("Access alert raised"),
        "access_alert_closed": _("Access alert reviewed and closed"),
        "logs_pruned": _("Access and export logs pruned"),
        "retention_changed": _("Retention period changed"),
        "destruction_proposed": _("Destruction proposed"),
        "destruction_approved": _("Destruction approved"),
        "destruction_rejected": _("Destruction rejected"),
        "destruction_done": _("Records destroyed"),
        "exit_started": _("Exit audit started"),
        "exit_item_returned": _("Item returned by the leaver"),
        "exit_account_closed": _("Leaver's account closed"),
        "exit_shares_revoked": _("Leaver's shares revoked"),
        "handed_over": _("Handed to the successor"),
        "exit_handed_over": _("Leaver's book handed over"),
        "exit_activity_reviewed": _("Leaver's activity reviewed"),
        "exit_reminder_signed": _("Confidentiality reminder signed"),
        "exit_closed": _("Exit audit closed"),
    }
)
