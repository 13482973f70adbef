from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"aftersales.{a}_{m}" for m in models for a in actions]


_MODELS = [
    "followup",
    "followupattempt",
    "claimrequireddocument",
    "claim",
    "claimdocument",
    "claimupdate",
    "complaint",
    "complaintaction",
    "servicerequest",
    "servicerequestdocument",
    "renewal",
    "renewalreminder",
]
_VIEW_ALL = _perms(_MODELS, ["view"])
_CHECKLIST_RULES = _perms(["claimrequireddocument"], ["add", "change", "delete"])


class AftersalesConfig(AppConfig):
    name = "aftersales"
    verbose_name = _("After-sales")
    default_auto_field = "django.db.models.BigAutoField"

    # Clerks do the work: follow-up calls, claims (papers, checks, the insurer's answers),
    # service requests and renewals; they also log complaints they hear. Salespeople see
    # their customers' records, record renewal outcomes and log complaints. Supervisors see
    # the team's, handle complaints and claim disputes, take over escalated follow-ups and
    # keep the claim checklist. Managers see everything read-only (and receive complaint
    # escalations). HR and compliance get no after-sales pages (compliance gets none of
    # underwriting's either; it reads the audit events).
    role_permissions = {
        "clerk": [
            *_VIEW_ALL,
            *_perms(["followup", "followupattempt"], ["add", "change"]),
            *_perms(["claim", "claimdocument", "claimupdate"], ["add", "change"]),
            *_perms(["servicerequest", "servicerequestdocument"], ["add", "change"]),
            "aftersales.change_renewal",
            "aftersales.add_complaint",
            "aftersales.process_claim",
            "aftersales.check_claimdocument",
            "aftersales.process_servicerequest",
            "aftersales.record_renewal",
        ],
        "salesperson": [
            *_VIEW_ALL,
            "aftersales.add_complaint",
            "aftersales.change_renewal",
            "aftersales.record_renewal",
            "aftersales.add_claimdocument",
        ],
        "supervisor": [
            *_VIEW_ALL,
            *_perms(["complaint", "complaintaction"], ["add", "change"]),
            "aftersales.handle_complaint",
            "aftersales.change_claim",
            "aftersales.resolve_dispute",
            *_perms(["followup", "followupattempt"], ["add", "change"]),
            *_CHECKLIST_RULES,
        ],
        "manager": _VIEW_ALL,  # read-only
    }

    def ready(self):
        from core import reconcile

        from . import (  # noqa: F401
            events,  # noqa: F401  (the names of the app's audit events)
            providers,
            rules,
            signals,
            tasks,
        )

        providers.register_menu()
        providers.register_pickers()
        providers.register_bulk_actions()
        providers.register_evidence()
        signals.connect()
        reconcile.register("aftersales", tasks.reconcile_aftersales)
