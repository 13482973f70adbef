from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"underwriting.{a}_{m}" for m in models for a in actions]


_MODELS = [
    "requireddocument",
    "application",
    "applicationline",
    "beneficiary",
    "applicationdocument",
    "communication",
    "policy",
    "premiumrecord",
]
_VIEW_ALL = _perms(_MODELS, ["view"])
_CHECKLIST_RULES = _perms(["requireddocument"], ["add", "change", "delete"])


class UnderwritingConfig(AppConfig):
    name = "underwriting"
    verbose_name = _("Underwriting")
    default_auto_field = "django.db.models.BigAutoField"

    # Clerks do the work: prepare applications, check papers, submit, record the insurer's
    # answers, issue, deliver, record premiums. Salespeople see their customers' applications
    # and policies, upload papers and log communications. Supervisors see their team's and
    # keep the document checklist; managers see everything read-only and may also keep the
    # checklist (a company rule, not a customer record). HR and compliance get no underwriting
    # pages: compliance audits the checks through the audit events it already reads.
    role_permissions = {
        "clerk": [
            *_VIEW_ALL,
            *_perms(
                ["application", "applicationline", "beneficiary", "applicationdocument"],
                ["add", "change"],
            ),
            *_perms(["communication", "policy"], ["add", "change"]),
            "underwriting.change_premiumrecord",
            "underwriting.process_application",
            "underwriting.check_document",
            "underwriting.issue_policy",
            "underwriting.deliver_policy",
        ],
        "salesperson": [
            *_VIEW_ALL,
            "underwriting.add_applicationdocument",
            "underwriting.add_communication",
        ],
        "supervisor": [*_VIEW_ALL, *_CHECKLIST_RULES],
        "manager": _VIEW_ALL,  # read-only
    }

    def ready(self):
        from . import providers, rules  # noqa: F401

        providers.register_menu()
        providers.register_pickers()
        providers.register_evidence()
