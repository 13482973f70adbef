"""The plain model of the customer-create baseline: the customer's columns and indexes,
without history, encryption, digests, validation or the access layer."""

from django.db import models


class PlainCustomer(models.Model):
    """A customer row as a bare Django model would store it."""

    kind = models.CharField(max_length=10, default="individual")
    name = models.CharField(max_length=100)
    contact_person = models.CharField(max_length=100, blank=True)
    gender = models.CharField(max_length=6, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    id_type = models.CharField(max_length=10, blank=True)
    id_number = models.TextField(blank=True)
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    mobile = models.TextField(blank=True)
    mobile_hash = models.CharField(max_length=64, blank=True, db_index=True)
    email = models.EmailField(blank=True)
    province = models.CharField(max_length=30, blank=True)
    city = models.CharField(max_length=30, blank=True)
    district = models.CharField(max_length=30, blank=True)
    street = models.CharField(max_length=200, blank=True)
    occupation = models.CharField(max_length=60, blank=True)
    occupation_class = models.CharField(max_length=1, blank=True)
    employer = models.CharField(max_length=100, blank=True)
    income_band = models.CharField(max_length=10, blank=True)
    marital_status = models.CharField(max_length=10, blank=True)
    source_channel = models.CharField(max_length=15, blank=True)
    stage = models.CharField(max_length=10, default="prospect")
    grade = models.CharField(max_length=3, blank=True)
    owner = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    clerk = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey("org.Team", on_delete=models.PROTECT, related_name="+")
    archived = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    health_note = models.TextField(blank=True)
    completeness = models.PositiveSmallIntegerField(default=0)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "bench"
        indexes = [
            models.Index(fields=["team", "archived", "completeness"]),
            models.Index(fields=["owner", "archived"]),
            models.Index(fields=["name", "birth_date"]),
        ]

    def __str__(self):
        return self.name
