"""Forms of the underwriting pages; each workflow step is its own small form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import forms as core_forms
from core.forms import BaseForm, BaseModelForm
from core.pickers import TypeaheadChoiceField
from core.uploads import IMAGES_AND_PDF, FileValidator
from sales.models import Frequency

from .models import (
    Application,
    Beneficiary,
    Communication,
    DocumentKind,
    Policy,
    RequiredDocument,
)


class ApplicationCreateForm(BaseForm):
    """Choose the accepted proposal the applications are made from."""

    # Accepted proposals that still lack their applications (the source says so).
    proposal = TypeaheadChoiceField(
        "underwriting.proposal_to_apply",
        label=_("Accepted proposal"),
        help_text=_("One application is prepared for each insurer among its cover lines."),
    )
    payment_method = forms.ChoiceField(
        label=_("Payment method"),
        choices=Application.PaymentMethod.choices,
        initial=Application.PaymentMethod.AUTO_DEBIT,
    )
    bank_name = forms.CharField(label=_("Bank"), max_length=100, required=False)
    bank_account = forms.CharField(label=_("Bank account"), max_length=40, required=False)


class ApplicationForm(BaseModelForm):
    sections = [
        (_("Payment"), ["payment_method", "bank_name", "bank_account"]),
        (_("Notes"), ["notes", "change_reason"]),
    ]

    class Meta:
        model = Application
        fields = ["payment_method", "bank_name", "bank_account", "notes"]
        widgets = {"bank_account": forms.TextInput(attrs={"autocomplete": "off"})}


class BeneficiaryForm(BaseForm):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    relation = forms.ChoiceField(
        label=_("Relation to the insured"),
        choices=[("", "—"), *Beneficiary.Relation.choices],
        required=False,
    )
    share = forms.DecimalField(
        label=_("Share %"), max_digits=5, decimal_places=2, required=False, min_value=0
    )


BeneficiaryFormSet = forms.formset_factory(BeneficiaryForm, extra=3, max_num=10)


class DocumentUploadForm(core_forms.DocumentUploadForm):
    kinds = DocumentKind.choices
    file_help = _("PDF, JPEG or PNG scan.")


class SubmitForm(BaseForm):
    submitted_on = forms.DateField(label=_("Submitted on"), initial=timezone.localdate)
    channel = forms.ChoiceField(label=_("Sent by"), choices=Application.Channel.choices)
    insurer_reference = forms.CharField(
        label=_("Insurer's reference"), max_length=60, required=False
    )


class RequestInfoForm(BaseForm):
    what = forms.CharField(label=_("What the insurer asks for"), widget=forms.Textarea)
    due_date = forms.DateField(label=_("Needed by"))


class SupplyInfoForm(BaseForm):
    note = forms.CharField(label=_("What was sent"), widget=forms.Textarea)
    supplied_on = forms.DateField(label=_("Sent on"), initial=timezone.localdate)


class DecisionForm(BaseForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Application.Status.ACCEPTED, _("Standard acceptance")),
            (Application.Status.ACCEPTED_CONDITIONS, _("Acceptance with conditions")),
            (Application.Status.POSTPONED, _("Postponed")),
            (Application.Status.DECLINED, _("Declined")),
        ],
        widget=forms.RadioSelect,
    )
    decided_on = forms.DateField(label=_("Decision date"), initial=timezone.localdate)
    extra_premium = forms.DecimalField(
        label=_("Extra annual premium"), max_digits=14, decimal_places=2, required=False
    )
    exclusion = forms.CharField(label=_("Exclusion"), required=False, widget=forms.Textarea)
    reduced_sum_insured = forms.DecimalField(
        label=_("Reduced sum insured"), max_digits=14, decimal_places=2, required=False
    )
    postponed_until = forms.DateField(label=_("Postponed until"), required=False)
    note = forms.CharField(label=_("Details / reason"), required=False, widget=forms.Textarea)


class WithdrawForm(BaseForm):
    reason = forms.CharField(label=_("The customer's reason"), max_length=300)
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), initial=timezone.localdate)


class CommunicationForm(BaseModelForm):
    class Meta:
        model = Communication
        fields = ["when", "party", "channel", "person", "content", "next_follow_up"]
        widgets = {"when": forms.DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("change_reason", None)


class PolicyIssueForm(BaseForm):
    policy_number = forms.CharField(label=_("Policy number"), max_length=40)
    effective_date = forms.DateField(label=_("Effective date"))
    sum_insured = forms.DecimalField(label=_("Sum insured"), max_digits=14, decimal_places=2)
    annual_premium = forms.DecimalField(
        label=_("Annual premium"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Including any extra premium the insurer added."),
    )
    frequency = forms.ChoiceField(label=_("Payment frequency"), choices=Frequency.choices)
    payment_years = forms.IntegerField(
        label=_("Payment term (years)"), min_value=0, help_text=_("0 for a single premium.")
    )
    term_years = forms.IntegerField(
        label=_("Cover term (years)"),
        min_value=1,
        required=False,
        help_text=_("Empty for whole life."),
    )
    first_premium_paid_on = forms.DateField(
        label=_("First premium paid on"),
        required=False,
        help_text=_("Leave empty if the first premium is not paid yet."),
    )


class DeliveryForm(BaseForm):
    delivered_on = forms.DateField(label=_("Delivered on"), initial=timezone.localdate)
    method = forms.ChoiceField(label=_("Delivery method"), choices=Policy.DeliveryMethod.choices)
    receipt_signed_on = forms.DateField(
        label=_("Receipt signed on"),
        initial=timezone.localdate,
        help_text=_("The cooling-off period runs from this day."),
    )
    receipt = forms.FileField(
        label=_("Signed receipt"), validators=[FileValidator(kinds=IMAGES_AND_PDF)]
    )
    explained_coverage = forms.BooleanField(label=_("Coverage explained"), required=False)
    explained_exclusions = forms.BooleanField(label=_("Exclusions explained"), required=False)
    explained_claims = forms.BooleanField(label=_("Claims process explained"), required=False)
    explained_cooling_off = forms.BooleanField(
        label=_("Cooling-off period explained"), required=False
    )


class CancelForm(BaseForm):
    cancelled_on = forms.DateField(label=_("Cancelled on"), initial=timezone.localdate)
    refund_amount = forms.DecimalField(
        label=_("Refund"), max_digits=14, decimal_places=2, min_value=0
    )
    reason = forms.CharField(label=_("The customer's reason"), max_length=300)


class PaymentForm(BaseForm):
    paid_on = forms.DateField(label=_("Paid on"), initial=timezone.localdate)


class RequiredDocumentForm(BaseModelForm):
    class Meta:
        model = RequiredDocument
        fields = ["category", "kind", "condition", "note", "active"]
