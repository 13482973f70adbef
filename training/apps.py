from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"training.{a}_{m}" for m in models for a in actions]


_CATALOGUE = ["course", "mandatorytraining"]
_FILE = ["trainingrecord"]
# Qualifications and careers: HR keeps them all; employees record their own certificates.
_QUALS = ["qualificationkind", "certificate", "certificatereminder", "qualificationreward"]
_CAREERS = ["developmentplan", "promotionstep", "steprequirement", "jobrotation"]
_QUALS_HR = [
    *_perms(_QUALS + _CAREERS, ["view", "add", "change", "delete"]),
    "training.verify_certificate",
    "training.approve_qualificationreward",
    "training.view_expiry_report",
]
_QUALS_STAFF = [*_perms(_QUALS + _CAREERS, ["view"]), *_perms(["certificate"], ["add", "change"])]
_QUALS_READ = [*_perms(_QUALS + _CAREERS, ["view"]), "training.view_expiry_report"]


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    # HR runs the catalogue and keeps every training file; employees see the catalogue and
    # their own file, supervisors their team's; managers read everything. Each subject of
    # the app (sessions, online learning, qualifications, careers) adds its models' rights
    # here.
    role_permissions = {
        "hr": [*_perms(_CATALOGUE + _FILE, ["view", "add", "change", "delete"])] + _QUALS_HR,
        "supervisor": _perms(_CATALOGUE + _FILE, ["view"])
        + [*_QUALS_STAFF, "training.evaluate_jobrotation", "training.view_expiry_report"],
        "salesperson": _perms(_CATALOGUE + _FILE, ["view"]) + _QUALS_STAFF,
        "clerk": _perms(_CATALOGUE + _FILE, ["view"]) + _QUALS_STAFF,
        "manager": _perms(_CATALOGUE + _FILE, ["view"]) + _QUALS_READ,
        "compliance": _perms(_CATALOGUE + _FILE, ["view"]) + _QUALS_READ,
    }

    def ready(self):
        from . import providers, rules  # noqa: F401

        providers.register()
