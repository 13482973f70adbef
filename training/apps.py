from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"training.{a}_{m}" for m in models for a in actions]


_CATALOGUE = ["course", "mandatorytraining"]
_FILE = ["trainingrecord"]


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    # HR runs the catalogue and keeps every training file; employees see the catalogue and
    # their own file, supervisors their team's; managers read everything. Each subject of
    # the app (sessions, online learning, qualifications, careers) adds its models' rights
    # here.
    role_permissions = {
        "hr": [*_perms(_CATALOGUE + _FILE, ["view", "add", "change", "delete"])],
        "supervisor": _perms(_CATALOGUE + _FILE, ["view"]),
        "salesperson": _perms(_CATALOGUE + _FILE, ["view"]),
        "clerk": _perms(_CATALOGUE + _FILE, ["view"]),
        "manager": _perms(_CATALOGUE + _FILE, ["view"]),
        "compliance": _perms(_CATALOGUE + _FILE, ["view"]),
    }

    def ready(self):
        from . import providers, rules  # noqa: F401

        providers.register()
