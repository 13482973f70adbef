"""What training adds to core's registries: menu, My work, timeline, pickers, demo."""

from django.utils.translation import gettext_lazy as _

from core import navigation

from . import file_sections


def online_file_section(employee, user):
    """The training file's section of online courses (培訓檔案): each course the employee
    started, with units done, progress, attempts, best score and result, as ``user`` may
    see them. The shape of ``training.file_sections`` (register it there)."""
    from django.utils.translation import gettext

    from .selectors.online import employee_online_summary

    if not user.has_perm("training.view_testattempt"):
        return None
    rows = employee_online_summary(user, employee)
    return {
        "key": "online",
        "title": gettext("Online courses"),
        "columns": [
            gettext("Course"),
            gettext("Units done"),
            gettext("Progress"),
            gettext("attempts"),
            gettext("Best score"),
            gettext("Result"),
        ],
        "rows": [
            [
                f"{r['course'].code} {r['course'].title}",
                f"{r['done']} / {r['units']}",
                f"{r['percent']}%",
                r["attempts"],
                r["best"],
                gettext("Passed")
                if r["passed"]
                else (gettext("Not passed") if r["attempts"] else ""),
            ]
            for r in rows
        ],
        "empty": gettext("No online course started."),
        "order": 30,
    }


def register_online():
    """Online learning: the learner's page, HR's courses, resources and the attempts."""
    for item in (
        navigation.MenuItem(
            _("Online learning"),
            "training:online_learning",
            "training.take_online_course",
            "play-btn",
            match="/training/online/courses/",
        ),
        navigation.MenuItem(
            _("Online courses"),
            "training:onlinecourse_list",
            "training.view_learningresource",
            "collection-play",
            match="/training/online/manage/",
        ),
        navigation.MenuItem(
            _("Learning resources"),
            "training:learningresource_list",
            "training.view_learningresource",
            "film",
        ),
        navigation.MenuItem(
            _("Test attempts"),
            "training:testattempt_list",
            "training.view_testattempt",
            "clipboard-check",
        ),
    ):
        navigation.register("training", item)


def register():
    """Called from ``TrainingConfig.ready``; each subject adds its registrations here."""
    from . import evidence, providers_quals, providers_sessions

    evidence.register()  # appraisal evidence (core.evidence)

    providers_sessions.register()
    register_online()
    file_sections.register(online_file_section)
    providers_quals.register()
