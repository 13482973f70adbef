"""Forms of appraisal: templates and their items, opening a round, the assessments, the
consolidation, the interview, the employee's answer, reopening and what follows."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm, bound_input, style_widget
from core.pickers import TypeaheadMultipleChoiceField
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH
from org.models import Team

from .models import AppraisalTemplate, ImprovementPlan, Kind, Scale, TemplateItem
from .models.templates import curve_text, parse_curve


def _style(form, names):
    """Style the fields a form adds after the base form's set-up."""
    for name in names:
        field = form.fields[name]
        style_widget(field)
        bound_input(field)
        if field.required:
            field.widget.attrs.setdefault("required", True)


class TemplateForm(BaseModelForm):
    sections = [
        (_("Template"), ["name", "position", "kind", "active", "note"]),
        (_("Dimension weights"), ["weight_results", "weight_ability", "weight_attitude"]),
    ]

    class Meta:
        model = AppraisalTemplate
        fields = [
            "name",
            "position",
            "kind",
            "active",
            "note",
            "weight_results",
            "weight_ability",
            "weight_attitude",
        ]


class TemplateItemForm(BaseModelForm):
    curve_points = forms.CharField(
        label=_("Curve"),
        required=False,
        max_length=DESCRIPTION_LENGTH,
        help_text=_("Achievement (percent):score points, e.g. 0:0, 60:40, 100:90, 120:100."),
    )

    sections = [
        (_("Item"), ["dimension", "order", "label", "weight", "method"]),
        (_("Computed item"), ["computed_code", "target", "curve_points", "cap"]),
        (_("Rated item"), ["scale", "evidence_code", "anchors"]),
    ]

    class Meta:
        model = TemplateItem
        fields = [
            "dimension",
            "order",
            "label",
            "weight",
            "method",
            "computed_code",
            "target",
            "cap",
            "scale",
            "evidence_code",
            "anchors",
        ]
        widgets = {"anchors": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        from .computed import COMPUTED

        super().__init__(*args, **kwargs)
        self.fields["computed_code"] = forms.ChoiceField(
            label=_("Computed result"),
            required=False,
            choices=[("", "—"), *((code, c.label) for code, c in COMPUTED.items())],
        )
        self.fields["scale"].required = False
        if self.instance.pk:
            self.initial["curve_points"] = curve_text(self.instance.curve)
        _style(self, ["computed_code"])

    def clean(self):
        data = super().clean()
        try:
            self.instance.curve = parse_curve(data.get("curve_points", ""))
        except ValidationError as exc:
            self.add_error("curve_points", exc)
        return data

    def _post_clean(self):
        super()._post_clean()
        # The model names the curve field; the form shows it as curve_points.
        if "curve" in self._errors:
            self._errors.setdefault("curve_points", self.error_class()).extend(
                self._errors.pop("curve")
            )


def _year_choices():
    this = timezone.localdate().year
    return [(y, str(y)) for y in range(this, this - 6, -1)]


class RoundOpenForm(BaseForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=Kind.choices, initial=Kind.MONTHLY)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=_year_choices)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), *((m, f"{m:02d}") for m in range(1, 13))],
        help_text=_("For a monthly round."),
    )
    teams = forms.ModelMultipleChoiceField(
        label=_("Teams"),
        queryset=Team.objects.filter(active=True),
        required=False,
        help_text=_("Leave empty for all teams."),
    )

    def clean(self):
        data = super().clean()
        if data.get("kind") == Kind.MONTHLY and not data.get("month"):
            self.add_error("month", _("Choose the month."))
        return data


