"""Policy service requests (保單管理) and their documents."""

import json
import os
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField
from core.models import BaseModel
from core.permissions import RowScope
from core.uploads import IMAGES_AND_PDF, FileValidator
from core.validators import DESCRIPTION_LENGTH, NOTE_LENGTH


def service_document_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"aftersales/service/{uuid.uuid4().hex}{ext}"


class ServiceRequest(BaseModel):
    """A change to a policy or the customer's details (保單管理): contact details, address, bank
    account, beneficiaries, a lost policy's reissue (掛失補辦) or another request, with the
    values before and after; once the insurer completes it, the records are updated."""

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Change of contact details")
        ADDRESS = "address", _("Change of address")
        BANK_ACCOUNT = "bank_account", _("Change of bank account")
        BENEFICIARY = "beneficiary", _("Change of beneficiaries")
        REISSUE = "reissue", _("Lost policy reissue")
        OTHER = "other", _("Other request")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SUBMITTED = "submitted", _("Submitted to the insurer")
        COMPLETED = "completed", _("Completed")
        REJECTED = "rejected", _("Rejected by the insurer")
        CANCELLED = "cancelled", _("Cancelled")

    policy = models.ForeignKey(
        "underwriting.Policy",
        verbose_name=_("policy"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    kind = models.CharField(_("request"), max_length=15, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    requested_on = models.DateField(_("requested on"), default=timezone.localdate)
    description = models.TextField(_("description"), max_length=DESCRIPTION_LENGTH, blank=True)
    # JSON objects {field: value}; encrypted, since they may hold a mobile or a bank account
    before = EncryptedTextField(_("values before"), blank=True)
    after = EncryptedTextField(_("values after"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    insurer_reference = models.CharField(_("insurer's reference"), max_length=60, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome"), max_length=NOTE_LENGTH, blank=True)

    scope = RowScope(parent="customer")

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-requested_on", "-pk"]
        permissions = [("process_servicerequest", _("Can submit and complete service requests"))]

    def __str__(self):
        return f"{self.reference} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("aftersales:servicerequest", args=[self.pk])

    @property
    def reference(self):
        return f"SR{self.pk:06d}" if self.pk else str(_("new service request"))

    @property
    def values_before(self):
        return _loads(self.before)

    @property
    def values_after(self):
        return _loads(self.after)

    def status_colour(self):
        return {
            "draft": "secondary",
            "submitted": "primary",
            "completed": "success",
            "rejected": "danger",
            "cancelled": "dark",
        }.get(self.status, "secondary")


def _loads(text):
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


class ServiceRequestDocument(BaseModel):
    """A paper of a service request (the signed change form, an ID copy, a loss statement)."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField(
        _("file"),
        upload_to=service_document_path,
        max_length=255,
        validators=[FileValidator(kinds=IMAGES_AND_PDF)],
    )
    original_name = models.CharField(_("file name"), max_length=200, blank=True, editable=False)
    description = models.CharField(_("description"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope = RowScope(parent="request")

    class Meta:
        verbose_name = _("service request document")
        verbose_name_plural = _("service request documents")
        ordering = ["request", "-created", "-pk"]

    def __str__(self):
        return self.description or self.original_name

    def get_absolute_url(self):
        return reverse("aftersales:servicerequest", args=[self.request_id])
