"""What payroll adds to core's registries: its menu entries and the employee picker."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core import navigation, pickers


def _employees(user):
    from org.models import Employee

    if user is None or not user.is_authenticated:
        return Employee.objects.none()
    return Employee.objects.visible_to(user).exclude(status=Employee.Status.LEFT)


def register():
    """Called once from ``PayrollConfig.ready()``."""
    from org.models import Employee

    from .attendance import providers as attendance_providers

    attendance_providers.register()

    for label, url, perm, icon in (
        (_("Contribution bases"), "contributionbase", "view_contributionbase", "person-vcard"),
        (_("Declared deductions"), "deductionclaim", "view_deductionclaim", "receipt"),
        (_("Contribution policies"), "contributionpolicy", "view_contributionpolicy", "bank"),
        (_("Tax rate tables"), "taxtable", "view_taxtable", "percent"),
        (_("Basic deductions"), "standarddeduction", "view_standarddeduction", "dash-circle"),
        (
            _("Special additional deductions"),
            "additionaldeductionstandard",
            "view_additionaldeductionstandard",
            "list-check",
        ),
    ):
        navigation.register(
            "payroll", navigation.MenuItem(label, f"payroll:{url}_list", f"payroll.{perm}", icon)
        )
    # salary structures and the monthly run
    for label, url, perm, icon in (
        (_("Payroll months"), "payrollrun_list", "view_payrollrun", "calendar-check"),
        (_("Salary history"), "salarychange_list", "view_salarychange", "graph-up"),
        (_("Pay items"), "payitem_list", "view_payitem", "plus-slash-minus"),
        (_("Grade pay bands"), "gradepay_list", "view_gradepay", "bar-chart-steps"),
        (_("Bonus tiers"), "bonustier_list", "view_bonustier", "trophy"),
        (_("Salary accounts"), "salaryaccount_list", "view_salaryaccount", "credit-card"),
        (_("My payslips"), "payslip_mine", "view_payslip", "wallet2"),
    ):
        navigation.register(
            "payroll", navigation.MenuItem(label, f"payroll:{url}", f"payroll.{perm}", icon)
        )
    pickers.register(
        pickers.PickerSource(
            name="payroll.employee",
            model=Employee,
            queryset=_employees,
            search=lambda term: Q(name__icontains=term) | Q(employee_no__icontains=term),
            label=lambda employee: f"{employee.name} · {employee.employee_no}",
            order_by=("employee_no",),
        )
    )
