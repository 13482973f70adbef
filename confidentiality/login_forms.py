"""Forms of the login controls: a role's login rule, the second-factor code, a reset."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm

from .models import WEEKDAYS, LoginRule


class LoginRuleForm(BaseModelForm):
    sections = [
        (_("Role"), ["role", "active", "note"]),
        (_("Login hours"), ["days", "starts_at", "ends_at"]),
        (_("Allowed address ranges"), ["networks"]),
    ]

    days = forms.MultipleChoiceField(
        label=_("days"),
        choices=[(str(n), label) for n, label in WEEKDAYS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The days of the week on which the role may sign in; none: every day."),
    )

    class Meta:
        model = LoginRule
        fields = ["role", "active", "note", "starts_at", "ends_at", "networks"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "networks": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("days", list(self.instance.weekdays or ""))
        # keep "days" beside the hours in the rendered order
        if "days" in self.fields:
            self.fields["days"] = self.fields.pop("days")

    def clean(self):
        cleaned = super().clean()
        days = cleaned.get("days") or []
        self.instance.weekdays = "".join(sorted(set(days)))
        return cleaned


class TokenForm(BaseForm):
    token = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class EnrolForm(BaseForm):
    token = forms.CharField(
        label=_("Code"),
        max_length=12,
        help_text=_("The six digits the app shows after scanning the QR code."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class ResetForm(BaseForm):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("For example: phone lost, identity checked in person."),
    )
