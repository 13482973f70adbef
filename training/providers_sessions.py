"""What the catalogue, sessions, external courses, the training file, mandatory training,
plans and reports add to core's registries (called from ``providers.register``)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import links, mywork, navigation, pickers
from core.permissions import get_profile

from .models import Course
from .selectors import mandatory
from .selectors import sessions as selectors


def _course_queryset(user):
    if user is None or not user.is_authenticated:
        return Course.objects.none()
    return Course.objects.visible_to(user).filter(active=True)


def _employee_queryset(user):
    from org.models import Employee

    if user is None or not user.is_authenticated:
        return Employee.objects.none()
    return (
        Employee.objects.visible_to(user)
        .exclude(status=Employee.Status.LEFT)
        .select_related("team")
    )


def _employee_label(employee):
    label = f"{employee.name} · {employee.employee_no}"
    return f"{label} · {employee.team}" if employee.team_id else label


def my_mandatory_training(user):
    """The employee's own mandatory courses due or overdue."""
    employee = selectors.employee_of(user)
    if employee is None or not user.has_perm("training.view_mandatorytraining"):
        return []
    rows = mandatory.mandatory_status(employees=[employee])
    open_rows = [r for r in rows if r.status != mandatory.DONE]
    overdue = any(r.status == mandatory.OVERDUE for r in open_rows)
    return [
        mywork.WorkItem(
            _("Mandatory training due"),
            len(open_rows),
            reverse("training:mandatory_due") + "?status=open",
            level="danger" if overdue else "warning",
            overdue=overdue,
        )
    ]


def people_overdue(user):
    """HR, managers and supervisors: the people they follow whose mandatory training is
    overdue."""
    if not user.has_perm("training.view_training_reports"):
        return []
    profile = get_profile(user)
    if not (profile.company_wide or profile.led_team_ids or user.is_superuser):
        return []
    rows = mandatory.mandatory_status(employees=mandatory.people_of(user))
    own = selectors.employee_of(user)
    count = len(
        {r.employee.pk for r in rows if r.status == mandatory.OVERDUE and r.employee != own}
    )
    return [
        mywork.WorkItem(
            _("People with overdue mandatory training"),
            count,
            reverse("training:mandatory_due") + "?status=overdue",
            level="danger",
            overdue=True,
        )
    ]


def external_work(user):
    items = []
    if user.has_perm("training.approve_externalcourse"):
        items.append(
            mywork.WorkItem(
                _("External courses to approve"),
                selectors.externals_to_decide(user=user).count(),
                reverse("training:externalcourse_list") + "?work=decide",
            )
        )
    if user.has_perm("training.confirm_externalcourse"):
        items.append(
            mywork.WorkItem(
                _("External courses to confirm"),
                selectors.externals_to_confirm(user=user).count(),
                reverse("training:externalcourse_list") + "?work=confirm",
            )
        )
    return items


def employee_file_link(employee, user):
    """The "Training file" button on an employee's record."""
    if not user.has_perm("training.view_trainingrecord"):
        return []
    return [
        links.Link(
            _("Training file"), reverse("training:file", args=[employee.pk]), "bi-mortarboard"
        )
    ]


def register():
    # The one course picker and the one employee picker of training: sessions, enrolments,
    # training records, certificates, development plans and job rotations choose from them.
    pickers.register(
        pickers.PickerSource(
            name="training.course",
            model=Course,
            queryset=_course_queryset,
            search=lambda term: Q(title__icontains=term) | Q(code__icontains=term),
            label=str,
            order_by=("code",),
        )
    )
    from org.models import Employee

    pickers.register(
        pickers.PickerSource(
            name="training.employee",
            model=Employee,
            queryset=_employee_queryset,
            search=lambda term: Q(name__icontains=term) | Q(employee_no__icontains=term),
            label=_employee_label,
            order_by=("name",),
        )
    )
    items = [
        (
            gettext_lazy("My training file"),
            "training:my_file",
            "training.view_trainingrecord",
            "journal-bookmark",
        ),
        (gettext_lazy("Course catalogue"), "training:course_list", "training.view_course", "book"),
        (
            gettext_lazy("Training sessions"),
            "training:session_list",
            "training.view_session",
            "easel",
        ),
        (
            gettext_lazy("External courses"),
            "training:externalcourse_list",
            "training.view_externalcourse",
            "box-arrow-up-right",
        ),
        (
            gettext_lazy("Mandatory training"),
            "training:mandatory_due",
            "training.view_mandatorytraining",
            "exclamation-diamond",
        ),
        (
            gettext_lazy("Training plans"),
            "training:trainingplan_list",
            "training.view_trainingplan",
            "list-check",
        ),
        (
            gettext_lazy("Training hours"),
            "training:report_hours",
            "training.view_training_reports",
            "bar-chart",
        ),
        (
            gettext_lazy("Mandatory completion"),
            "training:report_mandatory",
            "training.view_training_reports",
            "clipboard-data",
        ),
        (
            gettext_lazy("Pass rates"),
            "training:report_pass_rates",
            "training.view_training_reports",
            "graph-up",
        ),
    ]
    for label, url_name, perm, icon in items:
        navigation.register("training", navigation.MenuItem(label, url_name, perm, icon))
    mywork.register(my_mandatory_training)
    mywork.register(people_overdue)
    mywork.register(external_work)
    links.register("org.employee", employee_file_link)