class RatingForm(BaseForm):
    """One field per rated item (``item_<round item pk>``): a level 1–5 or 0–100 points;
    the comments; the supervisor's private notes when ``supervisor`` is set."""

    comment = forms.CharField(
        label=_("Comments"), required=False, max_length=NOTE_LENGTH, widget=forms.Textarea
    )

    def __init__(self, *args, rows=(), supervisor=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = [row for row in rows if not row.item.is_computed]
        for row in self.rows:
            name = f"item_{row.item_id}"
            if row.item.scale == Scale.FIVE:
                field = forms.TypedChoiceField(
                    label=row.item.label,
                    coerce=int,
                    choices=[(n, str(n)) for n in range(1, 6)],
                    widget=forms.RadioSelect,
                )
            else:
                field = forms.DecimalField(
                    label=row.item.label, min_value=0, max_value=100, decimal_places=2
                )
            self.fields[name] = field
            row.field_name = name
        if supervisor:
            self.fields["private_notes"] = forms.CharField(
                label=_("Private notes"),
                required=False,
                max_length=NOTE_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("HR reads them; the employee never sees them."),
            )
        _style(self, [name for name in self.fields if name != "comment"])

    def ratings(self):
        return {row.item_id: self.cleaned_data.get(row.field_name) for row in self.rows}

    def item_fields(self):
        return [(row, self[row.field_name]) for row in self.rows]


class ConsolidateForm(BaseForm):
    calibration = forms.DecimalField(
        label=_("Calibration (points)"),
        required=False,
        min_value=-30,
        max_value=30,
        decimal_places=2,
        initial=0,
        help_text=_("Added to the calculated score after comparing teams; 0 for none."),
    )
    calibration_reason = forms.CharField(
        label=_("Calibration reason"), required=False, max_length=DESCRIPTION_LENGTH
    )


class InterviewForm(BaseForm):
    date = forms.DateField(
        label=_("Interview date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    discussed = forms.CharField(label=_("Discussed"), max_length=NOTE_LENGTH, widget=forms.Textarea)
    strengths = forms.CharField(
        label=_("Strengths"), required=False, max_length=NOTE_LENGTH, widget=forms.Textarea
    )
    problems = forms.CharField(
        label=_("Problems"), required=False, max_length=NOTE_LENGTH, widget=forms.Textarea
    )
    goals = forms.CharField(
        label=_("Goals for the next period"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea,
    )

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate() or day < timezone.localdate() - dt.timedelta(days=400):
            raise ValidationError(_("Give the date the interview was held."))
        return day


class ObjectionForm(BaseForm):
    objection = forms.CharField(
        label=_("Objection"), max_length=NOTE_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(BaseForm):
    reason = forms.CharField(label=_("Reason"), max_length=DESCRIPTION_LENGTH)


class ImprovementPlanForm(BaseModelForm):
    class Meta:
        model = ImprovementPlan
        fields = ["goals", "support", "review_date", "outcome", "outcome_note"]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "support": forms.Textarea(attrs={"rows": 3}),
            "review_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, new=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("change_reason", None)
        if new:
            del self.fields["outcome"]
            del self.fields["outcome_note"]


class TrainingPlanForm(BaseForm):
    courses = TypeaheadMultipleChoiceField(
        "training.course",
        label=_("Courses"),
        help_text=_("Courses for the weak ability items; each is due by the end of the plan."),
    )


class CalibrationForm(BaseForm):
    appraisal = forms.IntegerField(widget=forms.HiddenInput)
    points = forms.DecimalField(
        label=_("Calibration (points)"),
        min_value=-30,
        max_value=30,
        decimal_places=2,
        help_text=_("Replaces the appraisal's calibration: 0 takes it back."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=DESCRIPTION_LENGTH)


class DeadlinesForm(BaseForm):
    self_due = forms.DateField(
        label=_("self-assessment due"), widget=forms.DateInput(attrs={"type": "date"})
    )
    supervisor_due = forms.DateField(
        label=_("supervisor assessment due"), widget=forms.DateInput(attrs={"type": "date"})
    )
    hr_due = forms.DateField(
        label=_("HR consolidation due"), widget=forms.DateInput(attrs={"type": "date"})
    )
    interview_due = forms.DateField(
        label=_("interview due"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=DESCRIPTION_LENGTH,
        help_text=_("Each date must be a working day, each stage on or after the one before."),
    )
