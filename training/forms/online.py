"""Forms of online learning: resources, units, test settings, questions, the import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm, bound_input, style_widget
from core.uploads import SPREADSHEETS, FileValidator
from core.validators import DESCRIPTION_LENGTH

from ..models import CourseUnit, LearningResource, OnlineTest, Question

OPTION_SLOTS = 6


class LearningResourceForm(BaseModelForm):
    sections = [
        (_("Resource"), ["title", "kind", "description", "active"]),
        (_("Content"), ["file", "url", "duration_seconds"]),
    ]

    class Meta:
        model = LearningResource
        fields = ["title", "kind", "description", "file", "url", "duration_seconds", "active"]
        widgets = {"kind": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}


class CourseUnitForm(BaseModelForm):
    class Meta:
        model = CourseUnit
        fields = ["title", "resource", "completion", "min_seconds"]
        widgets = {"completion": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = self.fields["resource"].queryset.filter(active=True)
        self.fields.pop("change_reason", None)


class OnlineTestForm(BaseModelForm):
    class Meta:
        model = OnlineTest
        fields = [
            "question_count",
            "time_limit_minutes",
            "pass_mark",
            "max_attempts",
            "units_required",
        ]


class QuestionForm(BaseModelForm):
    """A question with up to six options (a true/false question: the statement's answer)."""

    sections = [
        (_("Question"), ["kind", "text", "explanation", "statement_is", "active"]),
        (
            _("Options (single and multiple choice)"),
            [name for i in range(1, OPTION_SLOTS + 1) for name in (f"option_{i}", f"correct_{i}")],
        ),
    ]

    TRUE_FALSE = (("true", _("True")), ("false", _("False")))

    statement_is = forms.ChoiceField(
        label=_("The statement is"),
        choices=TRUE_FALSE,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("For a true/false question."),
    )

    class Meta:
        model = Question
        fields = ["kind", "text", "explanation", "active"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = list(self.instance.options.all()) if self.instance.pk else []
        for i in range(1, OPTION_SLOTS + 1):
            option = options[i - 1] if i <= len(options) else None
            self.fields[f"option_{i}"] = forms.CharField(
                label=_("Option %(n)d") % {"n": i},
                max_length=DESCRIPTION_LENGTH,
                required=False,
                initial=option.text if option else "",
            )
            self.fields[f"correct_{i}"] = forms.BooleanField(
                label=_("Right answer"), required=False, initial=bool(option and option.correct)
            )
        if self.instance.kind == Question.Kind.TRUE_FALSE and options:
            self.initial["statement_is"] = "true" if options[0].correct else "false"
        for name, field in self.fields.items():
            if name.startswith(("option_", "correct_")):
                style_widget(field)
                bound_input(field)

    def option_rows(self):
        return [(self[f"option_{i}"], self[f"correct_{i}"]) for i in range(1, OPTION_SLOTS + 1)]

    def clean(self):
        data = super().clean()
        if data.get("kind") == Question.Kind.TRUE_FALSE and not data.get("statement_is"):
            self.add_error("statement_is", _("Say whether the statement is true or false."))
        return data

    def options(self):
        """[(text, correct)] as entered (a true/false question's two fixed options)."""
        from ..services.online import true_false_options

        data = self.cleaned_data
        if data["kind"] == Question.Kind.TRUE_FALSE:
            return true_false_options(data["statement_is"] == "true")
        return [
            (data[f"option_{i}"], data[f"correct_{i}"])
            for i in range(1, OPTION_SLOTS + 1)
            if (data.get(f"option_{i}") or "").strip()
        ]


class QuestionImportForm(BaseForm):
    file = forms.FileField(
        label=_("Excel file"),
        validators=[FileValidator(SPREADSHEETS)],
        help_text=_("The filled-in question template (.xlsx)."),
    )
