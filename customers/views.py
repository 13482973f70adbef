"""Customer pages: list, the file and its tabs, entry, archive, reassign, share, import."""

import datetime as dt
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.http import require_GET

from core import exports, timeline
from core.jobs import queue_tracked, run_start, tracked_run
from core.models import TaskRun, choice_labels
from core.permissions import can, get_profile
from core.services import events_for, export_log
from core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectHistoryView,
    ObjectListView,
    ObjectPermissionMixin,
    ObjectPostView,
    ObjectTimelineView,
    Tab,
    get_visible_or_404,
)

from . import imports, selectors, services, tasks
from .filters import CustomerFilterSet, CustomerTagFilterSet
from .forms import (
    ArchiveForm,
    AttachmentForm,
    CustomerForm,
    CustomerNeedForm,
    CustomerTagForm,
    ExistingCoverForm,
    FamilyMemberForm,
    ImportForm,
    ReassignForm,
    ShareForm,
)
from .models import (
    Customer,
    CustomerAttachment,
    CustomerNeed,
    CustomerTag,
    ExistingCover,
    FamilyMember,
)
from .services import SENSITIVE_PERM
from .tables import CustomerTable, CustomerTagTable, excluded_columns, loaded_fields

IMPORT_RUN_NAME = "customer_import"
# Rows the export reads at a time (with that many files' tags and needs in two queries).
EXPORT_BATCH = 2000


def _role(user):
    if user.is_superuser:
        return None
    return get_profile(user).role or None


# --- the list -------------------------------------------------------------------------------


class CustomerListView(ObjectListView):
    model = Customer
    table_class = CustomerTable
    filterset_class = CustomerFilterSet
    template_name = "customers/customer_list.html"
    partial_template_name = "customers/customer_list.html#table"
    export_what = gettext_lazy("Customer list")
    empty_message = gettext_lazy("No customers yet.")
    add_label = gettext_lazy("New customer")

    def get_queryset(self):
        return selectors.customer_list(user=self.request.user)

    def get_table_kwargs(self):
        archived_shown = self.request.GET.get("archived") in ("archived", "all")
        return {"exclude": excluded_columns(_role(self.request.user), archived_shown)}

    def get_table_data(self):
        """Load only what the role's columns draw (no tags, numbers or joins it does not show)."""
        hidden = set(self.get_table_kwargs()["exclude"])
        shown = [name for name in CustomerTable.base_columns if name not in hidden]
        queryset = super().get_table_data().select_related(None)
        related = [name for name in ("owner", "clerk", "team") if name in shown]
        if related:  # select_related() with no names would join every non-null foreign key
            queryset = queryset.select_related(*related)
        if "tags" not in shown:
            queryset = queryset.prefetch_related(None)
        return queryset.only(*loaded_fields(shown))

    def get_actions(self, obj=None):
        actions = super().get_actions(obj)
        actions["import"] = self.request.user.has_perm("customers.import_customer")
        return actions

    def can_export(self):
        return self.request.user.has_perm("customers.export_customer")

    def export_sheets(self, table):
        """Every field of the filtered rows; numbers clear only for those who may see them."""
        user = self.request.user
        clear = user.has_perm(SENSITIVE_PERM)
        qs = table.data.data.prefetch_related("needs")
        fields = [
            ("name", 14),
            ("kind", 8),
            ("gender", 6),
            ("birth_date", 12),
            ("id_type", 14),
            ("id_number", 22),
            ("mobile", 15),
            ("email", 22),
            ("province", 10),
            ("city", 10),
            ("district", 10),
            ("street", 28),
            ("occupation", 12),
            ("occupation_class", 12),
            ("employer", 18),
            ("income_band", 14),
            ("marital_status", 10),
            ("source_channel", 12),
            ("stage", 10),
            ("grade", 8),
        ]
        columns = [
            exports.Column(
                str(Customer._meta.get_field(n).verbose_name),
                width=w,
                number_format=exports.DATE
                if n == "birth_date"
                else exports.TEXT
                if n in ("id_number", "mobile")
                else None,
            )
            for n, w in fields
        ]
        columns += [
            exports.Column(_("tags"), width=18),
            exports.Column(_("insurance needs"), width=22),
            exports.Column(_("salesperson"), width=12),
            exports.Column(_("supporting clerk"), width=12),
            exports.Column(_("team"), width=10),
            exports.Column(_("completeness %"), width=10, number_format=exports.INTEGER),
            exports.Column(_("archived"), width=8),
            exports.Column(_("updated"), width=16, number_format=exports.DATETIME),
        ]

        # The rows come from values_list, a batch at a time with the batch's tags and needs:
        # no model instances and no per-row prefetch querysets. Choice labels are translated
        # once for the whole file, not once per row and choice.
        labels = {
            n: choice_labels(Customer, n) for n, _w in fields if Customer._meta.get_field(n).choices
        }
        need_labels = choice_labels(CustomerNeed, "kind")
        people = ("full_name", "first_name", "last_name", "username")
        names = [n for n, _w in fields]
        data = qs.prefetch_related(None).values_list(
            *names,
            "pk",
            *(f"owner__{n}" for n in people),
            *(f"clerk__{n}" for n in people),
            "team__name",
            "completeness",
            "archived",
            "updated",
        )
        yes = _("Yes")

        def value(name, v):
            if name in ("id_number", "mobile") and not clear:
                return services.mask_value(name, v)
            if name in labels and v:
                return labels[name].get(v, v)
            return v

        compose = get_user_model().compose_display_name

        def person(values):
            return compose(*values) if values[-1] else ""

        def batch_rows(batch):
            ids = [row[len(names)] for row in batch]
            tags, needs = {}, {}
            for pk, tag in (
                Customer.tags.through.objects.filter(customer_id__in=ids)
                .order_by("customertag__name")
                .values_list("customer_id", "customertag__name")
            ):
                tags.setdefault(pk, []).append(tag)
            for pk, kind in (
                CustomerNeed.objects.filter(customer_id__in=ids)
                .order_by("kind")
                .values_list("customer_id", "kind")
            ):
                needs.setdefault(pk, []).append(need_labels.get(kind, kind))
            n = len(names)
            for row in batch:
                pk = row[n]
                yield (
                    *(value(name, v) for name, v in zip(names, row[:n], strict=True)),
                    "、".join(tags.get(pk, ())),
                    "、".join(needs.get(pk, ())),
                    person(row[n + 1 : n + 5]),
                    person(row[n + 5 : n + 9]),
                    row[n + 9] or "",
                    row[n + 10],
                    yes if row[n + 11] else "",
                    row[n + 12],
                )

        def rows():
            batch = []
            for row in data.iterator(chunk_size=EXPORT_BATCH):
                batch.append(row)
                if len(batch) == EXPORT_BATCH:
                    yield from batch_rows(batch)
                    batch = []
            if batch:
                yield from batch_rows(batch)

        return [exports.Sheet(str(_("Customers")), columns, rows())]


