"""Forms of the catalogue, sessions, external courses, plans and reports."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm
from core.pickers import TypeaheadChoiceField, TypeaheadMultipleChoiceField, model_picker
from core.roles import Role
from core.uploads import DOCUMENTS, FileValidator
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH

from ..models import Course, Enrolment, Session


class CourseForm(BaseModelForm):
    sections = [
        (_("Course"), ["code", "title", "content_type", "delivery", "product", "description"]),
        (_("Hours"), ["duration_hours", "credit_hours", "active"]),
    ]

    class Meta:
        model = Course
        fields = [
            "code",
            "title",
            "content_type",
            "delivery",
            "product",
            "description",
            "duration_hours",
            "credit_hours",
            "active",
        ]
        widgets = {"description": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Products are few: a drop-down of the active ones the user may see.
        product = self.fields["product"]
        product.queryset = product.queryset.filter(active=True)

    def clean(self):
        data = super().clean()
        if data.get("product") and data.get("content_type") != Course.ContentType.PRODUCTS:
            self.add_error("product", _("Only a course on company products names a product."))
        return data


class MandatoryRuleForm(BaseForm):
    position = forms.ChoiceField(label=_("Position"), choices=Role.choices)
    within_days_of_hire = forms.IntegerField(
        label=_("Within days of hire"), required=False, min_value=0, max_value=3650
    )
    refresh_months = forms.IntegerField(
        label=_("Refresh every (months)"), required=False, min_value=1, max_value=120
    )

    def clean(self):
        data = super().clean()
        if data.get("within_days_of_hire") is None and data.get("refresh_months") is None:
            raise forms.ValidationError(_("Give a deadline after hire, a refresh period, or both."))
        return data


class SessionForm(BaseModelForm):
    course = model_picker(Session, "course", "training.course")
    trainer = model_picker(Session, "trainer", "training.employee")
    sections = [
        (_("Session"), ["course", "format", "starts_at", "hours", "place", "seats", "status"]),
        (_("Trainer"), ["trainer", "trainer_name"]),
        ("", ["note"]),
    ]

    class Meta:
        model = Session
        fields = [
            "course",
            "format",
            "starts_at",
            "hours",
            "place",
            "seats",
            "status",
            "trainer",
            "trainer_name",
            "note",
        ]
        widgets = {"starts_at": forms.DateTimeInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours"].required = False
        self.fields["hours"].help_text = _("Empty: the course's credit hours.")

    def clean(self):
        data = super().clean()
        if bool(data.get("trainer")) == bool(data.get("trainer_name")):
            self.add_error(
                "trainer_name",
                _("Name either an employee or an outside expert as the trainer, not both."),
            )
        if data.get("hours") is None and data.get("course"):
            data["hours"] = data["course"].credit_hours
            self.instance.hours = data["hours"]
        return data


class EnrolForm(BaseForm):
    employees = TypeaheadMultipleChoiceField("training.employee", label=_("Employees"))


class ResultForm(BaseForm):
    """One attendee's row of the attendance sheet."""

    PASSED = [("", _("Not assessed")), ("yes", _("Passed")), ("no", _("Not passed"))]

    enrolment = forms.IntegerField(widget=forms.HiddenInput)
    attendance = forms.ChoiceField(
        label=_("Attendance"),
        choices=[("", _("Not recorded")), *Enrolment.Attendance.choices],
        required=False,
    )
    score = forms.DecimalField(
        label=_("Score"), required=False, min_value=0, max_value=100, decimal_places=1
    )
    passed = forms.ChoiceField(label=_("Passed"), choices=PASSED, required=False)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=DESCRIPTION_LENGTH)

    def clean(self):
        data = super().clean()
        if data.get("attendance") == Enrolment.Attendance.ABSENT and (
            data.get("score") is not None or data.get("passed") == "yes"
        ):
            self.add_error("score", _("An absent employee has no score or pass."))
        data["passed"] = {"yes": True, "no": False}.get(data.get("passed"))
        return data


ResultFormSet = forms.formset_factory(ResultForm, extra=0, max_num=500, validate_max=True)


class ExternalRequestForm(BaseForm):
    provider = forms.CharField(label=_("Provider"), max_length=200)
    title = forms.CharField(label=_("Title"), max_length=200)
    course = TypeaheadChoiceField(
        "training.course",
        label=_("Course in the catalogue"),
        required=False,
        help_text=_("When the outside course is one of the catalogue's."),
    )
    starts_on = forms.DateField(label=_("Starts on"))
    ends_on = forms.DateField(label=_("Ends on"))
    hours = forms.DecimalField(label=_("Hours"), min_value=0, max_value=500, decimal_places=1)
    cost = forms.DecimalField(label=_("Cost"), min_value=0, max_value=1_000_000, decimal_places=2)
    reason = forms.CharField(label=_("Reason"), max_length=NOTE_LENGTH, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The course cannot end before it starts."))
        return data


class ExternalDecisionForm(BaseForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=DESCRIPTION_LENGTH)


class EvidenceForm(BaseForm):
    file = forms.FileField(
        label=_("Evidence of completion"),
        validators=[FileValidator(kinds=DOCUMENTS)],
        help_text=_("The certificate or attendance proof (PDF, image, Word or Excel)."),
    )
    score = forms.DecimalField(
        label=_("Score"), required=False, min_value=0, max_value=100, decimal_places=1
    )


class ConfirmForm(BaseForm):
    """HR's confirmation (nothing to type: the POST is the decision)."""


class PlanForm(BaseForm):
    employee = TypeaheadChoiceField("training.employee", label=_("Employee"))
    starts_on = forms.DateField(label=_("From"))
    ends_on = forms.DateField(label=_("To"))
    courses = TypeaheadMultipleChoiceField(
        "training.course",
        label=_("Courses"),
        help_text=_("Each is due by the end of the plan."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=NOTE_LENGTH, widget=forms.Textarea)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            del self.fields["employee"]

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end:
            if end < start:
                self.add_error("ends_on", _("The plan cannot end before it starts."))
            elif (end - start).days > 3 * 366:
                self.add_error("ends_on", _("A plan covers at most three years."))
        return data


class ReportForm(BaseForm):
    """The filters of the training reports: a period, a team, and the grouping."""

    BY = [("person", _("Per person")), ("team", _("Per team"))]

    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    by = forms.ChoiceField(label=_("Group by"), choices=BY, required=False)

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.fields["team"].widget.attrs["class"] = "form-select"

    def clean_defaults(self):
        """The filters of an unfiltered report: this year to date, everyone, per person."""
        today = timezone.localdate()
        return {
            "date_from": today.replace(month=1, day=1),
            "date_to": today,
            "team": None,
            "by": "person",
        }

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["date_from"] = data.get("date_from") or today.replace(month=1, day=1)
        data["date_to"] = data.get("date_to") or today
        if data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The period cannot end before it starts."))
        data["by"] = data.get("by") or "person"
        return data
