"""What is done to a customer file: archive, restore, reassign, share, revoke, unmask, call."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from core.permissions import can
from core.views.generic import (
    ObjectPermissionMixin,
    ObjectPostView,
)

from .. import services
from ..forms import (
    ArchiveForm,
    ReassignForm,
    ShareForm,
)
from ..models import (
    Customer,
    FamilyMember,
)
from ..services import SENSITIVE_PERM


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


class TelephoneRedirect(HttpResponseRedirect):
    """A redirect to a ``tel:`` address (the phone dials it)."""

    allowed_schemes = ["tel"]


class CustomerCallView(ObjectPermissionMixin, generic.detail.SingleObjectMixin, generic.View):
    """The "call" control: dials the customer's mobile (``tel:``) for a user who may see it.

    The page never holds the number: the link points here, the number is read for a user
    with the right to see it, logged like an unmasking, and handed to the phone's dialler.
    """

    model = Customer

    def get_required_permission(self):
        return SENSITIVE_PERM

    def get(self, request, pk):
        self.object = self.get_object()
        if not self.object.mobile:
            raise Http404
        number = services.customer_unmask(
            user=request.user, customer=self.object, field="mobile", request=request
        )
        return TelephoneRedirect("tel:" + "".join(c for c in number if c.isdigit() or c == "+"))


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
