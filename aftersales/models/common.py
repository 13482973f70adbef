"""What the after-sales models share: money fields, the satisfaction scale and the channel
choices."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 14, "decimal_places": 2}
SATISFACTION = [MinValueValidator(1), MaxValueValidator(5)]


class Channel(models.TextChoices):
    """How we spoke with the customer (or they with us)."""

    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit")
    VIDEO = "video", _("Video call")
    MESSAGE = "message", _("Instant message")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