# --- one customer file and its tabs -----------------------------------------------------------


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
            {"when": e.when, "who": e.actor, "verb": e.verb, "text": e.message}
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


class _CustomerPostView(ObjectPermissionMixin, ObjectPostView):
    """A POST-only action on a file the user may change; answers with a redirect to the file."""

    model = Customer
    action = "change"


class CustomerArchiveView(_CustomerPostView):
    def perform(self, request, customer):
        form = ArchiveForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Say why the file is archived."))
        services.customer_archive(
            actor=request.user, customer=customer, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The file is archived."))


class CustomerRestoreView(_CustomerPostView):
    def perform(self, request, customer):
        services.customer_restore(actor=request.user, customer=customer)
        messages.success(request, _("The file is restored."))


class CustomerReassignView(
    ObjectPermissionMixin, generic.detail.SingleObjectMixin, generic.FormView
):
    """Hand the file to another salesperson (supervisors); recorded with its reason."""

    model = Customer
    action = "change"
    form_class = ReassignForm
    template_name = "customers/customer_reassign.html"

    def get_required_permission(self):
        return "customers.reassign_customer"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(self.get_required_permission()):
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "customer": self.object}

    def form_valid(self, form):
        try:
            services.customer_reassign(
                actor=self.request.user,
                customer=self.object,
                owner=form.cleaned_data["owner"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s now belongs to %(owner)s.")
            % {"name": self.object.name, "owner": form.cleaned_data["owner"]},
        )
        if can(self.request.user, self.object):
            return redirect(self.object)
        return redirect("customers:customer_list")


class CustomerShareView(ObjectPermissionMixin, generic.detail.SingleObjectMixin, generic.FormView):
    """Share the file with a colleague who co-services the customer, and list the shares."""

    model = Customer
    action = "change"
    form_class = ShareForm
    template_name = "customers/customer_share.html"

    def get_required_permission(self):
        return "customers.share_customer"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.has_perm(self.get_required_permission()):
            self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "customer": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shares"] = services.customer_shares(self.object)
        return context

    def form_valid(self, form):
        try:
            services.customer_grant_access(
                actor=self.request.user,
                customer=self.object,
                to=form.cleaned_data["user"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Shared with %(name)s.") % {"name": form.cleaned_data["user"].display_name},
        )
        return redirect("customers:customer_share", self.object.pk)


class CustomerRevokeView(_CustomerPostView):
    def get_required_permission(self):
        return "customers.share_customer"

    def perform(self, request, customer, user_pk):
        colleague = get_object_or_404(get_user_model(), pk=user_pk)
        services.customer_revoke_access(actor=request.user, customer=customer, to=colleague)
        messages.success(
            request, _("Share with %(name)s revoked.") % {"name": colleague.display_name}
        )

    def post(self, request, pk, user_pk):
        super().post(request, pk, user_pk=user_pk)
        return redirect("customers:customer_share", pk)


class CustomerUnmaskView(ObjectPermissionMixin, generic.detail.SingleObjectMixin, generic.View):
    """The "show" control: the clear value of one sensitive field, logged (htmx POST)."""

    model = Customer

    def get_required_permission(self):
        return SENSITIVE_PERM

    def post(self, request, pk):
        self.object = self.get_object()
        field = request.POST.get("field", "")
        if field not in services.SENSITIVE_FIELDS:
            raise Http404
        value = services.customer_unmask(
            user=request.user, customer=self.object, field=field, request=request
        )
        return render(request, "customers/_unmasked.html", {"field": field, "value": value})


class FamilyMemberUnmaskView(ObjectPermissionMixin, generic.detail.SingleObjectMixin, generic.View):
    """The "show" control of a family member's ID number (htmx POST), logged on the file."""

    model = FamilyMember

    def get_required_permission(self):
        return SENSITIVE_PERM

    def post(self, request, pk):
        member = self.get_object()
        value = services.family_member_unmask(user=request.user, member=member, request=request)
        return render(
            request, "customers/_unmasked.html", {"field": f"member-{member.pk}", "value": value}
        )


@require_GET
@login_required
def customer_duplicates(request):
    """The live duplicate warning of the entry form (htmx): links only to visible files."""
    user = request.user
    if not (user.has_perm("customers.add_customer") or user.has_perm("customers.change_customer")):
        raise PermissionDenied
    get = request.GET
    try:
        birth = dt.date.fromisoformat(get.get("birth_date", "")) if get.get("birth_date") else None
    except ValueError:
        birth = None
    try:
        exclude = int(get.get("exclude") or 0) or None
    except ValueError:
        exclude = None
    report = selectors.find_duplicates(
        user=user,
        id_number=get.get("id_number", "").strip(),
        mobile=get.get("mobile", "").strip(),
        name=get.get("name", "").strip(),
        birth_date=birth,
        exclude_pk=exclude,
    )
    return render(request, "customers/_duplicates.html", {"duplicates": report})


@require_GET
@login_required
def customer_search(request):
    """The top bar's search: the customer list filtered by ``q`` (restricted like the list)."""
    q = request.GET.get("q", "").strip()
    if request.user.has_perm("customers.view_customer"):
        url = reverse("customers:customer_list")
        if q:
            from django.utils.http import urlencode

            url += "?" + urlencode({"q": q})
        return redirect(url)
    return render(request, "customers/search_none.html", {"q": q})


# --- import -----------------------------------------------------------------------------------


def _sync_limit():
    return getattr(settings, "CUSTOMER_IMPORT_SYNC_ROWS", 300)


class CustomerImportView(ObjectPermissionMixin, generic.FormView):
    """Upload a filled-in template: small files are imported at once, large ones as a job."""

    model = Customer
    form_class = ImportForm
    template_name = "customers/customer_import.html"

    def get_required_permission(self):
        return "customers.import_customer"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        user = self.request.user
        sheet = imports.read_sheet(upload)
        run = run_start(name=IMPORT_RUN_NAME, user=user, key=upload.name)
        if len(sheet.rows) > _sync_limit() and not sheet.file_errors:
            upload.seek(0)
            path = default_storage.save(
                f"customers/imports/{run.pk}.xlsx", ContentFile(upload.read())
            )
            run.result = {"upload": path}
            run.save(update_fields=["result"])
            queue_tracked(tasks.import_customers, run=run)
            messages.info(self.request, _("The file is large: it is imported in the background."))
            return redirect(run)
        with tracked_run(None, run_id=run.pk) as tracked:
            result = services.customer_import_run(run=tracked, sheet=sheet)
        run.refresh_from_db()
        errors = [(number, msgs) for number, msgs in sorted(result.errors.items())]
        if result.ok:
            messages.success(self.request, run.message)
        return self.render_to_response(
            self.get_context_data(
                form=ImportForm(user=user), run=run, result=result, errors=errors[:100]
            )
        )


class CustomerImportTemplateView(ObjectPermissionMixin, generic.View):
    """The import template: Chinese headers, instructions, drop-down lists."""

    model = Customer

    def get_required_permission(self):
        return "customers.import_customer"

    def get(self, request):
        out = io.BytesIO()
        imports.build_template(out, user=request.user)
        response = HttpResponse(out.getvalue(), content_type=exports.XLSX_TYPE)
        return exports._attachment(response, "customer-import-template.xlsx")


class CustomerImportReportView(ObjectPermissionMixin, generic.View):
    """The error report of one of the user's own imports."""

    model = Customer

    def get_required_permission(self):
        return "customers.import_customer"

    def get(self, request, pk):
        runs = TaskRun.objects.filter(name=IMPORT_RUN_NAME)
        if not request.user.is_superuser:
            runs = runs.filter(user=request.user)
        run = get_object_or_404(runs, pk=pk)
        path = (run.result or {}).get("report")
        if not path or not default_storage.exists(path):
            raise Http404
        export_log(
            user=request.user,
            what=_("Customer import: error report"),
            file_format="xlsx",
            row_count=(run.result or {}).get("total", 0),
            filters={"run": run.pk},
            request=request,
        )
        response = FileResponse(default_storage.open(path, "rb"), content_type=exports.XLSX_TYPE)
        return exports._attachment(response, f"customer-import-errors-{run.pk}.xlsx")


# --- records inside a file: family, needs, cover, attachments ---------------------------------


class ChildEditView(ObjectEditView):
    """Add (``customer_pk`` in the URL) or edit a record that lives inside a customer file."""

    tab = "overview"

    def new_object(self):
        customer = get_visible_or_404(
            Customer, self.request.user, self.kwargs["customer_pk"], "change"
        )
        return self.get_model()(customer=customer)

    def tab_url(self):
        return reverse(f"customers:customer_{self.tab}", args=[self.object.customer_id])

    def get_success_url(self):
        return self.tab_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.tab_url()
        context["list_url"] = None
        return context


class ChildDeleteView(ObjectDeleteView):
    """Delete a record inside a file: allowed to whoever may change the file."""

    tab = "overview"

    def get_queryset(self):
        # Deleting a family member is a change of the file, not a deletion of the customer.
        customers = Customer.objects.visible_to(self.request.user, "change").values("pk")
        return self.get_model()._default_manager.filter(customer__in=customers)

    def get_success_url(self):
        return reverse(f"customers:customer_{self.tab}", args=[self.object.customer_id])


class FamilyMemberEditView(ChildEditView):
    model = FamilyMember
    form_class = FamilyMemberForm
    tab = "family"


class FamilyMemberDeleteView(ChildDeleteView):
    model = FamilyMember
    tab = "family"


class CustomerNeedEditView(ChildEditView):
    model = CustomerNeed
    form_class = CustomerNeedForm
    tab = "needs"


class CustomerNeedDeleteView(ChildDeleteView):
    model = CustomerNeed
    tab = "needs"


class ExistingCoverEditView(ChildEditView):
    model = ExistingCover
    form_class = ExistingCoverForm
    tab = "needs"


class ExistingCoverDeleteView(ChildDeleteView):
    model = ExistingCover
    tab = "needs"


class AttachmentAddView(ChildEditView):
    model = CustomerAttachment
    form_class = AttachmentForm
    tab = "attachments"

    def save(self, form):
        data = form.cleaned_data
        return services.attachment_add(
            actor=self.request.user,
            customer=self.object.customer,
            file=data["file"],
            kind=data["kind"],
            classification=data["classification"],
            description=data["description"],
        )


class AttachmentDeleteView(ChildDeleteView):
    model = CustomerAttachment
    tab = "attachments"

    def form_valid(self, form):
        url = self.get_success_url()
        services.attachment_delete(actor=self.request.user, attachment=self.object)
        messages.success(self.request, _("%(name)s deleted.") % {"name": self.object})
        return redirect(url)


class AttachmentDownloadView(ObjectPermissionMixin, generic.detail.SingleObjectMixin, generic.View):
    """Download a document of a file the user may see; logged in the access log."""

    model = CustomerAttachment

    def get(self, request, pk):
        attachment = self.get_object()
        services.attachment_downloaded(user=request.user, attachment=attachment, request=request)
        name = attachment.original_name or attachment.file.name.rsplit("/", 1)[-1]
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=name)


# --- tags ---------------------------------------------------------------------------------------


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
