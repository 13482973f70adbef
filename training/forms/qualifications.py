"""Forms of qualifications: kinds, certificates (recorded by the employee or by HR),
verification and the reward's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm
from core.pickers import TypeaheadChoiceField
from core.uploads import IMAGES_AND_PDF, FileValidator
from core.validators import DESCRIPTION_LENGTH

from ..models import QualificationKind

_MONEY = {"max_digits": 9, "decimal_places": 2, "min_value": 0, "max_value": 1_000_000}


class QualificationKindForm(BaseModelForm):
    class Meta:
        model = QualificationKind
        fields = [
            "name",
            "issuing_body",
            "validity_years",
            "licence_required",
            "default_reward",
            "active",
        ]


class CertificateForm(BaseForm):
    """Record a certificate: HR chooses the employee and may set the reward; an employee
    records their own."""

    employee = TypeaheadChoiceField("training.employee", label=_("employee"))
    kind = forms.ModelChoiceField(
        queryset=QualificationKind.objects.filter(active=True), label=_("qualification")
    )
    number = forms.CharField(label=_("certificate number"), max_length=50)
    exam_passed_on = forms.DateField(label=_("exam passed on"), required=False)
    issued_on = forms.DateField(label=_("issued on"))
    expires_on = forms.DateField(
        label=_("expires on"),
        required=False,
        help_text=_("Empty: computed from the qualification's validity, if it has one."),
    )
    evidence = forms.FileField(
        label=_("evidence"),
        required=False,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
        help_text=_("A scan or photo of the certificate (PDF, JPEG or PNG)."),
    )
    note = forms.CharField(label=_("note"), max_length=DESCRIPTION_LENGTH, required=False)
    reward_amount = forms.DecimalField(
        label=_("reward"),
        required=False,
        help_text=_("Empty: the qualification's default reward."),
        **_MONEY,
    )

    def __init__(self, *args, hr=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not hr:
            del self.fields["employee"]
            del self.fields["reward_amount"]

    def clean(self):
        data = super().clean()
        issued, expires = data.get("issued_on"), data.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("The expiry date must be after the issue date."))
        passed = data.get("exam_passed_on")
        if issued and passed and passed > issued:
            self.add_error("exam_passed_on", _("The exam is passed before the issue date."))
        return data


class CertificateEditForm(CertificateForm):
    """Change a certificate's details (the employee stays)."""

    def __init__(self, *args, **kwargs):
        kwargs["hr"] = False
        super().__init__(*args, **kwargs)


class CertificateVerifyForm(BaseForm):
    reward_amount = forms.DecimalField(
        label=_("reward"),
        required=False,
        help_text=_("Empty: the qualification's default reward."),
        **_MONEY,
    )


class CertificateRejectForm(BaseForm):
    reason = forms.CharField(label=_("reason for rejection"), max_length=DESCRIPTION_LENGTH)


class RewardForm(BaseForm):
    """Propose or change a reward's amount."""

    amount = forms.DecimalField(label=_("amount"), **_MONEY)


class RewardDecisionForm(BaseForm):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("note"),
        max_length=DESCRIPTION_LENGTH,
        required=False,
        help_text=_("Required when rejecting."),
    )


class ExpiryReportForm(BaseForm):
    days = forms.IntegerField(
        label=_("expiring within (days)"), min_value=0, max_value=730, required=False
    )
