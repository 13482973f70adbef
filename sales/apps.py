from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"sales.{a}_{m}" for m in models for a in actions]


_REFERENCE = ["insurer", "product", "campaign", "marketnote", "competitorcomparison"]
_PIPELINE = ["opportunity", "visit", "needsanalysis", "proposal", "proposalline"]
_TEAMWORK = ["salestarget", "teamplan", "teammeeting", "salestask"]
_VIEW_ALL = _perms([*_REFERENCE, *_PIPELINE, *_TEAMWORK], ["view"])


class SalesConfig(AppConfig):
    name = "sales"
    verbose_name = _("Sales")
    default_auto_field = "django.db.models.BigAutoField"

    # Everyone who sells reads the reference data (insurers, products, campaigns, market
    # research); supervisors maintain insurers, products and campaigns and set their team's
    # targets, plans, tasks and meetings. Salespeople and clerks work the pipeline, but only
    # salespeople (and supervisors) draft proposals and only clerks review them. Managers
    # read everything. HR and compliance get nothing here: compliance reads the proposal
    # reviews through the audit events it already has.
    role_permissions = {
        "salesperson": [
            *_VIEW_ALL,
            *_perms(_PIPELINE, ["add", "change"]),
            *_perms(["marketnote", "competitorcomparison"], ["add", "change"]),
            "sales.change_salestask",
        ],
        "clerk": [
            *_VIEW_ALL,
            # the clerk reviews proposals, so does not draft or submit them
            *_perms(["opportunity", "visit", "needsanalysis"], ["add", "change"]),
            *_perms(["marketnote", "competitorcomparison"], ["add", "change"]),
            "sales.change_salestask",
            "sales.review_proposal",
        ],
        "supervisor": [
            *_VIEW_ALL,
            *_perms(_PIPELINE, ["add", "change"]),
            *_perms(["insurer", "product", "campaign"], ["add", "change"]),
            *_perms(["marketnote", "competitorcomparison"], ["add", "change", "delete"]),
            *_perms(_TEAMWORK, ["add", "change"]),
        ],
        "manager": _VIEW_ALL,
    }

    def ready(self):
        from . import providers, rules  # noqa: F401

        providers.register_menu()
        providers.register_pickers()
        providers.register_evidence()
