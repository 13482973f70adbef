"""What appraisal adds to core's registries: the menu and My work."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import mywork, navigation


def my_work(user):
    """Pending self-assessments, supervisor assessments, interviews to hold, results to
    answer, and (for HR) appraisals to consolidate: one count query each that applies."""
    from django.utils.translation import gettext

    from . import selectors

    if not user.has_perm("appraisal.view_appraisal"):
        return []
    items = []
    mine = reverse("appraisal:my_appraisals")
    team = reverse("appraisal:team_appraisals")
    count = selectors.pending_self(user).count()
    if count:
        items.append(mywork.WorkItem(gettext("Self-assessments to do"), count, mine))
    count = selectors.pending_response(user).count()
    if count:
        items.append(mywork.WorkItem(gettext("Appraisal results to acknowledge"), count, mine))
    if user.has_perm("appraisal.change_privatenote"):
        count = selectors.pending_supervisor(user).count()
        if count:
            items.append(mywork.WorkItem(gettext("Supervisor assessments to do"), count, team))
        count = selectors.interviews_to_hold(user).count()
        if count:
            items.append(mywork.WorkItem(gettext("Feedback interviews to hold"), count, team))
    if user.has_perm("appraisal.consolidate_appraisal"):
        count = selectors.pending_consolidation().count()
        if count:
            items.append(
                mywork.WorkItem(
                    gettext("Appraisals to consolidate"),
                    count,
                    reverse("appraisal:appraisal_list") + "?stage=hr",
                )
            )
    return items


def register():
    for item in (
        navigation.MenuItem(
            _("My appraisals"),
            "appraisal:my_appraisals",
            "appraisal.view_appraisal",
            "person-check",
        ),
        navigation.MenuItem(
            _("My team's appraisals"),
            "appraisal:team_appraisals",
            "appraisal.add_privatenote",
            "people",
        ),
        navigation.MenuItem(
            _("Appraisal rounds"),
            "appraisal:appraisalround_list",
            "appraisal.view_appraisalround",
            "calendar-check",
        ),
        navigation.MenuItem(
            _("All appraisals"),
            "appraisal:appraisal_list",
            "appraisal.consolidate_appraisal",
            "list-check",
        ),
        navigation.MenuItem(
            _("Appraisal templates"),
            "appraisal:appraisaltemplate_list",
            "appraisal.view_appraisaltemplate",
            "ui-checks",
        ),
        navigation.MenuItem(
            _("Promotion candidates"),
            "appraisal:promotion_candidates",
            "appraisal.view_results_summary",
            "award",
        ),
        navigation.MenuItem(
            _("Improvement plans"),
            "appraisal:improvementplan_list",
            "appraisal.view_improvementplan",
            "arrow-up-right-circle",
        ),
    ):
        navigation.register("appraisal", item)
    mywork.register(my_work)
