"""Insurers and their products."""

import os
import uuid

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import reference_name
from core.models import BaseModel
from core.text import name_in_language
from core.uploads import FileValidator
from core.validators import NOTE_LENGTH

from .common import MONEY, _reference_data


class Insurer(BaseModel):
    """An insurance company whose products the agency sells."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown in the English interface; the Chinese name is shown when empty."),
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    underwriting_contact = models.CharField(
        _("underwriting contact"), max_length=200, blank=True, help_text=_("Name and phone.")
    )
    claims_contact = models.CharField(
        _("claims contact"), max_length=200, blank=True, help_text=_("Name and phone.")
    )
    notes = models.TextField(_("notes"), max_length=NOTE_LENGTH, blank=True)
    active = models.BooleanField(_("active"), default=True)

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("insurer")
        verbose_name_plural = _("insurers")
        ordering = ["code"]

    def __str__(self):
        return self.localized_name

    def get_absolute_url(self):
        return reverse("sales:insurer", args=[self.pk])

    @property
    def localized_name(self):
        """The name in the reader's language (English, or Simplified characters)."""
        return name_in_language(self.name, self.name_en)

    def text_name(self):
        """The insurer as a parameter of a stored text, read in the reader's language."""
        return reference_name(self.name, self.name_en)


class Frequency(models.TextChoices):
    """How often a premium is paid."""

    SINGLE = "single", _("Single premium")
    ANNUAL = "annual", _("Annual")
    SEMI_ANNUAL = "semi_annual", _("Semi-annual")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")


def brochure_path(instance, filename):
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"sales/brochures/{uuid.uuid4().hex}{ext}"


class Product(BaseModel):
    """An insurer's product with the limits the compliance review checks."""

    class Category(models.TextChoices):
        LIFE = "life", _("Life")
        CRITICAL_ILLNESS = "critical_illness", _("Critical illness")
        MEDICAL = "medical", _("Medical")
        ACCIDENT = "accident", _("Accident")
        ANNUITY = "annuity", _("Annuity")
        EDUCATION = "education", _("Education")
        PROPERTY = "property", _("Property")
        OTHER = "other", _("Other")

    insurer = models.ForeignKey(
        Insurer, verbose_name=_("insurer"), on_delete=models.PROTECT, related_name="products"
    )
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        blank=True,
        help_text=_("Shown in the English interface; the Chinese name is shown when empty."),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    investment_type = models.BooleanField(
        _("investment-type product"),
        default=False,
        help_text=_(
            "Needs a minimum risk level of the customer. Annuities always count as investment-type."
        ),
    )
    term_options = models.CharField(
        _("term options"), max_length=200, blank=True, help_text=_("E.g. 10年, 20年, 至70歲, 終身.")
    )
    payment_modes = models.JSONField(_("payment modes"), default=list, blank=True)
    payment_periods = models.CharField(
        _("payment periods"), max_length=200, blank=True, help_text=_("E.g. 躉交, 5年, 10年, 20年.")
    )
    min_age = models.PositiveSmallIntegerField(_("minimum insured age"), default=0)
    max_age = models.PositiveSmallIntegerField(_("maximum insured age"), default=65)
    min_sum_insured = models.DecimalField(_("minimum sum insured"), default=0, **MONEY)
    max_sum_insured = models.DecimalField(_("maximum sum insured"), **MONEY)
    commission_rate = models.DecimalField(
        _("commission rate"),
        max_digits=5,
        decimal_places=4,
        default=0,
        help_text=_("Share of the first-year premium as a fraction, e.g. 0.25 for a quarter."),
    )
    active = models.BooleanField(_("active"), default=True)
    brochure = models.FileField(
        _("brochure"),
        upload_to=brochure_path,
        blank=True,
        max_length=255,
        validators=[FileValidator(kinds=("pdf", "jpeg", "png"))],
    )
    description = models.TextField(_("description"), max_length=NOTE_LENGTH, blank=True)

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["insurer__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["insurer", "code"],
                name="product_unique_code_per_insurer",
                violation_error_message=_("This insurer already has a product with this code."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__lte=models.F("max_age")),
                name="product_age_range",
                violation_error_message=_("The minimum age is above the maximum age."),
            ),
            models.CheckConstraint(
                condition=models.Q(min_sum_insured__lte=models.F("max_sum_insured")),
                name="product_sum_insured_range",
                violation_error_message=_("The minimum sum insured is above the maximum."),
            ),
            models.CheckConstraint(
                condition=models.Q(commission_rate__gte=0, commission_rate__lte=1),
                name="product_commission_rate_fraction",
                violation_error_message=_("The commission rate is a share between 0 and 1."),
            ),
        ]

    def __str__(self):
        return f"{self.insurer.localized_name} · {self.localized_name}"

    @property
    def localized_name(self):
        """The product's own name in the reader's language (English, or Simplified)."""
        return name_in_language(self.name, self.name_en)

    def text_name(self):
        """The product (with its insurer) as a parameter of a stored text, read in the
        reader's language."""
        insurer = self.insurer
        english = ""
        if insurer.name_en or self.name_en:
            english = f"{insurer.name_en or insurer.name} · {self.name_en or self.name}"
        return reference_name(f"{insurer.name} · {self.name}", english)

    def get_absolute_url(self):
        return reverse("sales:product", args=[self.pk])

    @property
    def is_investment_type(self):
        return self.investment_type or self.category == self.Category.ANNUITY

    def payment_mode_labels(self):
        labels = dict(Frequency.choices)
        return [str(labels.get(m, m)) for m in self.payment_modes or []]
