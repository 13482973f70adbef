from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BaseForm, BaseModelForm, style_widget
from core.permissions import get_profile
from core.pickers import TypeaheadChoiceField, model_picker
from customers.models import Customer, FamilyMember
from org.models import Team

from .models import (
    Campaign,
    CompetitorComparison,
    Frequency,
    Insurer,
    MarketNote,
    NeedsAnalysis,
    Opportunity,
    Product,
    Proposal,
    ProposalLine,
    SalesTarget,
    SalesTask,
    TeamMeeting,
    TeamPlan,
    Visit,
)


def _led_teams(user):
    qs = Team.objects.filter(active=True)
    return qs if user.is_superuser else qs.filter(supervisor=user)


class InsurerForm(BaseModelForm):
    sections = [
        (_("Insurer"), ["name", "code", "active"]),
        (
            _("Contacts"),
            [
                "contact_name",
                "contact_phone",
                "contact_email",
                "underwriting_contact",
                "claims_contact",
            ],
        ),
        (_("Notes"), ["notes"]),
    ]

    class Meta:
        model = Insurer
        fields = [
            "name",
            "name_en",
            "code",
            "active",
            "contact_name",
            "contact_phone",
            "contact_email",
            "underwriting_contact",
            "claims_contact",
            "notes",
        ]


