"""Insurers, their products, and campaigns."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import FileResponse, Http404
from django.views import generic

from core.services import access_log
from core.views.generic import (
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    get_visible_or_404,
)

from .. import calculations as calc
from .. import filters, forms, tables
from ..models import Campaign, Insurer, Opportunity, Product
from .common import FieldsDetailView

# --- insurers and products -------------------------------------------------------------------


class InsurerListView(ObjectListView):
    model = Insurer
    queryset = Insurer.objects.annotate(product_count=Count("products")).order_by("code")
    table_class = tables.InsurerTable
    filterset_class = filters.InsurerFilterSet


class InsurerDetailView(FieldsDetailView):
    model = Insurer
    template_name = "sales/insurer.html"
    detail_fields = (
        "code",
        "contact_name",
        "contact_phone",
        "contact_email",
        "underwriting_contact",
        "claims_contact",
        "active",
        "notes",
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["products"] = self.object.products.all()
        return context


class InsurerEditView(ObjectEditView):
    model = Insurer
    form_class = forms.InsurerForm


class InsurerHistoryView(ObjectHistoryView):
    model = Insurer


class ProductListView(ObjectListView):
    model = Product
    queryset = Product.objects.select_related("insurer")
    table_class = tables.ProductTable
    filterset_class = filters.ProductFilterSet


class ProductDetailView(FieldsDetailView):
    model = Product
    queryset = Product.objects.select_related("insurer")
    template_name = "sales/product.html"
    detail_fields = (
        "insurer",
        "code",
        "category",
        "investment_type",
        "term_options",
        "payment_periods",
        "min_age",
        "max_age",
        "min_sum_insured",
        "max_sum_insured",
        "commission_rate",
        "active",
        "description",
    )


class ProductEditView(ObjectEditView):
    model = Product
    form_class = forms.ProductForm


class ProductHistoryView(ObjectHistoryView):
    model = Product


class ProductBrochureView(ObjectPermissionMixin, generic.View):
    """Download a product brochure (logged like every file read)."""

    model = Product

    def get(self, request, pk):
        product = get_visible_or_404(Product, request.user, pk)
        if not product.brochure:
            raise Http404
        access_log(user=request.user, obj=product, request=request, action="download")
        return FileResponse(product.brochure.open("rb"), as_attachment=True)


# --- campaigns -------------------------------------------------------------------------------


class CampaignListView(ObjectListView):
    model = Campaign
    queryset = Campaign.objects.select_related("team").annotate(
        lead_count=Count("opportunities"),
        won_count=Count("opportunities", filter=Q(opportunities__stage="won")),
    )
    table_class = tables.CampaignTable
    filterset_class = filters.CampaignFilterSet


class CampaignDetailView(FieldsDetailView):
    model = Campaign
    queryset = Campaign.objects.select_related("team", "owner")
    template_name = "sales/campaign.html"
    detail_fields = ("channel", "start_date", "end_date", "budget", "team", "owner", "description")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        all_leads = self.object.opportunities.all()
        stats = all_leads.aggregate(
            leads=Count("pk"),
            won=Count("pk", filter=Q(stage="won")),
            lost=Count("pk", filter=Q(stage="lost")),
            won_premium=Sum("expected_premium", filter=Q(stage="won")),
        )
        closed = stats["won"] + stats["lost"]
        stats["conversion"] = (
            (Decimal(stats["won"]) / Decimal(closed)).quantize(Decimal("0.001")) if closed else None
        )
        stats["lead_conversion"] = (
            (Decimal(stats["won"]) / Decimal(stats["leads"])).quantize(Decimal("0.001"))
            if stats["leads"]
            else None
        )
        budget = self.object.budget
        stats["cost_per_lead"] = calc.to_money(budget / stats["leads"]) if stats["leads"] else None
        context["stats"] = stats
        context["leads"] = (
            Opportunity.objects.visible_to(self.request.user)
            .filter(campaign=self.object)
            .select_related("customer", "owner")[:100]
        )
        return context


class CampaignEditView(ObjectEditView):
    model = Campaign
    form_class = forms.CampaignForm
    creator_field = "owner"


class CampaignHistoryView(ObjectHistoryView):
    model = Campaign
