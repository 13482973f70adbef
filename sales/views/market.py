"""Market research: market notes and competitor comparisons."""

from core.views.generic import ObjectDeleteView, ObjectEditView, ObjectHistoryView, ObjectListView

from .. import filters, forms, tables
from ..models import CompetitorComparison, MarketNote
from .common import FieldsDetailView

# --- market research --------------------------------------------------------------------------


class MarketNoteListView(ObjectListView):
    model = MarketNote
    table_class = tables.MarketNoteTable
    filterset_class = filters.MarketNoteFilterSet


class MarketNoteDetailView(FieldsDetailView):
    model = MarketNote
    queryset = MarketNote.objects.select_related("author")
    detail_fields = (
        "noted_on",
        "competitor",
        "product_name",
        "pricing",
        "source",
        "tags",
        "author",
        "content",
    )


class MarketNoteEditView(ObjectEditView):
    model = MarketNote
    form_class = forms.MarketNoteForm
    creator_field = "author"


class MarketNoteDeleteView(ObjectDeleteView):
    model = MarketNote


class MarketNoteHistoryView(ObjectHistoryView):
    model = MarketNote


class CompetitorComparisonListView(ObjectListView):
    model = CompetitorComparison
    queryset = CompetitorComparison.objects.select_related("our_product")
    table_class = tables.CompetitorComparisonTable
    filterset_class = filters.CompetitorComparisonFilterSet


class CompetitorComparisonDetailView(FieldsDetailView):
    model = CompetitorComparison
    queryset = CompetitorComparison.objects.select_related("our_product__insurer", "author")
    detail_fields = (
        "our_product",
        "competitor",
        "competitor_product",
        "sum_insured",
        "our_premium",
        "competitor_premium",
        "premium_difference",
        "strengths",
        "weaknesses",
        "author",
    )


class CompetitorComparisonEditView(MarketNoteEditView):
    model = CompetitorComparison
    form_class = forms.CompetitorComparisonForm


class CompetitorComparisonHistoryView(ObjectHistoryView):
    model = CompetitorComparison
