from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm
from core.pickers import model_picker

from .models import CalendarDay, Employee, Team


class TeamForm(BaseModelForm):
    supervisor = model_picker(Team, "supervisor", "org.supervisor")
    clerks = model_picker(Team, "clerks", "org.clerk")

    class Meta:
        model = Team
        fields = ["name", "name_en", "code", "supervisor", "clerks", "description", "active"]


class EmployeeForm(BaseModelForm):
    sections = [
        (_("Employee"), ["employee_no", "name", "position", "grade"]),
        (_("Team and dates"), ["team", "hire_date", "prior_years_service", "status", "left_on"]),
        (_("Contact"), ["mobile", "email"]),
    ]

    class Meta:
        model = Employee
        fields = [
            "employee_no",
            "name",
            "position",
            "grade",
            "team",
            "hire_date",
            "prior_years_service",
            "status",
            "left_on",
            "mobile",
            "email",
        ]


class EmployeeCreateForm(EmployeeForm):
    username = forms.CharField(label=_("Login name"), max_length=150)

    sections = [(_("Login"), ["username"]), *EmployeeForm.sections]

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username=username).exists():
            raise forms.ValidationError(_("This login name is taken."))
        return username


class EmployeeLeaveForm(BaseForm):
    left_on = forms.DateField(label=_("Left on"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)


class CalendarDayForm(BaseModelForm):
    class Meta:
        model = CalendarDay
        fields = ["day", "kind", "name", "note"]


class CalendarSyncForm(BaseForm):
    year = forms.IntegerField(label=_("Year"), min_value=2004, max_value=2100)
