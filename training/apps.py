from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _perms(models, actions):
    return [f"training.{a}_{m}" for m in models for a in actions]


_CATALOGUE = ["course", "mandatorytraining"]
_FILE = ["trainingrecord"]
# Sessions, external courses and plans (training.services.sessions).
_SESSIONS = ["session", "enrolment", "externalcourse", "trainingplan", "trainingplanitem"]
_CRUD = ["view", "add", "change", "delete"]
_REPORTS = "training.view_training_reports"
# Online learning: HR keeps the resources, units, question bank and test settings; staff
# take the courses (the take permission) and see their own progress and attempts, leads
# their team's; managers read everything and take nothing.
_ONLINE_CONTENT = ["learningresource", "courseunit", "onlinetest", "question", "questionoption"]
_ONLINE_RESULTS = ["unitprogress", "testattempt", "attemptanswer"]
_ONLINE_LEARNER = [
    "training.view_courseunit",
    "training.view_onlinetest",
    *_perms(_ONLINE_RESULTS, ["view"]),
    "training.take_online_course",
]
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
    for _role in ("supervisor", "salesperson", "clerk", "compliance"):
        role_permissions[_role] = [*role_permissions[_role], *_ONLINE_LEARNER]
    role_permissions["hr"] = [
        *role_permissions["hr"],
        *_perms(_ONLINE_CONTENT, ["view", "add", "change", "delete"]),
        *_perms(_ONLINE_RESULTS, ["view"]),
        "training.take_online_course",
    ]
    role_permissions["manager"] = [
        *role_permissions["manager"],
        *_perms(_ONLINE_CONTENT + _ONLINE_RESULTS, ["view"]),
    ]
    del _role

    # Sessions and the rest of this subject: HR runs them; every employee sees the sessions
    # (to sign up), asks for external courses and reads their own plans; supervisors approve
    # their team's external courses and read the team's reports; managers read everything.
    # Trainers run the sessions they teach by an explicit check (services.may_run_session).
    role_permissions["hr"] += [
        *_perms(_SESSIONS, _CRUD),
        "training.manage_any_session",
        "training.confirm_externalcourse",
        _REPORTS,
    ]
    for _role in ("supervisor", "salesperson", "clerk"):
        role_permissions[_role] += [*_perms(_SESSIONS, ["view"]), "training.add_externalcourse"]
    del _role
    role_permissions["supervisor"] += ["training.approve_externalcourse", _REPORTS]
    role_permissions["manager"] += [*_perms(_SESSIONS, ["view"]), _REPORTS]
    role_permissions["compliance"] += _perms(_SESSIONS, ["view"])

    def ready(self):
        from . import (  # noqa: F401
            events,  # noqa: F401  (the names of the app's audit events)
            providers,
            rules,
        )

        providers.register()
