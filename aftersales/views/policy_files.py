"""The incomplete policy files."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.views.generic import ObjectListView
from underwriting.models import Policy

from .. import selectors, services
from ..filters import PolicyFileFilterSet
from ..tables import PolicyFileTable


class PolicyFileListView(ObjectListView):
    """Policies whose file lacks the signed receipt or the follow-up record."""

    model = Policy
    table_class = PolicyFileTable
    filterset_class = PolicyFileFilterSet
    template_name = "aftersales/policyfile_list.html"
    empty_message = gettext_lazy("Every policy file is complete.")

    def get_required_permission(self):
        return services.FOLLOW_UP_PERM

    def get_queryset(self):
        return selectors.incomplete_policy_files(user=self.request.user).order_by("issued_on", "pk")

    def get_actions(self, obj=None):
        return {"add": False, "change": False, "delete": False}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name_plural"] = _("Incomplete policy files")
        context["add_url"] = None
        return context
