"""Base views: every list, detail, edit, delete and history page is one of these.

Each checks the model permission first (403 without it), swaps its queryset for the
restricted one before any handler runs (a hidden row is a 404), restricts every dropdown of
its form, re-checks visibility after a write, and computes the user's allowed actions once.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core import bulk, classification, clear_exports, exports, links, params, savedviews, timeline
from core.forms import ClearExportForm
from core.history import may_unmask
from core.pagination import CachedCountPaginator
from core.permissions import access_refusals, can, perm_name
from core.services import events_for, search_log


@dataclass
class Tab:
    key: str
    label: str
    url: str
    count: int | None = None


def model_url(model, suffix, *args):
    """reverse('<app>:<model><suffix>') or None when the page does not exist."""
    name = f"{model._meta.app_label}:{model._meta.model_name}{suffix}"
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


class ObjectPermissionMixin(LoginRequiredMixin):
    """Model permission first, then the queryset restricted to the user for ``action``."""

    model = None
    queryset = None
    action = "view"

    def get_model(self):
        if self.model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a model")
        return self.model

    def get_required_permission(self):
        return perm_name(self.get_model(), self.action)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        perm = self.get_required_permission()
        if not request.user.has_perm(perm):
            # A gate that withholds the permission says why (core.permissions.access_refusals).
            raise PermissionDenied(" ".join(access_refusals(request.user, perm)))
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        if self.queryset is not None:
            return self.queryset.all()
        return self.get_model()._default_manager.all()

    def get_queryset(self):
        return self.get_base_queryset().visible_to(self.request.user, self.action)

    def get_actions(self, obj=None):
        """What the user may do here, computed once: {"add": bool, "change": bool, ...}."""
        user = self.request.user
        model = self.get_model()
        actions = {"add": user.has_perm(perm_name(model, "add"))}
        for action in ("change", "delete"):
            if obj is None:
                actions[action] = user.has_perm(perm_name(model, action))
            else:
                actions[action] = user.has_perm(perm_name(model, action)) and can(user, obj, action)
        return actions

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = self.get_model()
        context.setdefault("model", model)
        context.setdefault("verbose_name", model._meta.verbose_name)
        context.setdefault("verbose_name_plural", model._meta.verbose_name_plural)
        context.setdefault("list_url", model_url(model, "_list"))
        # the class mark beside the page's title (core.classification; no query)
        obj = getattr(self, "object", None)
        level = (
            classification.default_level(obj)
            if isinstance(obj, model)
            else classification.level_of_model(model)
        )
        context.setdefault("class_badge", classification.badge(level))
        return context


class ObjectListView(ObjectPermissionMixin, SingleTableMixin, FilterView):
    """A filtered, sortable, paginated table with htmx updates and Excel export.

    Declare ``model``, ``table_class``, ``filterset_class`` and optionally ``queryset``
    (with select_related) and ``export_what``.
    """

    template_name = "generic/object_list.html"
    partial_template_name = "generic/object_list.html#table"
    paginate_by = 25
    paginator_class = CachedCountPaginator
    export_what = None
    empty_message = gettext_lazy("Nothing here yet.")
    add_label = None

    def get_paginate_by(self, table_data):
        try:
            per_page = int(self.request.GET.get("per_page", self.paginate_by))
        except ValueError:
            per_page = self.paginate_by
        return per_page if per_page in settings.PAGE_SIZES else self.paginate_by

    def paginate_queryset(self, queryset, page_size):
        # The table paginates (django-tables2); the ListView must not count the rows again.
        return None, None, queryset, False

    def get_queryset(self):
        # Aggregating querysets (GROUP BY) drop Meta.ordering: pages must still be stable.
        queryset = super().get_queryset()
        if not queryset.ordered:
            queryset = queryset.order_by(*(self.get_model()._meta.ordering or ["-pk"]))
        return queryset

    def get_template_names(self):
        if getattr(self.request, "htmx", False) and not self.request.htmx.boosted:
            return [self.partial_template_name]
        return [self.template_name]

    def can_export(self):
        """Whether the user may download this list; override to require a permission."""
        return True

    # The list has sensitive columns (ID numbers, mobiles, accounts): its export is masked,
    # and an export with the clear values goes through core.clear_exports.
    sensitive_export = False
    # Set while a clear export is built: ``export_sheets`` writes the clear values.
    export_clear = False

    def can_export_clear(self):
        """Whether the user may ask for this list's export with clear sensitive values."""
        return (
            self.sensitive_export
            and self.can_export()
            and may_unmask(self.request.user, self.get_model())
        )

    def get(self, request, *args, **kwargs):
        export = request.GET.get("export")
        if export == "xlsx":
            if not self.can_export():
                raise PermissionDenied
            return self.export(request)
        if export == "clear":
            if not self.can_export_clear():
                raise PermissionDenied
            return self.clear_export(request, ClearExportForm())
        # A full ID number or mobile typed into the search: the access log says who looked
        # for it (masked, with its digest); the export log does the same for an export.
        if not request.GET and not getattr(request, "htmx", False):
            default = savedviews.default_for(request.user, self.list_name())
            if default is not None and default.query:
                return redirect(f"{request.path}?{default.query}")
        search_log(
            user=request.user,
            model=self.get_model(),
            values=self.get_filter_values(),
            request=request,
        )
        return super().get(request, *args, **kwargs)

    def list_name(self):
        """The URL name of this list (``app:model_list``): what its saved views belong to."""
        return self.request.resolver_match.view_name

    def post(self, request, *args, **kwargs):
        """The clear export form: a purpose, then the file at once or, above the configured
        row count, a request the supervisor approves first."""
        if request.GET.get("export") != "clear":
            return HttpResponseNotAllowed(["GET"])
        if not self.can_export_clear():
            raise PermissionDenied
        form = ClearExportForm(request.POST)
        if not form.is_valid():
            return self.clear_export(request, form)
        purpose = form.cleaned_data["purpose"]
        parts = self.export_parts(clear=False)  # counted, not written: the rows to export
        rows = parts["queryset"].count()
        if not clear_exports.needs_approval(rows):
            return self.export(request, clear=True, purpose=purpose)
        try:
            export_request = clear_exports.export_request_create(
                actor=request.user,
                view=f"{type(self).__module__}.{type(self).__qualname__}",
                list_path=request.path,
                what=str(parts["what"]),
                query=self.get_filter_values(),
                filters_shown="; ".join(f"{k}: {v}" for k, v in parts["filter_labels"] or ()),
                purpose=purpose,
                rows=rows,
            )
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.clear_export(request, form)
        messages.success(
            request,
            _("Your export waits for the approval of %(who)s.")
            % {"who": export_request.approver.display_name},
        )
        return HttpResponseRedirect(export_request.get_absolute_url())

    def clear_export(self, request, form):
        """The page that asks for a clear export's purpose (and says when approval is needed)."""
        parts = self.export_parts(clear=False)
        rows = parts["queryset"].count()
        query = self.request.GET.copy()
        query.pop("export", None)
        return render(
            request,
            "generic/export_clear.html",
            {
                "form": form,
                "what": parts["what"],
                "filter_labels": parts["filter_labels"] or [],
                "rows": rows,
                "needs_approval": clear_exports.needs_approval(rows),
                "threshold": params.get(clear_exports.APPROVAL_ROWS.key),
                "list_url": request.path + ("?" + query.urlencode() if query else ""),
                "verbose_name_plural": self.get_model()._meta.verbose_name_plural,
            },
        )

    def get_filter_values(self):
        return {
            k: ",".join(v) for k, v in self.request.GET.lists() if k not in savedviews.NOT_SAVED
        }

    def export_sheets(self, table):
        """The sheets of the Excel export: by default the table's columns as shown."""
        rows = table.as_values(exclude_columns=getattr(self, "export_exclude", ()))
        header = next(rows)
        columns = [
            exports.Column(str(h), width=max(10, min(40, len(str(h)) * 2 + 4))) for h in header
        ]
        return [exports.Sheet(str(self.get_model()._meta.verbose_name_plural), columns, rows)]

    # Set by a bulk export (core.bulk): only these rows of the filtered ones are exported.
    selected_ids = None

    def filtered_queryset(self, filterset=None):
        """The rows the list shows for its filters, restricted to the user (no page)."""
        if filterset is None:
            filterset = self.get_filterset(self.get_filterset_class())
        if filterset.is_bound and not filterset.is_valid():
            return self.get_queryset().none()
        return filterset.qs

    def export_parts(self, clear=False):
        """What an export of the filtered rows is made of: ``sheets`` (clear sensitive values
        only with ``clear``), ``what``, ``filename``, ``filters`` (query keys and values),
        ``filter_labels`` ((label, shown value) pairs) and the ``queryset``."""
        filterset = self.get_filterset(self.get_filterset_class())
        qs = self.filtered_queryset(filterset)
        filters = self.get_filter_values()
        filter_labels = filterset.describe() if hasattr(filterset, "describe") else None
        if self.selected_ids is not None:
            qs = qs.filter(pk__in=self.selected_ids)
            filters = {**filters, "ids": ",".join(str(pk) for pk in self.selected_ids)[:2000]}
            filter_labels = [
                *(filter_labels or ()),
                (_("Selected rows"), str(len(self.selected_ids))),
            ]
        table = self.get_table_class()(qs, request=self.request)
        model = self.get_model()
        self.export_clear = clear
        return {
            "sheets": self.export_sheets(table),
            "what": self.export_what or model._meta.verbose_name_plural,
            "filename": f"{model._meta.model_name}-{timezone.localdate():%Y%m%d}.xlsx",
            "filters": filters,
            "filter_labels": filter_labels,
            "queryset": qs,
        }

    def export(self, request, clear=False, purpose=""):
        parts = self.export_parts(clear=clear)
        return exports.excel_response(
            request,
            filename=parts["filename"],
            sheets=parts["sheets"],
            what=parts["what"],
            filters=parts["filters"],
            filter_labels=parts["filter_labels"],
            clear_values=clear,
            purpose=purpose,
            level=classification.level_of_model(self.get_model()),
        )

    def bulk_actions(self):
        """The bulk actions the user is offered on this list (core.bulk)."""
        if not hasattr(self, "_bulk_actions"):
            self._bulk_actions = bulk.actions_for(self.list_name(), self.request.user)
        return self._bulk_actions

    def get_table(self, **kwargs):
        """The table, led by a checkbox column when the list offers bulk actions."""
        if self.bulk_actions():
            from core.tables import BulkSelectColumn

            table_class = self.get_table_class()
            meta = table_class._meta
            sequence = kwargs.get("sequence") or meta.sequence
            if not sequence:
                sequence = (*meta.fields, "...") if meta.fields else ("...",)
            kwargs["extra_columns"] = [
                *kwargs.get("extra_columns", ()),
                ("bulk_select", BulkSelectColumn()),
            ]
            kwargs["sequence"] = ("bulk_select", *(c for c in sequence if c != "bulk_select"))
        return super().get_table(**kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_actions"] = self.bulk_actions()
        if context["bulk_actions"]:
            context["bulk_url"] = reverse("core:bulk", args=[self.list_name()])
            context["bulk_query"] = savedviews.clean_query(self.request.GET.urlencode())
        context["actions"] = {
            **self.get_actions(),
            "export": self.can_export(),
            "export_clear": self.can_export_clear(),
        }
        context["add_url"] = model_url(self.get_model(), "_add")
        context["empty_message"] = self.empty_message
        context["page_sizes"] = settings.PAGE_SIZES
        context["add_label"] = self.add_label
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        context["export_url"] = "?" + query.urlencode()
        query["export"] = "clear"
        context["export_clear_url"] = "?" + query.urlencode()
        context["list_name"] = self.list_name()
        context["saved_views"] = savedviews.views_for(self.request.user, context["list_name"])
        context["current_query"] = savedviews.clean_query(self.request.GET.urlencode())
        filterset = context.get("filter")
        if filterset is not None:
            # How many filters besides the search are set: the phone's "Filters" button says so.
            names = set(filterset.form.fields) - {"q"}
            context["filter_count"] = sum(
                1 for name in names if any(v for v in self.request.GET.getlist(name))
            )
        return context


class ObjectDetailMixin(ObjectPermissionMixin):
    """Shared by every page of one record: the header, its actions and its tabs."""

    template_name = "generic/object.html"
    active_tab = "overview"

    def get_tabs(self, obj):
        tabs = [Tab("overview", _("Overview"), obj.get_absolute_url())]
        timeline = model_url(type(obj), "_timeline", obj.pk)
        if timeline:
            tabs.append(Tab("timeline", _("Timeline"), timeline))
        history = model_url(type(obj), "_history", obj.pk)
        if history:
            tabs.append(Tab("history", _("History"), history))
        return tabs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["actions"] = self.get_actions(obj)
        context["record_links"] = links.links_for(obj, self.request.user)
        context["tabs"] = self.get_tabs(obj)
        context["active_tab"] = self.active_tab
        model = type(obj)
        context["edit_url"] = model_url(model, "_edit", obj.pk)
        context["delete_url"] = model_url(model, "_delete", obj.pk)
        return context


class ObjectDetailView(ObjectDetailMixin, generic.DetailView):
    """A record's overview tab."""


class ObjectHistoryView(ObjectDetailMixin, generic.DetailView):
    """The History tab: who changed which field from what to what, and when."""

    template_name = "generic/object_history.html"
    active_tab = "history"

    def get_context_data(self, **kwargs):
        from core.history import history_entries

        context = super().get_context_data(**kwargs)
        context["entries"] = history_entries(self.object, user=self.request.user)
        return context


class ObjectTimelineView(ObjectDetailMixin, generic.DetailView):
    """The Timeline tab: every event about the record, with who and when."""

    template_name = "generic/object_timeline.html"
    active_tab = "timeline"

    def timeline_entries(self, obj):
        """Events about the record, plus what other apps registered in core.timeline;
        subclasses add their own related records' events."""
        entries = [
            {"when": e.when, "who": e.actor, "verb": e.verb, "text": e.get_message_display()}
            for e in events_for(obj)[:500]
        ]
        entries.extend(timeline.entries_for(obj, self.request.user))
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = self.timeline_entries(self.object)
        entries.sort(key=lambda e: e["when"], reverse=True)
        context["entries"] = entries
        return context


class ObjectEditView(ObjectPermissionMixin, generic.UpdateView):
    """Create (no pk in the URL) or edit a record; the form's dropdowns are restricted."""

    template_name = "generic/object_edit.html"
    form_class = None
    # A user foreign key filled with the creating user on add (e.g. "author", "owner").
    creator_field = None

    def dispatch(self, request, *args, **kwargs):
        self.action = "change" if "pk" in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if self.action == "add":
            return self.new_object()
        return super().get_object(queryset)

    def new_object(self):
        return self.get_model()()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def save(self, form):
        """Save the form (stamping ``creator_field`` on a new record); override to call a
        service instead."""
        if self.creator_field:
            obj = form.save(commit=False)
            if not getattr(obj, f"{self.creator_field}_id"):
                setattr(obj, self.creator_field, self.request.user)
            obj.full_clean()
            obj.save()
            form.save_m2m()
            return obj
        return form.save()

    def form_valid(self, form):
        with transaction.atomic():
            try:
                self.object = self.save(form)
            except ValidationError as exc:
                # A service refused: say why next to the field (or on top), save nothing.
                transaction.set_rollback(True)
                add_validation_error(form, exc)
                return self.form_invalid(form)
            visible = (
                type(self.object)
                ._default_manager.visible_to(self.request.user)
                .filter(pk=self.object.pk)
                .exists()
            )
            if not visible:
                transaction.set_rollback(True)
                form.add_error(None, _("You would not be able to see this record after saving it."))
                return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s saved.") % {"name": self.object},
        )
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["is_new"] = self.action == "add"
        context["cancel_url"] = (
            self.object.get_absolute_url() if self.object.pk else context.get("list_url")
        )
        return context


