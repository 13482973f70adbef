"""The customer list's filters: free search by name, mobile or ID number, and classification."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.filters import BaseFilterSet
from org.models import Team

from .models import Customer, CustomerTag, Need
from .selectors import assignable_owners, customer_search_q, incomplete_below


class CustomerFilterSet(BaseFilterSet):
    """``q`` finds a name (any part), or a mobile or an ID number (the whole number)."""

    ARCHIVED_CHOICES = (("archived", _("Archived")), ("all", _("Active and archived")))

    stage = django_filters.ChoiceFilter(choices=Customer.Stage.choices, label=_("customer stage"))
    grade = django_filters.ChoiceFilter(choices=Customer.Grade.choices, label=_("value grade"))
    source_channel = django_filters.ChoiceFilter(
        choices=Customer.Channel.choices, label=_("source channel")
    )
    owner = django_filters.ModelChoiceFilter(queryset=None, label=_("salesperson"))
    team = django_filters.ModelChoiceFilter(queryset=Team.objects.all(), label=_("team"))
    tags = django_filters.ModelChoiceFilter(
        queryset=CustomerTag.objects.all(), label=_("tag"), distinct=True
    )
    needs = django_filters.ChoiceFilter(
        field_name="needs__kind", choices=Need.choices, label=_("need on file"), distinct=True
    )
    archived = django_filters.ChoiceFilter(
        choices=ARCHIVED_CHOICES,
        method="filter_archived",
        label=_("archive"),
        empty_label=_("Active files"),
    )
    incomplete = django_filters.BooleanFilter(
        method="filter_incomplete",
        label=_("incomplete files"),
        # "All" like every other filter's empty choice (FILTERS_EMPTY_CHOICE_LABEL).
        widget=forms.Select(choices=(("", _("All")), ("true", _("Incomplete only")))),
    )

    class Meta:
        model = Customer
        fields = [
            "q",
            "stage",
            "grade",
            "source_channel",
            "owner",
            "team",
            "tags",
            "needs",
            "archived",
            "incomplete",
        ]

    def __init__(self, data=None, *args, **kwargs):
        # Always bound, so that a bare list applies the defaults (active files only).
        super().__init__(data if data is not None else {}, *args, **kwargs)
        user = getattr(self.request, "user", None)
        if user is not None and user.is_authenticated:
            # Only what the option's label needs: the manager's drop-down has every salesperson.
            self.form.fields["owner"].queryset = assignable_owners(user).only(
                "pk", "username", "full_name", "first_name", "last_name"
            )
        else:
            self.form.fields["owner"].queryset = get_user_model().objects.none()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(customer_search_q(value))

    def filter_archived(self, queryset, name, value):
        return queryset  # applied in filter_queryset, so that "active" is the default

    def filter_incomplete(self, queryset, name, value):
        if value:
            return queryset.filter(completeness__lt=incomplete_below())
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        archived = self.form.cleaned_data.get("archived")
        if archived == "archived":
            return queryset.filter(archived=True)
        if archived == "all":
            return queryset
        return queryset.filter(archived=False)


class CustomerTagFilterSet(BaseFilterSet):
    search_fields = ("name", "description")

    class Meta:
        model = CustomerTag
        fields = ["q", "colour"]
