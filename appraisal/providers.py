"""What appraisal adds to core's registries: the menu and My work."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import jobs, links, mywork, navigation


def my_work(user):
    """Pending self-assessments and results to answer (one query), supervisor assessments
    and interviews to hold (one query, for assessors), and (for HR) appraisals to
    consolidate (one query)."""
    from django.utils.translation import gettext

    from . import selectors

    if not user.has_perm("appraisal.view_appraisal"):
        return []
    items = []
    mine = reverse("appraisal:my_appraisals")
    team = reverse("appraisal:team_appraisals")
    own = selectors.own_pending_counts(user)
    if own["to_self"]:
        items.append(mywork.WorkItem(gettext("Self-assessments to do"), own["to_self"], mine))
    if own["to_answer"]:
        items.append(
            mywork.WorkItem(gettext("Appraisal results to acknowledge"), own["to_answer"], mine)
        )
    if user.has_perm("appraisal.change_privatenote"):
        named = selectors.assessor_pending_counts(user)
        if named["assess"]:
            items.append(
                mywork.WorkItem(gettext("Supervisor assessments to do"), named["assess"], team)
            )
        if named["interview"]:
            items.append(
                mywork.WorkItem(gettext("Feedback interviews to hold"), named["interview"], team)
            )
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


def excellent_streaks(employee_ids, on):
    """{employee pk: consecutive excellent monthly results up to ``on``} (one query)."""
    from .models import Appraisal, Kind, Stage
    from .selectors import excellent_streak

    rows = (
        Appraisal.objects.filter(
            employee_id__in=employee_ids,
            round__kind=Kind.MONTHLY,
            stage=Stage.CLOSED,
            closed_at__date__lte=on,
        )
        .order_by("employee_id", "-round__year", "-round__month")
        .values_list("employee_id", "grade")
    )
    grades = {}
    for employee_id, grade in rows:
        grades.setdefault(employee_id, []).append(grade)
    return {pk: excellent_streak(found) for pk, found in grades.items()}


def _needed(requirement):
    try:
        return max(1, int(requirement.value))
    except (TypeError, ValueError):
        return 1


def _check_streak(requirement, employee, facts):
    from django.utils.translation import gettext

    from training import requirements

    streak = facts.get("appraisal_excellent_streak", {}).get(employee.pk, 0)
    return requirements.Progress(
        met=streak >= _needed(requirement),
        text=gettext("%(n)d of %(needed)d excellent in a row")
        % {"n": streak, "needed": _needed(requirement)},
    )


def register_requirement():
    """Promotion steps may require consecutive excellent appraisal results."""
    from django.utils.translation import gettext_noop

    from core.i18n import Text
    from training import requirements

    requirements.register(
        requirements.RequirementKind(
            key="appraisal_excellent_streak",
            label=_("Consecutive excellent appraisals"),
            fields=("value",),
            load=excellent_streaks,
            check=_check_streak,
            describe=lambda req: Text(
                gettext_noop("%(n)d consecutive excellent monthly appraisals"),
                {"n": _needed(req)},
            ),
        )
    )


def employee_results_link(employee, user):
    """A button to the employee's appraisal results on the employee's record."""
    from django.utils.translation import gettext

    from .views.followups import may_see_results

    if not may_see_results(user, employee):
        return []
    return [
        links.Link(
            gettext("Appraisal results"),
            reverse("appraisal:employee_results", args=[employee.pk]),
            "bi-graph-up",
        )
    ]


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
    jobs.describe("appraisal.send_appraisal_reminders", _("Appraisal reminders"))
    register_requirement()
    links.register("org.employee", employee_results_link)
