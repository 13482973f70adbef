from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"appraisal.{a}_{m}" for m in models for a in actions]


_CRUD = ["view", "add", "change", "delete"]
_TEMPLATES = ["appraisaltemplate", "templateitem"]
_ROUNDS = ["appraisalround", "roundform", "rounditem"]
_STAFF = [
    "appraisal.view_appraisal",
    "appraisal.change_appraisal",
    "appraisal.view_appraisalitem",
    "appraisal.view_improvementplan",
]


class AppraisalConfig(AppConfig):
    name = "appraisal"
    verbose_name = _("Appraisal")
    default_auto_field = "django.db.models.BigAutoField"

    # HR keeps the templates, runs the rounds and consolidates; employees see and
    # self-assess their own appraisals; supervisors assess the appraisals they are named on
    # (their team's) and keep private notes on them; managers read the rounds' summary
    # (counts, scores, grades), not the appraisals' comments, and assess the appraisals
    # they are named on (the supervisors', ``rules.MANAGER_ASSESSOR``): ``Appraisal``'s
    # row scope keeps a manager to their own and those. Compliance has no part.
    role_permissions = {
        "hr": [
            *_perms(_TEMPLATES + _ROUNDS, _CRUD),
            *_perms(["appraisal", "appraisalitem", "privatenote"], ["view", "change"]),
            *_perms(["improvementplan"], _CRUD),
            "appraisal.consolidate_appraisal",
            "appraisal.view_results_summary",
            "appraisal.remind_appraisalround",
        ],
        "supervisor": [
            *_STAFF,
            *_perms(["privatenote"], ["view", "add", "change"]),
            *_perms(["improvementplan"], ["add", "change"]),
        ],
        "salesperson": list(_STAFF),
        "clerk": list(_STAFF),
        "manager": [
            *_perms(_TEMPLATES + _ROUNDS, ["view"]),
            "appraisal.view_results_summary",
            # as the named assessor of the supervisors' appraisals (and for their own)
            "appraisal.view_appraisal",
            "appraisal.change_appraisal",
            "appraisal.view_appraisalitem",
            *_perms(["privatenote"], ["view", "add", "change"]),
        ],
    }

    def ready(self):
        from . import (  # noqa: F401
            events,  # noqa: F401  (the names of the app's audit events)
            providers,
            rules,
        )

        providers.register()
