"""What attendance and leave add to core's registries: menu entries, My work (leave and
overtime to decide), the appraisal evidence and the payroll run's collector."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core import evidence, mywork, navigation
from core.i18n import define_verbs

from .. import inputs


def decisions_waiting(user):
    """Leave requests and overtime of the user's teams waiting for their decision."""
    from . import selectors

    items = []
    if user.has_perm("payroll.approve_leaverequest"):
        count = selectors.leave_to_decide(user=user).count()
        items.append(
            mywork.WorkItem(
                _("Leave requests to decide"),
                count,
                reverse("payroll:leaverequest_list") + "?status=pending",
            )
        )
    if user.has_perm("payroll.approve_overtimerecord"):
        count = selectors.overtime_to_decide(user=user).count()
        items.append(
            mywork.WorkItem(
                _("Overtime to approve"),
                count,
                reverse("payroll:overtimerecord_list") + "?status=pending",
            )
        )
    return items


def register():
    from .collector import collector
    from .evidence import attendance_evidence

    define_verbs(
        {
            "leave_requested": gettext_lazy("Leave requested"),
            "leave_approved": gettext_lazy("Leave approved"),
            "leave_refused": gettext_lazy("Leave refused"),
            "leave_cancelled": gettext_lazy("Leave cancelled"),
            "leave_account_opened": gettext_lazy("Annual leave account opened"),
            "untaken_leave_marked": gettext_lazy("Untaken annual leave marked for pay"),
            "overtime_approved": gettext_lazy("Overtime approved"),
            "overtime_refused": gettext_lazy("Overtime refused"),
            "attendance_imported": gettext_lazy("Attendance imported"),
        }
    )
    for label, url, perm, icon in (
        (gettext_lazy("My leave"), "leave_mine", "view_leaverequest", "calendar-heart"),
        (
            gettext_lazy("Leave requests"),
            "leaverequest_list",
            "view_leaverequest",
            "calendar-check",
        ),
        (
            pgettext_lazy("attendance", "Attendance"),
            "attendance_month",
            "view_attendancerecord",
            "calendar3",
        ),
        (
            gettext_lazy("Attendance records"),
            "attendancerecord_list",
            "add_attendancerecord",
            "list-check",
        ),
        (gettext_lazy("Overtime"), "overtimerecord_list", "view_overtimerecord", "clock-history"),
        (
            gettext_lazy("Annual leave accounts"),
            "annualleaveaccount_list",
            "change_annualleaveaccount",
            "journal-check",
        ),
        (gettext_lazy("Leave types"), "leavetype_list", "change_leavetype", "tags"),
        (gettext_lazy("Benefits"), "benefitrecord_list", "view_benefitrecord", "gift"),
    ):
        navigation.register(
            "payroll",
            navigation.MenuItem(label, f"payroll:{url}", f"payroll.{perm}", icon),
        )
    mywork.register(decisions_waiting)
    evidence.register(attendance_evidence)
    inputs.register(collector)
