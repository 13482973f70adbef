"""What training adds to core's registries: menu, My work, timeline, pickers, demo."""

from django.utils.translation import gettext_lazy as _

from core import navigation


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
    register_online()
