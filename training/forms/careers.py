"""Forms of career development: plans, steps, requirements, rotations and evaluations."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm
from core.pickers import TypeaheadChoiceField, model_picker
from core.validators import NOTE_LENGTH

from .. import requirements
from ..models import DevelopmentPlan, JobRotation, PromotionStep, QualificationKind


class DevelopmentPlanForm(BaseModelForm):
    employee = model_picker(DevelopmentPlan, "employee", "training.employee")

    class Meta:
        model = DevelopmentPlan
        fields = ["employee", "direction", "target_position", "target_title", "note"]


class PromotionStepForm(BaseModelForm):
    class Meta:
        model = PromotionStep
        fields = ["order", "title", "target_date"]


class StepRequirementForm(BaseForm):
    kind = forms.ChoiceField(label=_("requirement"))
    months = forms.IntegerField(
        label=_("minimum tenure (months)"), min_value=1, max_value=600, required=False
    )
    course = TypeaheadChoiceField("training.course", label=_("course"), required=False)
    qualification = forms.ModelChoiceField(
        queryset=QualificationKind.objects.filter(active=True),
        label=_("qualification"),
        required=False,
    )
    value = forms.CharField(label=_("value"), max_length=50, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = requirements.choices()


class StepReachedForm(BaseForm):
    reached_on = forms.DateField(label=_("reached on"))


class JobRotationForm(BaseModelForm):
    employee = model_picker(JobRotation, "employee", "training.employee")

    class Meta:
        model = JobRotation
        fields = [
            "employee",
            "from_team",
            "from_position",
            "to_team",
            "to_position",
            "starts_on",
            "ends_on",
            "purpose",
        ]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The rotation ends on or after its start."))
        if (
            data.get("from_team")
            and data.get("from_team") == data.get("to_team")
            and (data.get("from_position") == data.get("to_position"))
        ):
            self.add_error("to_team", _("A rotation moves to another team or position."))
        return data


class RotationEvaluationForm(BaseForm):
    rating = forms.IntegerField(
        label=_("rating"), min_value=1, max_value=5, help_text=_("1 (poor) to 5 (excellent).")
    )
    evaluation = forms.CharField(
        label=_("evaluation"), max_length=NOTE_LENGTH, widget=forms.Textarea
    )
