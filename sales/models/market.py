"""Market research: notes and competitor comparisons."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import BaseModel
from core.validators import DOCUMENT_LENGTH, NOTE_LENGTH

from .catalog import Product
from .common import MONEY, _reference_data


class MarketNote(BaseModel):
    """A piece of market intelligence: a competitor's product, pricing, a trend."""

    title = models.CharField(_("title"), max_length=200)
    competitor = models.CharField(_("competitor"), max_length=100, blank=True)
    product_name = models.CharField(_("product"), max_length=100, blank=True)
    pricing = models.CharField(_("pricing"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    noted_on = models.DateField(_("date"), default=dt.date.today)
    tags = models.CharField(_("tags"), max_length=200, blank=True, help_text=_("Comma-separated."))
    content = models.TextField(_("content"), max_length=DOCUMENT_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("market note")
        verbose_name_plural = _("market notes")
        ordering = ["-noted_on", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:marketnote", args=[self.pk])

    def tag_list(self):
        return [t.strip() for t in self.tags.replace("，", ",").split(",") if t.strip()]


class CompetitorComparison(BaseModel):
    """Our product against a competitor's: premium for the same cover, and the differences."""

    title = models.CharField(_("title"), max_length=200)
    our_product = models.ForeignKey(
        Product, verbose_name=_("our product"), on_delete=models.PROTECT, related_name="+"
    )
    competitor = models.CharField(_("competitor"), max_length=100)
    competitor_product = models.CharField(_("competitor product"), max_length=100)
    sum_insured = models.DecimalField(_("sum insured compared"), default=0, **MONEY)
    our_premium = models.DecimalField(_("our annual premium"), default=0, **MONEY)
    competitor_premium = models.DecimalField(_("competitor annual premium"), default=0, **MONEY)
    strengths = models.TextField(_("our strengths"), max_length=NOTE_LENGTH, blank=True)
    weaknesses = models.TextField(_("our weaknesses"), max_length=NOTE_LENGTH, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    row_scope_q = classmethod(_reference_data)

    class Meta:
        verbose_name = _("competitor comparison")
        verbose_name_plural = _("competitor comparisons")
        ordering = ["-updated", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("sales:competitorcomparison", args=[self.pk])

    @property
    def premium_difference(self):
        return (self.our_premium or Decimal(0)) - (self.competitor_premium or Decimal(0))
