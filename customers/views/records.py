"""Records inside a file: family members, needs, existing cover, attachments."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from core import classification, stamping
from core.views.generic import (
    ObjectDeleteView,
    ObjectEditView,
    ObjectPermissionMixin,
    get_visible_or_404,
)

from .. import services
from ..forms import (
    AttachmentForm,
    CustomerNeedForm,
    ExistingCoverForm,
    FamilyMemberForm,
)
from ..models import (
    Customer,
    CustomerAttachment,
    CustomerNeed,
    ExistingCover,
    FamilyMember,
)


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
        level = classification.check_download(request.user, attachment)
        services.attachment_downloaded(user=request.user, attachment=attachment, request=request)
        name = attachment.original_name or attachment.file.name.rsplit("/", 1)[-1]
        return FileResponse(
            stamping.open_for_download(attachment.file, user=request.user, level=level),
            as_attachment=True,
            filename=name,
        )