class ServiceFormView(ObjectPermissionMixin, generic.FormView):
    """Edit one record through its service with a plain form (not a model form): the
    record is fetched through the restricted queryset for ``action`` (a hidden one is a
    404), ``may_edit(obj)`` can refuse further (403), the form starts from the record's
    ``initial_fields`` (a foreign key by its key), and a valid form is handed to
    ``perform(form)``, which calls the service; the service's ValidationError is shown on
    the form. Subclasses set ``model``, ``form_class``, ``initial_fields`` and ``perform``::

        class CertificateEditView(ServiceFormView):
            model = Certificate
            form_class = forms.CertificateEditForm
            initial_fields = ("kind", "number", "issued_on", "expires_on", "note")

            def perform(self, form):
                services.certificate_update(
                    actor=self.request.user, certificate=self.object, **form.cleaned_data
                )
    """

    template_name = "generic/object_edit.html"
    action = "change"
    form_class = None
    initial_fields = ()
    # Further keyword arguments of the form (e.g. {"editing": True}).
    form_options = {}

    def get_object(self):
        try:
            obj = self.get_queryset().get(pk=self.kwargs["pk"])
        except self.get_model().DoesNotExist as exc:
            raise Http404 from exc
        if not self.may_edit(obj):
            raise PermissionDenied
        return obj

    def may_edit(self, obj):
        """Whether the user may edit ``obj`` beyond its model permission and row scope."""
        return True

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        for name in self.initial_fields:
            field = self.object._meta.get_field(name)
            initial[name] = getattr(self.object, field.attname)
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        kwargs.update(self.form_options)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, is_new=False, cancel_url=self.object.get_absolute_url())
        return context

    def perform(self, form):
        """Save ``form.cleaned_data`` to ``self.object`` through the app's service."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.perform(form)
        except ValidationError as exc:
            add_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s saved.") % {"name": self.object})
        return redirect(self.object)


class ObjectDeleteView(ObjectPermissionMixin, generic.DeleteView):
    """Confirm, then delete; the history keeps the deleted record."""

    template_name = "generic/object_delete.html"
    action = "delete"

    def get_success_url(self):
        return model_url(self.get_model(), "_list") or reverse("home")

    def form_valid(self, form):
        name = str(self.object)
        response = super().form_valid(form)
        messages.success(self.request, _("%(name)s deleted.") % {"name": name})
        return response


def form_errors(form):
    """A posted form's errors as one ValidationError, each message led by its field's label
    (for a POST that answers with a redirect and a message, not with the form)."""
    return ValidationError(
        [
            f"{form.fields[k].label}: {' '.join(v)}" if k in form.fields else " ".join(v)
            for k, v in form.errors.items()
        ]
    )


def add_validation_error(form, exc):
    """Put a service's ValidationError on the form: next to the field it names, the rest on
    top (the one error-to-form helper of every app)."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def error_text(exc):
    """A ValidationError as one line, for a message after a redirect."""
    return " ".join(str(m) for m in exc.messages)


