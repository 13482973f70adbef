"""Template pages for HR: list, a template with its items and problems, edit, items."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
)

from .. import selectors, services
from ..filters import TemplateFilterSet
from ..forms import TemplateForm, TemplateItemForm
from ..models import AppraisalTemplate, Dimension, TemplateItem
from ..tables import TemplateTable


class TemplateListView(ObjectListView):
    model = AppraisalTemplate
    table_class = TemplateTable
    filterset_class = TemplateFilterSet
    empty_message = gettext_lazy("No appraisal templates.")
    add_label = gettext_lazy("New appraisal template")

    def get_queryset(self):
        return selectors.template_list_base().visible_to(self.request.user)


class TemplateDetailView(ObjectDetailView):
    model = AppraisalTemplate
    template_name = "appraisal/template.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(self.object.items.all())
        weights = self.object.dimension_weights()
        context["dimensions"] = [
            (Dimension(code), weights[code], [i for i in items if i.dimension == code])
            for code in (Dimension.RESULTS, Dimension.ABILITY, Dimension.ATTITUDE)
        ]
        context["problems"] = services.template_problems(self.object, items)
        return context


class TemplateEditView(ObjectEditView):
    model = AppraisalTemplate
    form_class = TemplateForm

    def save(self, form):
        template = form.save(commit=False)
        return services.template_save(actor=self.request.user, template=template)


class TemplateHistoryView(ObjectHistoryView):
    model = AppraisalTemplate


class TemplateItemEditView(ObjectEditView):
    """Add an item to a template (``template`` in the URL) or change one."""

    model = TemplateItem
    form_class = TemplateItemForm

    def get_required_permission(self):
        return "appraisal.change_appraisaltemplate"

    def new_object(self):
        template = get_object_or_404(
            AppraisalTemplate.objects.visible_to(self.request.user, "change"),
            pk=self.kwargs["template"],
        )
        return TemplateItem(template=template)

    def get_queryset(self):
        return TemplateItem.objects.select_related("template").visible_to(
            self.request.user, "change"
        )

    def save(self, form):
        item = form.save(commit=False)
        return services.template_item_save(actor=self.request.user, item=item)


class TemplateItemDeleteView(ObjectDeleteView):
    model = TemplateItem

    def get_required_permission(self):
        return "appraisal.change_appraisaltemplate"

    def get_queryset(self):
        return TemplateItem.objects.select_related("template").visible_to(
            self.request.user, "change"
        )

    def form_valid(self, form):
        template = self.object.template
        services.template_item_remove(actor=self.request.user, item=self.object)
        messages.success(self.request, _("%(name)s deleted.") % {"name": self.object.label})
        return HttpResponseRedirect(template.get_absolute_url())
