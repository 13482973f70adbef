"""Forms of the customer pages. Dropdowns are restricted to what the user may see or assign."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from core.crypto import mask
from core.forms import BaseForm, BaseModelForm
from core.permissions import get_profile
from core.pickers import TypeaheadChoiceField, model_picker
from core.roles import Role
from core.uploads import SPREADSHEETS, FileValidator

from . import selectors
from .models import (
    COMPLETENESS,
    Customer,
    CustomerAttachment,
    CustomerNeed,
    CustomerTag,
    ExistingCover,
    FamilyMember,
    Need,
)
from .services import SENSITIVE_FIELDS, SENSITIVE_PERM, masked_value

DUPLICATE_KEYS = {"id_number", "mobile", "name", "birth_date"}


class CustomerForm(BaseModelForm):
    """The customer file. Birth date, gender and province are derived from a resident ID;
    the fields a stage requires are checked by the model; possible duplicates are shown
    before saving and must be confirmed (a same ID number cannot be saved at all)."""

    needs = forms.MultipleChoiceField(
        label=_("insurance needs"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Notes on each need go on the “Needs and cover” tab."),
    )
    referred_by = model_picker(Customer, "referred_by", "customers.customer")
    owner = model_picker(Customer, "owner", "customers.owner")
    clerk = model_picker(Customer, "clerk", "customers.clerk")
    confirm_duplicate = forms.BooleanField(
        label=_("I have checked: this is a different person, save anyway"), required=False
    )

    sections = [
        (
            _("Identity"),
            ["kind", "name", "id_type", "id_number", "birth_date", "gender", "contact_person"],
        ),
        (_("Contact"), ["mobile", "email", "province", "city", "district", "street"]),
        (
            _("Work and finances"),
            ["occupation", "occupation_class", "employer", "income_band", "marital_status"],
        ),
        (
            _("Stage, grade and needs"),
            ["stage", "grade", "source_channel", "referred_by", "tags", "needs"],
        ),
        (_("Looked after by"), ["owner", "clerk"]),
        (_("Notes"), ["notes", "health_note"]),
        ("", ["change_reason"]),
    ]

    class Meta:
        model = Customer
        fields = [
            "kind",
            "name",
            "id_type",
            "id_number",
            "birth_date",
            "gender",
            "contact_person",
            "mobile",
            "email",
            "province",
            "city",
            "district",
            "street",
            "occupation",
            "occupation_class",
            "employer",
            "income_band",
            "marital_status",
            "stage",
            "grade",
            "source_channel",
            "referred_by",
            "tags",
            "owner",
            "clerk",
            "notes",
            "health_note",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "gender": forms.RadioSelect,
            "stage": forms.RadioSelect,
            "birth_date": forms.DateInput,
            "id_number": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": 30}
            ),
            "mobile": forms.TextInput(
                attrs={"autocomplete": "off", "inputmode": "tel", "maxlength": 20}
            ),
            "tags": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 2}),
            "health_note": forms.Textarea(attrs={"rows": 2, "autocomplete": "off"}),
        }
        help_texts = {
            "id_number": _("An 18-digit resident ID fills in the birth date and gender."),
            "birth_date": _("Derived from a resident ID number."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        instance = self.instance
        self.duplicates = None
        self._kept = {}
        self.fields["gender"].choices = [("", _("Not given")), *Customer.Gender.choices]
        if instance.pk:
            del self.fields["owner"]
            self.fields["needs"].initial = list(instance.needs.values_list("kind", flat=True))
            self.fields["referred_by"].queryset = self.fields["referred_by"].queryset.exclude(
                pk=instance.pk
            )
        if user is not None and not instance.pk:
            # A new file starts as the salesperson's own, looked after by the clerk entering it.
            profile = get_profile(user)
            if profile.role == Role.SALESPERSON and not self.initial.get("owner"):
                self.initial["owner"] = user.pk
            if profile.is_clerk and not self.initial.get("clerk"):
                self.initial["clerk"] = user.pk
        if instance.pk and user is not None and not user.has_perm(SENSITIVE_PERM):
            # Who may not see the numbers edits them blind: blank keeps what is on file.
            for name in SENSITIVE_FIELDS:
                value = getattr(instance, name)
                if value:
                    self._kept[name] = value
                    self.initial[name] = ""
                    self.fields[name].help_text = _(
                        "On file: %(masked)s. Leave blank to keep it."
                    ) % {"masked": masked_value(instance, name)}

    def get_sections(self):
        # The "save anyway" box is shown with the duplicate warning, not among the fields.
        return [
            (title, [f for f in fields if f.name != "confirm_duplicate"])
            for title, fields in super().get_sections()
        ]

    @property
    def required_map(self):
        """{kind: {stage: [required fields]}} for the page's required marks (JSON)."""
        return json.dumps(
            {
                kind: {stage: spec[0] for stage, spec in stages.items()}
                for kind, stages in COMPLETENESS.items()
            }
        )

    def _clean_kept(self, name):
        value = self.cleaned_data.get(name, "")
        return value if value else self._kept.get(name, value)

    def clean_id_number(self):
        return self._clean_kept("id_number")

    def clean_mobile(self):
        return self._clean_kept("mobile")

    def clean_health_note(self):
        return self._clean_kept("health_note")

    def validate_unique(self):
        # The ID number's uniqueness is checked with the duplicate search below, which says
        # what it may about a file the user cannot see; the constraint stays as a backstop.
        pass

    def _post_clean(self):
        super()._post_clean()
        if self.user is None:
            return
        instance = self.instance
        if instance.pk and not (DUPLICATE_KEYS & set(self.changed_data)):
            return
        report = selectors.find_duplicates(
            user=self.user,
            id_number=instance.id_number,
            mobile=instance.mobile,
            name=instance.name,
            birth_date=instance.birth_date,
            exclude_pk=instance.pk,
        )
        self.duplicates = report
        if report.same_id_number:
            if "id_number" not in self.errors:
                self.add_error("id_number", _("A customer with this ID number is already on file."))
        elif report and not self.cleaned_data.get("confirm_duplicate"):
            self.add_error(
                None,
                _(
                    "A possible duplicate is on file (see the warning). Open it, or tick “save "
                    "anyway” if this is a different person."
                ),
            )

    def model_fields(self):
        """The customer's fields as the form (and the model's derivations) left them."""
        names = [n for n in self.Meta.fields if n in self.fields and n != "tags"]
        return {n: getattr(self.instance, n) for n in names}


