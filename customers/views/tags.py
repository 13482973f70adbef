"""Customer tags."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from core.views.generic import (
    ObjectEditView,
    ObjectListView,
)

from ..filters import CustomerTagFilterSet
from ..forms import CustomerTagForm
from ..models import CustomerTag
from ..tables import CustomerTagTable


class CustomerTagListView(ObjectListView):
    model = CustomerTag
    table_class = CustomerTagTable
    filterset_class = CustomerTagFilterSet
    add_label = gettext_lazy("New tag")


class CustomerTagEditView(ObjectEditView):
    model = CustomerTag
    form_class = CustomerTagForm

    def get_success_url(self):
        return reverse("customers:customertag_list")