class ProductForm(BaseModelForm):
    payment_modes = forms.MultipleChoiceField(
        label=_("payment modes"),
        choices=Frequency.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sections = [
        (_("Product"), ["insurer", "code", "name", "category", "investment_type", "active"]),
        (_("Terms"), ["term_options", "payment_modes", "payment_periods"]),
        (
            _("Limits"),
            ["min_age", "max_age", "min_sum_insured", "max_sum_insured", "commission_rate"],
        ),
        (_("Documents"), ["brochure", "description"]),
    ]

    class Meta:
        model = Product
        fields = [
            "insurer",
            "code",
            "name",
            "name_en",
            "category",
            "investment_type",
            "active",
            "term_options",
            "payment_modes",
            "payment_periods",
            "min_age",
            "max_age",
            "min_sum_insured",
            "max_sum_insured",
            "commission_rate",
            "brochure",
            "description",
        ]


class CampaignForm(BaseModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "channel", "start_date", "end_date", "budget", "team", "description"]


class OpportunityForm(BaseModelForm):
    customer = model_picker(Opportunity, "customer", "customers.customer")

    sections = [
        (_("Lead"), ["customer", "need", "channel", "campaign", "expected_premium"]),
        (_("Next action"), ["next_action", "next_action_date"]),
        (_("Notes"), ["notes"]),
    ]

    class Meta:
        model = Opportunity
        fields = [
            "customer",
            "need",
            "channel",
            "campaign",
            "expected_premium",
            "next_action",
            "next_action_date",
            "notes",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["customer"].disabled = True


class TransitionForm(BaseForm):
    to = forms.ChoiceField(label=_("Sales stage"), choices=Opportunity.Stage.choices)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class VisitForm(BaseModelForm):
    customer = model_picker(Visit, "customer", "customers.customer")
    opportunity = model_picker(
        Visit, "opportunity", "sales.open_opportunity", depends={"customer": "customer"}
    )

    sections = [
        (_("Customer and kind of visit"), ["customer", "opportunity", "kind", "status"]),
        (_("When and where"), ["starts_at", "duration_minutes", "location", "participants"]),
        (_("Purpose and outcome"), ["purpose", "outcome", "next_step"]),
    ]

    class Meta:
        model = Visit
        fields = [
            "customer",
            "opportunity",
            "kind",
            "status",
            "starts_at",
            "duration_minutes",
            "location",
            "participants",
            "purpose",
            "outcome",
            "next_step",
        ]
        widgets = {"starts_at": forms.DateTimeInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


class NeedsAnalysisForm(BaseModelForm):
    customer = model_picker(NeedsAnalysis, "customer", "customers.customer")

    sections = [
        (_("Customer"), ["customer", "analysed_on"]),
        (_("Family situation"), ["dependants", "support_years", "family_notes"]),
        (
            _("Finances"),
            [
                "annual_income",
                "annual_expenses",
                "total_assets",
                "liquid_assets",
                "liabilities",
                "existing_life_cover",
                "existing_ci_cover",
            ],
        ),
        (_("Risk tolerance"), ["risk_q1", "risk_q2", "risk_q3", "risk_q4", "risk_q5"]),
        (
            _("Goals and priorities"),
            [
                "goal_protection",
                "goal_health",
                "goal_education",
                "goal_retirement",
                "goal_wealth",
                "goal_notes",
            ],
        ),
    ]

    class Meta:
        model = NeedsAnalysis
        fields = [
            "customer",
            "analysed_on",
            "dependants",
            "support_years",
            "family_notes",
            "annual_income",
            "annual_expenses",
            "total_assets",
            "liquid_assets",
            "liabilities",
            "existing_life_cover",
            "existing_ci_cover",
            "risk_q1",
            "risk_q2",
            "risk_q3",
            "risk_q4",
            "risk_q5",
            "goal_protection",
            "goal_health",
            "goal_education",
            "goal_retirement",
            "goal_wealth",
            "goal_notes",
        ]


class ProposalForm(BaseModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "notes"]


class ProposalLineForm(forms.ModelForm):
    class Meta:
        model = ProposalLine
        fields = [
            "product",
            "insured_member",
            "sum_insured",
            "annual_premium",
            "term",
            "payment_period",
            "frequency",
        ]

    def __init__(self, *args, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.filter(active=True).select_related(
            "insurer"
        )
        members = (
            FamilyMember.objects.filter(customer=customer)
            if customer
            else FamilyMember.objects.none()
        )
        self.fields["insured_member"].queryset = members
        self.fields["insured_member"].empty_label = str(customer) if customer else "—"
        for field in self.fields.values():
            style_widget(field)
            field.widget.attrs["class"] += (
                " form-control-sm"
                if "form-control" in field.widget.attrs["class"]
                else " form-select-sm"
            )


class BaseLineFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, customer=None, **kwargs):
        self.customer = customer
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["customer"] = self.customer
        return kwargs

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            customer=self.customer,
        )
        self.add_fields(form, None)
        return form


ProposalLineFormSet = forms.inlineformset_factory(
    Proposal,
    ProposalLine,
    form=ProposalLineForm,
    formset=BaseLineFormSet,
    extra=2,
    can_delete=True,
)


class ReviewForm(BaseForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("return", _("Return with comments"))],
        widget=forms.RadioSelect,
    )
    compliant = forms.BooleanField(label=_("Compliant (合規性)"), required=False)
    reasonable = forms.BooleanField(label=_("Reasonable (合理性)"), required=False)
    feasible = forms.BooleanField(label=_("Feasible (可行性)"), required=False)
    comment = forms.CharField(label=_("Comments"), widget=forms.Textarea, required=False)


class DecisionForm(BaseForm):
    decision = forms.ChoiceField(
        label=_("Customer decision"),
        choices=[("accept", _("Accepted")), ("reject", _("Rejected"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class ReviseForm(BaseForm):
    reason = forms.CharField(label=_("What changes"), max_length=200, required=False)


class SalesTargetForm(BaseModelForm):
    user = model_picker(SalesTarget, "user", "sales.team_salesperson", depends={"team": "team"})

    class Meta:
        model = SalesTarget
        fields = ["team", "user", "month", "premium", "new_policies", "visits"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        if user is not None:
            teams = _led_teams(user)
            self.fields["team"].queryset = teams
        if self.instance.pk:
            for name in ("team", "user", "month"):
                self.fields[name].disabled = True


class TeamPlanForm(BaseModelForm):
    class Meta:
        model = TeamPlan
        fields = ["team", "title", "period_start", "period_end", "content"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["team"].queryset = _led_teams(self.user)


class TeamMeetingForm(BaseModelForm):
    attendees = model_picker(
        TeamMeeting, "attendees", "sales.team_member", depends={"team": "team"}
    )

    class Meta:
        model = TeamMeeting
        fields = ["team", "date", "attendees", "agenda", "minutes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["team"].queryset = _led_teams(self.user)


class SalesTaskForm(BaseModelForm):
    assignee = model_picker(SalesTask, "assignee", "sales.team_member", depends={"team": "team"})

    class Meta:
        model = SalesTask
        fields = ["team", "assignee", "title", "description", "due_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None:
            self.fields["team"].queryset = _led_teams(self.user)


class ActionItemForm(BaseForm):
    """An action item of a team meeting: a task for a member of the meeting's team.

    The assignee is a type-ahead over the members of the teams the user leads, narrowed to
    the meeting's team (the hidden ``team`` carries it to the search; the posted assignee is
    checked against the meeting's team, whatever ``team`` was posted)."""

    assignee = TypeaheadChoiceField(
        "sales.team_member", label=_("Assigned to"), depends={"team": "team"}
    )
    title = forms.CharField(label=_("Action item"), max_length=200)
    due_date = forms.DateField(label=_("Due date"))
    team = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].initial = team.pk if team else None
        field = self.fields["assignee"]
        field.queryset = (
            field.queryset.filter(employee__team=team) if team else field.queryset.none()
        )
        style_widget(self.fields["due_date"])

    def clean(self):
        cleaned = super().clean()
        cleaned.pop("team", None)  # the meeting gives the team, not the post
        return cleaned


class TaskStatusForm(BaseForm):
    status = forms.ChoiceField(label=_("Status"), choices=SalesTask.Status.choices)


class MarketNoteForm(BaseModelForm):
    class Meta:
        model = MarketNote
        fields = [
            "title",
            "noted_on",
            "competitor",
            "product_name",
            "pricing",
            "source",
            "tags",
            "content",
        ]


class CompetitorComparisonForm(BaseModelForm):
    class Meta:
        model = CompetitorComparison
        fields = [
            "title",
            "our_product",
            "competitor",
            "competitor_product",
            "sum_insured",
            "our_premium",
            "competitor_premium",
            "strengths",
            "weaknesses",
        ]


def customers_for(user):
    return Customer.objects.visible_to(user).filter(archived=False)


def led_team_ids(user):
    return get_profile(user).led_team_ids


class BulkOpportunityReassignForm(BaseForm):
    """The salesperson a bulk action hands the selected opportunities to."""

    owner = TypeaheadChoiceField("sales.team_salesperson", label=_("New salesperson"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)


class BulkTaskReassignForm(BaseForm):
    """The team member a bulk action gives the selected tasks to."""

    assignee = TypeaheadChoiceField("sales.team_member", label=_("Assignee"))
    reason = forms.CharField(label=_("Reason"), max_length=100, required=False)