class FamilyMemberForm(BaseModelForm):
    class Meta:
        model = FamilyMember
        fields = ["relation", "name", "birth_date", "occupation", "dependent", "id_number"]
        widgets = {
            "birth_date": forms.DateInput,
            "id_number": forms.TextInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._kept_id = ""
        user, instance = self.user, self.instance
        if instance.pk and instance.id_number and user and not user.has_perm(SENSITIVE_PERM):
            # Who may not see the number edits it blind: blank keeps what is on file.
            self._kept_id = instance.id_number
            self.initial["id_number"] = ""
            self.fields["id_number"].help_text = _(
                "On file: %(masked)s. Leave blank to keep it."
            ) % {"masked": mask(instance.id_number)}

    def clean_id_number(self):
        return self.cleaned_data.get("id_number") or self._kept_id


class CustomerNeedForm(BaseModelForm):
    class Meta:
        model = CustomerNeed
        fields = ["kind", "note"]

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        existing = CustomerNeed.objects.filter(customer_id=self.instance.customer_id, kind=kind)
        if existing.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This need is already on file for the customer."))
        return kind


class ExistingCoverForm(BaseModelForm):
    class Meta:
        model = ExistingCover
        fields = ["insurer", "cover_type", "sum_insured", "annual_premium", "expiry_date", "note"]
        widgets = {"expiry_date": forms.DateInput}


class AttachmentForm(BaseModelForm):
    class Meta:
        model = CustomerAttachment
        fields = ["file", "kind", "classification", "description"]


class CustomerTagForm(BaseModelForm):
    class Meta:
        model = CustomerTag
        fields = ["name", "name_en", "colour", "description"]


class ArchiveForm(BaseForm):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ReassignForm(BaseForm):
    owner = TypeaheadChoiceField("customers.reassign_target", label=_("New salesperson"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)

    def __init__(self, *args, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if customer is not None:
            field = self.fields["owner"]
            field.queryset = field.queryset.exclude(pk=customer.owner_id)


class ShareForm(BaseForm):
    user = TypeaheadChoiceField("customers.share_target", label=_("Colleague"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)

    def __init__(self, *args, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        if customer is not None:
            field = self.fields["user"]
            field.queryset = field.queryset.exclude(pk=customer.owner_id)


class ImportForm(BaseForm):
    file = forms.FileField(
        label=_("Excel file"),
        validators=[FileValidator(kinds=SPREADSHEETS)],
        help_text=_("Use the template: one customer per row, headers unchanged."),
    )


class BulkTagForm(BaseForm):
    """The tag a bulk action puts on (or takes off) the selected files."""

    tag = forms.ModelChoiceField(CustomerTag.objects.order_by("name"), label=_("Tag"))


class BulkClerkForm(BaseForm):
    """The supporting clerk a bulk action gives the selected files to."""

    clerk = TypeaheadChoiceField("customers.clerk", label=_("Supporting clerk"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)
