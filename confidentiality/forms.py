"""Forms of confidentiality: agreement texts, agreements (record, sign), consents, data
requests and breaches. Business rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm
from core.pickers import TypeaheadChoiceField
from core.uploads import IMAGES_AND_PDF, PDF_ONLY, FileValidator
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH

from .models import AgreementVersion, Breach, CustomerDataRequest, SensitiveConsent

_MONEY = {"max_digits": 9, "decimal_places": 2, "min_value": 0, "max_value": 1_000_000}


class AgreementVersionForm(BaseModelForm):
    sections = [
        (_("Agreement text"), ["code", "title", "effective_from", "active"]),
        (_("Text"), ["text", "document"]),
    ]

    class Meta:
        model = AgreementVersion
        fields = ["code", "title", "effective_from", "active", "text", "document"]

    def save(self, commit=True):
        obj = super().save(commit=False)
        upload = self.cleaned_data.get("document")
        if upload and hasattr(upload, "content_type"):
            obj.document_name = upload.name[:200]
        if commit:
            obj.save()
        return obj


class AgreementForm(BaseForm):
    """Record an employee's agreement, handed over for signature or already signed."""

    sections = [
        (_("Agreement"), ["employee", "version", "signed_on", "scan", "starts_on", "expires_on"]),
        (
            _("Non-compete"),
            ["non_compete", "non_compete_months", "non_compete_compensation"],
        ),
        ("", ["note"]),
    ]

    employee = TypeaheadChoiceField("confidentiality.employee", label=_("employee"))
    version = forms.ModelChoiceField(
        queryset=AgreementVersion.objects.filter(active=True), label=_("agreement text")
    )
    signed_on = forms.DateField(
        label=_("signed on"),
        required=False,
        help_text=_("Empty: handed over, not signed yet (the employee is asked to sign)."),
    )
    scan = forms.FileField(
        label=_("signed copy"),
        required=False,
        validators=[FileValidator(kinds=PDF_ONLY)],
        help_text=_("The scanned signed agreement (PDF)."),
    )
    starts_on = forms.DateField(
        label=_("in force from"), required=False, help_text=_("Empty: from the signing date.")
    )
    expires_on = forms.DateField(
        label=_("expires on"),
        required=False,
        help_text=_("The end of the agreement's term; empty: no end."),
    )
    non_compete = forms.BooleanField(label=_("non-compete clause"), required=False)
    non_compete_months = forms.IntegerField(
        label=_("non-compete period (months)"), required=False, min_value=1, max_value=24
    )
    non_compete_compensation = forms.DecimalField(
        label=_("non-compete compensation (monthly)"), required=False, **_MONEY
    )
    note = forms.CharField(label=_("note"), max_length=DESCRIPTION_LENGTH, required=False)

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["employee"]

    def clean(self):
        data = super().clean()
        signed, expires = data.get("signed_on"), data.get("expires_on")
        if signed and expires and expires <= signed:
            self.add_error("expires_on", _("The agreement must end after it is signed."))
        terms = data.get("non_compete_months") or data.get("non_compete_compensation")
        if terms and not data.get("non_compete"):
            self.add_error(
                "non_compete",
                _("Tick the non-compete clause to give its period and compensation."),
            )
        return data


class AgreementSignForm(BaseForm):
    signed_on = forms.DateField(label=_("signed on"))
    scan = forms.FileField(
        label=_("signed copy"),
        required=False,
        validators=[FileValidator(kinds=PDF_ONLY)],
        help_text=_("The scanned signed agreement (PDF)."),
    )
    expires_on = forms.DateField(
        label=_("expires on"),
        required=False,
        help_text=_("The end of the agreement's term; empty: no end."),
    )


class ConsentForm(BaseForm):
    kind = forms.ChoiceField(label=_("information"), choices=SensitiveConsent.Kind.choices)
    given_on = forms.DateField(label=_("consent given on"))
    purpose = forms.CharField(
        label=_("purpose"),
        max_length=DESCRIPTION_LENGTH,
        help_text=_("What the information is used for, as the customer was told."),
    )
    evidence = forms.FileField(
        label=_("signed consent"),
        required=False,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
        help_text=_("The signed consent form (PDF, JPEG or PNG)."),
    )


class ConsentWithdrawForm(BaseForm):
    withdrawn_on = forms.DateField(label=_("withdrawn on"))


class DataRequestForm(BaseForm):
    kind = forms.ChoiceField(label=_("request"), choices=CustomerDataRequest.Kind.choices)
    received_on = forms.DateField(label=_("received on"))
    details = forms.CharField(
        label=_("what is asked"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea,
        help_text=_("For a correction: which data is wrong and what it should be."),
    )


class DataRequestHandleForm(BaseForm):
    status = forms.ChoiceField(
        label=_("status"),
        choices=[
            (CustomerDataRequest.Status.DONE, CustomerDataRequest.Status.DONE.label),
            (CustomerDataRequest.Status.REFUSED, CustomerDataRequest.Status.REFUSED.label),
        ],
    )
    outcome = forms.CharField(label=_("outcome"), max_length=NOTE_LENGTH, widget=forms.Textarea)


class BreachForm(BaseForm):
    sections = [
        (_("Breach"), ["employee", "what", "occurred_on", "found_on", "severity"]),
        (_("Action"), ["action_taken"]),
    ]

    employee = TypeaheadChoiceField("confidentiality.employee", label=_("employee"))
    what = forms.CharField(label=_("what happened"), max_length=NOTE_LENGTH, widget=forms.Textarea)
    occurred_on = forms.DateField(label=_("occurred on"), required=False)
    found_on = forms.DateField(label=_("found on"))
    severity = forms.ChoiceField(label=_("severity"), choices=Breach.Severity.choices)
    action_taken = forms.CharField(
        label=_("action taken"),
        max_length=NOTE_LENGTH,
        required=False,
        widget=forms.Textarea,
        help_text=_("e.g. access withdrawn, warning, fine, dismissal."),
    )

    def __init__(self, *args, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["employee"]

    def clean(self):
        data = super().clean()
        occurred, found = data.get("occurred_on"), data.get("found_on")
        if occurred and found and occurred > found:
            self.add_error("occurred_on", _("A breach is found after it occurs."))
        return data


class BreachCloseForm(BaseForm):
    outcome = forms.CharField(label=_("outcome"), max_length=NOTE_LENGTH, widget=forms.Textarea)
    closed_on = forms.DateField(label=_("closed on"), required=False)
