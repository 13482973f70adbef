"""One customer file: its tabs and the edit page."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import cards, timeline
from core.permissions import can
from core.services import events_for
from core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectTimelineView,
    Tab,
)

from .. import selectors, services
from ..forms import (
    ArchiveForm,
    CustomerForm,
)
from ..models import Customer
from ..services import SENSITIVE_PERM


class CustomerPageMixin:
    """What every page of one file shares: the header facts, the allowed actions (computed
    once), the tabs with their counts, and the access-log row for each view."""

    model = Customer
    log_view = True

    def get_base_queryset(self):
        return selectors.customer_detail_queryset()

    def get_actions(self, obj=None):
        user = self.request.user
        change = user.has_perm("customers.change_customer") and can(user, obj, "change")
        return {
            "add": user.has_perm("customers.add_customer"),
            "change": change,
            "delete": False,  # files are archived, never deleted
            "archive": change and not obj.archived,
            "restore": change and obj.archived,
            "reassign": change and user.has_perm("customers.reassign_customer"),
            "share": change and user.has_perm("customers.share_customer"),
            "unmask": user.has_perm(SENSITIVE_PERM),
            "family": change and user.has_perm("customers.change_familymember"),
            "needs": change and user.has_perm("customers.change_customerneed"),
            "cover": change and user.has_perm("customers.change_existingcover"),
            "attach": change and user.has_perm("customers.add_customerattachment"),
            "detach": change and user.has_perm("customers.delete_customerattachment"),
        }

    def get_tabs(self, obj):
        pk = obj.pk
        return [
            Tab("overview", _("Overview"), reverse("customers:customer", args=[pk])),
            Tab(
                "family",
                _("Family"),
                reverse("customers:customer_family", args=[pk]),
                getattr(obj, "family_count", None),
            ),
            Tab(
                "needs",
                _("Needs and cover"),
                reverse("customers:customer_needs", args=[pk]),
                (obj.need_count + obj.cover_count) if hasattr(obj, "need_count") else None,
            ),
            Tab(
                "attachments",
                _("Attachments"),
                reverse("customers:customer_attachments", args=[pk]),
                getattr(obj, "attachment_count", None),
            ),
            Tab("timeline", _("Timeline"), reverse("customers:customer_timeline", args=[pk])),
            Tab("history", _("History"), reverse("customers:customer_history", args=[pk])),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["incomplete_below"] = selectors.incomplete_below()
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.log_view:
            services.customer_viewed(user=request.user, customer=self.object, request=request)
        return response


class CustomerDetailView(CustomerPageMixin, ObjectDetailView):
    template_name = "customers/customer.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["masked"] = {f: services.masked_value(obj, f) for f in services.SENSITIVE_FIELDS}
        context["shares"] = services.customer_shares(obj)
        context["archive_form"] = ArchiveForm()
        context["missing"] = obj.missing_labels()
        context["cards"] = cards.cards_for(obj, self.request.user)
        return context


class CustomerFamilyView(CustomerPageMixin, ObjectDetailView):
    template_name = "customers/customer_family.html"
    active_tab = "family"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = list(self.object.family.all())
        return context


class CustomerNeedsView(CustomerPageMixin, ObjectDetailView):
    template_name = "customers/customer_needs.html"
    active_tab = "needs"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["needs"] = list(self.object.needs.all())
        context["covers"] = list(self.object.covers.all())
        context["today"] = timezone.localdate()
        return context


class CustomerAttachmentsView(CustomerPageMixin, ObjectDetailView):
    template_name = "customers/customer_attachments.html"
    active_tab = "attachments"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attachments"] = list(self.object.attachments.select_related("uploaded_by"))
        return context


class CustomerTimelineView(CustomerPageMixin, ObjectTimelineView):
    template_name = "customers/customer_timeline.html"

    def timeline_entries(self, obj):
        entries = [
            {"when": e.when, "who": e.actor, "verb": e.verb, "text": e.get_message_display()}
            for e in events_for(obj)[:500]
        ]
        entries += selectors.customer_record_changes(obj)
        # What later apps (sales, underwriting, after-sales) register about the customer.
        entries += timeline.entries_for(obj, self.request.user)
        return entries


class CustomerHistoryView(CustomerPageMixin, ObjectHistoryView):
    template_name = "customers/customer_history.html"


class CustomerEditView(ObjectEditView):
    """Create or edit a file through the services (derivations, duplicates, history)."""

    model = Customer
    form_class = CustomerForm
    template_name = "customers/customer_form.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.pk:
            services.customer_viewed(user=request.user, customer=self.object, request=request)
        return response

    def save(self, form):
        user = self.request.user
        tags = form.cleaned_data.get("tags") or []
        needs = form.cleaned_data.get("needs") or []
        reason = form.cleaned_data.get("change_reason") or ""
        if self.action == "add":
            return services.customer_create(
                actor=user, tags=tags, needs=needs, reason=reason, **form.model_fields()
            )
        return services.customer_update(
            actor=user, customer=form.instance, tags=tags, needs=needs, reason=reason
        )
