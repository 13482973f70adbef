"""What the after-sales pages share: the tabs, the service-form page and the step POST."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from core.views.generic import (
    ObjectPostView,
    Tab,
    form_errors,
)


def _tabs(obj, name, extra=()):
    def url(suffix):
        return reverse(f"aftersales:{name}{suffix}", args=[obj.pk])

    return [
        Tab("overview", _("Overview"), obj.get_absolute_url()),
        *[Tab(key, label, url(suffix)) for key, label, suffix in extra],
        Tab("timeline", _("Timeline"), url("_timeline")),
        Tab("history", _("History"), url("_history")),
    ]


class _FormPageMixin:
    """A page that shows one service form (GET) and runs it (POST)."""

    template_name = "generic/object_edit.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_new"] = True
        context["cancel_url"] = context.get("list_url")
        return context


class _PostView(ObjectPostView):
    """A POST that runs one service step on the record, then goes back to it; ``steps``
    maps a step to the form that reads its input."""

    steps = {}

    def step_form(self, request, step):
        form_class = self.steps.get(step)
        if form_class is None:
            raise Http404
        form = form_class(request.POST, request.FILES or None)
        if not form.is_valid():
            raise form_errors(form)
        return form.cleaned_data