class ObjectPostView(generic.detail.SingleObjectMixin, generic.View):
    """A POST-only action on one record (archive, a workflow step, a revoke): fetch the
    record through the view's restricted queryset (a hidden one is a 404), check ``perm``
    when set, run ``perform(request, obj, **kwargs)``, show a ValidationError as an error
    message, and redirect back to the record (``back`` is appended to its URL, e.g. a tab).

    Mix in the permission mixin of the page (``ObjectPermissionMixin`` or the app's page
    mixin) before it; a GET answers 405."""

    back = ""
    perm = None  # a model permission the action needs beyond the view's own

    def post(self, request, pk, **kwargs):
        self.object = self.get_object()
        if self.perm and not request.user.has_perm(self.perm):
            raise PermissionDenied
        try:
            self.perform(request, self.object, **kwargs)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return HttpResponseRedirect(self.get_success_url())

    def perform(self, request, obj, **kwargs):
        raise NotImplementedError

    def get_success_url(self):
        return self.object.get_absolute_url() + self.back


def get_visible_or_404(model, user, pk, action="view"):
    """The one record ``pk`` if ``user`` may ``action`` it, else 404."""
    try:
        return model._default_manager.visible_to(user, action).get(pk=pk)
    except model.DoesNotExist as exc:
        raise Http404 from exc
