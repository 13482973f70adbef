"""Form plumbing: Bootstrap rendering, restricted dropdowns, sections, change reasons, and
bounds on free text and dates."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from . import params, speedups
from .uploads import IMAGES_AND_PDF, FileValidator
from .validators import (
    EARLIEST_DATE,
    FORM_LINE_LENGTH,
    FORM_TEXT_LENGTH,
    LATEST_DATE,
    DateBoundsValidator,
    validate_date,
)


class BootstrapFormRenderer(TemplatesSetting):
    """Renders every form with the project's templates (labels above, errors beside).

    Selects whose options use Django's own option template are built by ``core.speedups``,
    with the same markup.
    """

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"

    def render(self, template_name, context, request=None):
        html = speedups.select_html(template_name, context)
        if html is not None:
            return html
        return super().render(template_name, context, request)


def style_widget(field):
    """Give a field's widget its Bootstrap class; dates become native date pickers."""
    widget = field.widget
    if isinstance(widget, (forms.CheckboxInput,)):
        css = "form-check-input"
    elif isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        css = ""
    elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
        css = "form-select"
    else:
        css = "form-control"
    if isinstance(widget, forms.DateInput) and not isinstance(widget, forms.DateTimeInput):
        widget.input_type = "date"
        widget.format = "%Y-%m-%d"
    if isinstance(widget, forms.DateTimeInput):
        widget.input_type = "datetime-local"
        widget.format = "%Y-%m-%dT%H:%M"
    if isinstance(widget, forms.Textarea):
        widget.attrs.setdefault("rows", 3)
    if css:
        existing = widget.attrs.get("class", "")
        if css not in existing.split():
            widget.attrs["class"] = (existing + " " + css).strip()


def bound_input(field):
    """Give a free-text field a maximum length and a date field the sane years (1900-2100),
    unless it has its own: a form field no model field stands behind, or one whose model
    field sets no limit, still refuses 3 MB of text or the year 1."""
    if isinstance(field, forms.JSONField):
        return
    if isinstance(field, forms.CharField):
        if field.max_length is None:
            textarea = isinstance(field.widget, forms.Textarea)
            field.max_length = FORM_TEXT_LENGTH if textarea else FORM_LINE_LENGTH
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("maxlength", str(field.max_length))
        # Also where the length was set after the field was built (the login's user name),
        # which leaves the field without its validator.
        if not any(isinstance(v, MaxLengthValidator) for v in field.validators):
            field.validators.append(MaxLengthValidator(field.max_length))
    elif isinstance(field, (forms.DateField, forms.DateTimeField)):
        if not any(isinstance(v, DateBoundsValidator) for v in field.validators):
            field.validators.append(validate_date)
        if isinstance(field, forms.DateField) and isinstance(field.widget, forms.DateInput):
            field.widget.attrs.setdefault("min", EARLIEST_DATE.isoformat())
            field.widget.attrs.setdefault("max", LATEST_DATE.isoformat())


class BaseFormMixin:
    """Every project form: styled widgets, bounded text and dates, dropdowns restricted to
    the user, sections.

    ``sections`` is a list of (title, [field names]); fields not listed go to a last section.
    """

    sections = None

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.setup_fields(user)

    def setup_fields(self, user):
        for field in self.fields.values():
            style_widget(field)
            bound_input(field)
            if field.required:
                field.widget.attrs.setdefault("required", True)
        if user is not None:
            restrict_form_fields(self, user)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                speedups.read_choices_in_one_query(field)

    def get_sections(self):
        if not self.sections:
            return [("", [self[name] for name in self.fields])]
        listed = {name for _title, names in self.sections for name in names}
        result = [
            (title, [self[n] for n in names if n in self.fields]) for title, names in self.sections
        ]
        rest = [self[n] for n in self.fields if n not in listed]
        if rest:
            result.append(("", rest))
        return [(title, fields) for title, fields in result if fields]


def restrict_form_fields(form, user, action="view"):
    """Narrow every model dropdown to the rows ``user`` may see (STYLE.md: no dropdown leaks)."""
    for field in form.fields.values():
        bind = getattr(field, "bind", None)
        if bind is not None:  # a type-ahead picker (core.pickers): its source restricts it
            bind(user, form)
            continue
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset, "visible_to"):
            field.queryset = queryset.visible_to(user, action)


