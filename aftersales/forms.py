"""Forms of the after-sales pages; each workflow step is its own small form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import BaseForm, BaseModelForm, DocumentUploadForm
from core.pickers import TypeaheadChoiceField
from core.uploads import IMAGES_AND_PDF, FileValidator

from .models import (
    Channel,
    Claim,
    ClaimDocumentKind,
    ClaimRequiredDocument,
    ClaimType,
    ClaimUpdate,
    Complaint,
    FollowUp,
    Renewal,
    ServiceRequest,
)

YES_NO = [("1", _("Yes")), ("0", _("No"))]
SCORES = [(str(i), str(i)) for i in range(1, 6)]


def _policy(**kwargs):
    """A policy the user may see, chosen by typing (number, customer's name or mobile)."""
    return TypeaheadChoiceField("underwriting.policy", label=_("Policy"), **kwargs)


class YesNoField(forms.TypedChoiceField):
    """A required yes/no answer as radio buttons (None when left out on a non-required use)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", YES_NO)
        kwargs.setdefault("coerce", lambda v: v == "1")
        kwargs.setdefault("empty_value", None)
        kwargs.setdefault("widget", forms.RadioSelect)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


# --- follow-ups -------------------------------------------------------------------------------


class FollowUpForm(BaseForm):
    """An ad hoc follow-up on a policy."""

    policy = _policy()
    due_date = forms.DateField(label=_("Due date"), initial=timezone.localdate)
    notes = forms.CharField(label=_("What to talk about"), required=False, widget=forms.Textarea)


class AttemptForm(BaseForm):
    """One call or visit: reached or not, and what the reached customer said."""

    sections = [
        (_("The attempt"), ["reached", "channel", "note"]),
        (
            _("What the customer confirmed"),
            [
                "signed_in_person",
                "understands_coverage",
                "understands_exclusions",
                "understands_cooling_off",
                "satisfaction",
            ],
        ),
        (_("Opinions and requests"), ["opinions", "requests", "action", "task_due_date"]),
        (_("If it becomes a complaint"), ["complaint_category", "complaint_severity"]),
    ]

    reached = forms.TypedChoiceField(
        label=_("Customer reached"),
        choices=YES_NO,
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices, initial="phone")
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signed_in_person = YesNoField(label=_("Signed the application in person"))
    understands_coverage = YesNoField(label=_("Understands the coverage"))
    understands_exclusions = YesNoField(label=_("Understands the exclusions"))
    understands_cooling_off = YesNoField(label=_("Understands the cooling-off period"))
    satisfaction = forms.TypedChoiceField(
        label=_("Satisfaction (1–5)"),
        choices=SCORES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("1 very unsatisfied … 5 very satisfied."),
    )
    opinions = forms.CharField(
        label=_("Opinions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    requests = forms.CharField(
        label=_("Requests"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    action = forms.ChoiceField(
        label=_("Does it need action?"),
        choices=FollowUp.Action.choices,
        initial=FollowUp.Action.NONE,
        widget=forms.RadioSelect,
    )
    task_due_date = forms.DateField(
        label=_("Salesperson to act by"),
        required=False,
        help_text=_("For a task for the salesperson."),
    )
    complaint_category = forms.ChoiceField(
        label=_("Complaint category"),
        choices=Complaint.Category.choices,
        initial=Complaint.Category.SERVICE,
    )
    complaint_severity = forms.ChoiceField(
        label=_("Complaint severity"),
        choices=Complaint.Severity.choices,
        initial=Complaint.Severity.MEDIUM,
    )


class CancelFollowUpForm(BaseForm):
    reason = forms.CharField(label=_("Reason"), max_length=200)


# --- claims -----------------------------------------------------------------------------------


class ClaimForm(BaseForm):
    """Report a claim on a policy."""

    sections = [
        (_("The claim"), ["policy", "claim_type", "insured_name", "incident_date", "reported_on"]),
        (_("What happened"), ["description", "amount_claimed", "channel"]),
    ]

    policy = _policy()
    claim_type = forms.ChoiceField(label=_("Claim type"), choices=ClaimType.choices)
    insured_name = forms.CharField(
        label=_("Insured"),
        max_length=100,
        required=False,
        help_text=_("Empty: the policy's insured."),
    )
    incident_date = forms.DateField(label=_("Incident date"))
    reported_on = forms.DateField(label=_("Reported on"), initial=timezone.localdate)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea)
    amount_claimed = forms.DecimalField(
        label=_("Amount claimed"), max_digits=14, decimal_places=2, min_value=0
    )
    channel = forms.ChoiceField(
        label=_("Reported by"), choices=Channel.choices, initial=Channel.PHONE
    )


class ClaimEditForm(BaseModelForm):
    class Meta:
        model = Claim
        fields = ["insured_name", "claim_type", "incident_date", "description", "amount_claimed"]


class ClaimDocumentUploadForm(DocumentUploadForm):
    kinds = ClaimDocumentKind.choices
    file_help = _("PDF or image; on a phone, a photo taken with the camera.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A phone offers its camera for the paper in hand; the upload is still checked by
        # its content (core.uploads), like any other.
        self.fields["file"].widget.attrs.update(
            {"accept": "image/*,application/pdf", "capture": "environment"}
        )


class _TellForm(BaseForm):
    channel = forms.ChoiceField(
        label=_("Customer told by"), choices=Channel.choices, initial=Channel.PHONE
    )


class ClaimCollectForm(_TellForm):
    note = forms.CharField(label=_("Note to the customer"), required=False)


class ClaimSubmitForm(_TellForm):
    submitted_on = forms.DateField(label=_("Submitted on"), initial=timezone.localdate)
    insurer_reference = forms.CharField(
        label=_("Insurer's claim number"), max_length=60, required=False
    )
    note = forms.CharField(label=_("Note"), required=False)


class ClaimRequestInfoForm(_TellForm):
    what = forms.CharField(label=_("What the insurer asks for"), widget=forms.Textarea)
    due_date = forms.DateField(label=_("Needed by"))


class ClaimDecisionForm(_TellForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Claim.Status.APPROVED, _("Approved")),
            (Claim.Status.PARTLY_APPROVED, _("Partly approved")),
            (Claim.Status.DECLINED, pgettext_lazy("claim", "Declined")),
        ],
        widget=forms.RadioSelect,
    )
    amount_approved = forms.DecimalField(
        label=_("Amount approved"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Empty for a full approval: the amount claimed."),
    )
    decided_on = forms.DateField(label=_("Decision date"), initial=timezone.localdate)
    note = forms.CharField(label=_("Details / reason"), required=False, widget=forms.Textarea)


class ClaimPayForm(_TellForm):
    amount_paid = forms.DecimalField(
        label=_("Amount paid"), max_digits=14, decimal_places=2, min_value=0
    )
    paid_on = forms.DateField(label=_("Paid on"), initial=timezone.localdate)


class ClaimCloseForm(_TellForm):
    note = forms.CharField(label=_("Note"), required=False)


class ClaimDisputeForm(_TellForm):
    reason = forms.CharField(label=_("What the customer disputes"), widget=forms.Textarea)


class ClaimResolveDisputeForm(_TellForm):
    result = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (Claim.Status.APPROVED, _("The insurer approves")),
            (Claim.Status.PARTLY_APPROVED, _("The insurer approves in part")),
            (Claim.Status.CLOSED, _("The decision stands: close the claim")),
        ],
        widget=forms.RadioSelect,
    )
    amount_approved = forms.DecimalField(
        label=_("Amount now approved"),
        max_digits=14,
        decimal_places=2,
        min_value=0,
        required=False,
    )
    outcome = forms.CharField(label=_("Outcome of the dispute"), widget=forms.Textarea)


class ClaimUpdateForm(BaseForm):
    party = forms.ChoiceField(label=_("With"), choices=ClaimUpdate.Party.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea)


class ClaimRequiredDocumentForm(BaseModelForm):
    class Meta:
        model = ClaimRequiredDocument
        fields = ["claim_type", "kind", "note", "active"]


# --- complaints -------------------------------------------------------------------------------


class ComplaintForm(BaseForm):
    """Log a complaint."""

    sections = [
        (_("Who and what"), ["customer", "policy", "subject", "description"]),
        (_("Classification"), ["received_on", "channel", "category", "severity"]),
    ]

    customer = TypeaheadChoiceField("customers.customer", label=_("Customer"))
    policy = _policy(required=False, depends={"customer": "customer"})
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(label=_("What the customer says"), widget=forms.Textarea)
    received_on = forms.DateField(label=_("Received on"), initial=timezone.localdate)
    channel = forms.ChoiceField(label=_("Received by"), choices=Complaint.Channel.choices)
    category = forms.ChoiceField(label=_("Type of complaint"), choices=Complaint.Category.choices)
    severity = forms.ChoiceField(
        label=_("Severity"),
        choices=Complaint.Severity.choices,
        initial=Complaint.Severity.MEDIUM,
        widget=forms.RadioSelect,
        help_text=_("Sets the deadlines to acknowledge and resolve it."),
    )


class NoteForm(BaseForm):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)


class ComplaintActionForm(BaseForm):
    action = forms.CharField(label=_("Action taken"), widget=forms.Textarea)


class ComplaintResolveForm(BaseForm):
    resolution = forms.CharField(label=_("Resolution"), widget=forms.Textarea)


class ComplaintCloseForm(BaseForm):
    satisfaction = forms.TypedChoiceField(
        label=_("Customer's satisfaction with the resolution (1–5)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )


class ReasonForm(BaseForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea)


# --- service requests -------------------------------------------------------------------------


class ServiceRequestForm(BaseForm):
    """A service request: the policy, the kind, and the new values the kind needs."""

    sections = [
        (_("The request"), ["policy", "kind", "requested_on", "description"]),
        (_("New contact details"), ["mobile", "email"]),
        (_("New address"), ["province", "city", "district", "street"]),
        (_("New bank account"), ["bank_name", "bank_account"]),
        (_("New beneficiaries"), ["beneficiaries"]),
        (_("Lost policy"), ["reason"]),
    ]

    policy = _policy()
    kind = forms.ChoiceField(label=_("Request"), choices=ServiceRequest.Kind.choices)
    requested_on = forms.DateField(label=_("Requested on"), initial=timezone.localdate)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    mobile = forms.CharField(label=_("Mobile"), max_length=20, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    province = forms.CharField(label=_("Province"), max_length=30, required=False)
    city = forms.CharField(label=_("City"), max_length=30, required=False)
    district = forms.CharField(label=_("District"), max_length=30, required=False)
    street = forms.CharField(label=_("Street address"), max_length=200, required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=100, required=False)
    bank_account = forms.CharField(
        label=_("Bank account"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    beneficiaries = forms.CharField(
        label=_("Beneficiaries"),
        required=False,
        widget=forms.Textarea,
        help_text=_("One per line: name relation share, e.g. 李娜 配偶 60. Shares total 100."),
    )
    reason = forms.CharField(label=_("How the policy was lost"), max_length=300, required=False)

    AFTER_FIELDS = (
        "mobile",
        "email",
        "province",
        "city",
        "district",
        "street",
        "bank_name",
        "bank_account",
        "beneficiaries",
        "reason",
    )


class ServiceSubmitForm(BaseForm):
    submitted_on = forms.DateField(label=_("Submitted on"), initial=timezone.localdate)
    insurer_reference = forms.CharField(
        label=_("Insurer's reference"), max_length=60, required=False
    )


class ServiceCompleteForm(BaseForm):
    completed_on = forms.DateField(label=_("Completed on"), initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), required=False)


class ServiceNoteForm(BaseForm):
    note = forms.CharField(label=_("Reason"), max_length=300)


class ServiceDocumentForm(BaseForm):
    file = forms.FileField(
        label=_("File"),
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
        help_text=_("PDF or image."),
    )
    description = forms.CharField(label=_("Description"), max_length=200)


# --- renewals ---------------------------------------------------------------------------------


class RenewalOutcomeForm(BaseForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=(), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Required for a lapse or a policy not renewed."),
    )
    recorded_on = forms.DateField(label=_("Date"), initial=timezone.localdate)

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Renewal.Outcome.choices)
        self.fields["outcome"].choices = [(o, labels[o]) for o in outcomes]


class BulkRenewalOutcomeForm(BaseForm):
    """The outcome a bulk action records on the selected renewals (a renewal that cannot
    take it, e.g. "renewed" on a premium due, is refused with the reason)."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        required=False,
        help_text=_("Required for a lapse or a policy not renewed."),
    )
    recorded_on = forms.DateField(label=_("Date"), initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (value, label)
            for value, label in Renewal.Outcome.choices
            if value != Renewal.Outcome.PENDING
        ]


class BulkRenewalClerkForm(BaseForm):
    """The clerk who is to follow the selected renewals (their files' supporting clerk)."""

    clerk = TypeaheadChoiceField("customers.clerk", label=_("Supporting clerk"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)


class BulkFollowUpAssignForm(BaseForm):
    """The clerk a bulk action gives the selected follow-ups to."""

    assigned_to = TypeaheadChoiceField("customers.clerk", label=_("Assigned to"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)
