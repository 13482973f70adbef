"""What the sales pages share: the plain overview and the error-to-messages helper."""

from decimal import Decimal

from django.contrib import messages
from django.utils.translation import gettext_lazy

from core.views.generic import ObjectDetailView

from ..models import Opportunity

Stage = Opportunity.Stage


def _errors(request, exc):
    for message in exc.messages:
        messages.error(request, message)


class FieldsDetailView(ObjectDetailView):
    """A plain overview: the fields in ``detail_fields``, money formatted."""

    template_name = "sales/detail.html"
    detail_fields = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = detail_rows(self.object, self.detail_fields)
        return context


def detail_rows(obj, names):
    """[(label, display value, is_money)] for an overview list."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    from core.templatetags.core_tags import field_value

    rows = []
    for name in names:
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            value = getattr(obj, name)
            rows.append((PROPERTY_LABELS.get(name, name), value, isinstance(value, Decimal)))
            continue
        is_money = isinstance(field, models.DecimalField) and field.decimal_places == 2
        value = getattr(obj, name) if is_money else field_value(obj, name)
        rows.append((field.verbose_name, value, is_money))
    return rows


PROPERTY_LABELS = {"premium_difference": gettext_lazy("premium difference (ours − theirs)")}