class BaseForm(BaseFormMixin, forms.Form):
    pass


class BaseModelForm(BaseFormMixin, forms.ModelForm):
    """A model form with an optional reason that is saved as the history change reason.

    The reason is asked on edits only: a record being created has nothing changed yet, so
    its form has no ``change_reason`` field."""

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=100,
        help_text=_("Optional; shown in the history."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            self.fields.pop("change_reason", None)

    def save(self, commit=True):
        obj = super().save(commit=False)
        reason = self.cleaned_data.get("change_reason")
        if reason:
            obj._change_reason = reason
        if commit:
            obj.save()
            self.save_m2m()
        return obj


class LoginForm(BaseFormMixin, AuthenticationForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class PasswordForm(BaseFormMixin, PasswordChangeForm):
    def __init__(self, user, *args, **kwargs):
        PasswordChangeForm.__init__(self, user, *args, **kwargs)
        self.setup_fields(None)


def parameter_field(definition):
    """The form field of a company setting, by its declared kind (core.params): a checkbox,
    a number input, a select, a multi-select, or a line of text for a list."""
    kind = definition.kind
    common = {"label": definition.label, "help_text": definition.help_text}
    bounds = {"min_value": definition.min_value, "max_value": definition.max_value}
    if kind == params.BOOL:
        return forms.BooleanField(required=False, **common)
    if kind in (params.NUMBER, params.DAYS):
        return forms.IntegerField(**bounds, **common)
    if kind == params.DECIMAL:
        field = forms.DecimalField(max_digits=14, decimal_places=4, **bounds, **common)
        field.widget.attrs["step"] = "any"
        return field
    if kind == params.CHOICE:
        return forms.ChoiceField(choices=definition.choice_list(), **common)
    if kind == params.MULTIPLE_CHOICE:
        return forms.MultipleChoiceField(
            choices=definition.choice_list(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    field = forms.CharField(required=kind == params.NUMBERS, max_length=500, **common)
    if kind == params.NUMBERS:
        field.widget.attrs["inputmode"] = "numeric"
    return field


class ParameterForm(BaseForm):
    """Edit one company setting with the widget of its kind; the value is checked against
    the setting's kind, choices and bounds."""

    reset = forms.BooleanField(label=_("Reset to the default"), required=False)

    def __init__(self, *args, definition, **kwargs):
        self.definition = definition
        initial = dict(kwargs.get("initial") or {})
        listed = definition.kind in (params.NUMBERS, params.TEXTS)
        if listed and isinstance(initial.get("value"), (list, tuple)):
            initial["value"] = ", ".join(str(v) for v in initial["value"])
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields = {"value": parameter_field(definition), **self.fields}
        self.setup_fields(None)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reset"):
            self.errors.pop("value", None)
            return cleaned
        if "value" in cleaned:
            try:
                value = self.definition.parse(cleaned["value"])
                self.definition.validate(value)
            except ValidationError as exc:
                self.add_error("value", exc)
            else:
                cleaned["value"] = value
        return cleaned


class DocumentUploadForm(BaseForm):
    """The upload of a paper a clerk checks (core.documents): which one, the PDF or image,
    a description. A subclass sets the ``kinds`` choices and the ``file_help`` text."""

    kinds = ()
    file_help = ""

    kind = forms.ChoiceField(label=_("Document"))
    file = forms.FileField(label=_("File"), validators=[FileValidator(kinds=IMAGES_AND_PDF)])
    description = forms.CharField(label=_("Description"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = self.kinds
        self.fields["file"].help_text = self.file_help


class DocumentCheckForm(BaseForm):
    """The clerk's check of one paper, posted from the Documents tab's inline form."""

    authentic = forms.BooleanField(label=_("Authentic (真實性)"), required=False)
    complete = forms.BooleanField(label=_("Complete (完整性)"), required=False)
    accurate = forms.BooleanField(label=_("Accurate (準確性)"), required=False)
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason for rejection"), max_length=300, required=False)


class ClearExportForm(BaseForm):
    """Why a list is exported with clear ID numbers, mobiles and accounts (kept in the
    export log)."""

    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        min_length=4,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the clear values are needed for, e.g. the insurer's renewal list."),
    )


class ExportDecisionForm(BaseForm):
    """The supervisor's note on a clear export request (required to reject one)."""

    note = forms.CharField(label=_("Note"), max_length=300, required=False)
