from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Customer,
    CustomerAttachment,
    CustomerNeed,
    CustomerTag,
    ExistingCover,
    FamilyMember,
)


class FamilyInline(admin.TabularInline):
    model = FamilyMember
    extra = 0
    exclude = ("id_number",)


class NeedInline(admin.TabularInline):
    model = CustomerNeed
    extra = 0


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    # No ID numbers, mobiles or health notes here: the admin writes no access log.
    list_display = ("name", "stage", "grade", "owner", "team", "completeness", "archived")
    list_filter = ("stage", "grade", "archived", "team")
    search_fields = ("name",)
    exclude = ("id_number", "mobile", "health_note")
    readonly_fields = ("completeness", "missing_fields")
    raw_id_fields = ("referred_by", "owner", "clerk")
    inlines = [FamilyInline, NeedInline]


@admin.register(CustomerTag)
class CustomerTagAdmin(SimpleHistoryAdmin):
    list_display = ("name", "colour")


@admin.register(ExistingCover)
class ExistingCoverAdmin(SimpleHistoryAdmin):
    list_display = ("customer", "insurer", "cover_type", "sum_insured", "expiry_date")
    raw_id_fields = ("customer",)


@admin.register(CustomerAttachment)
class CustomerAttachmentAdmin(SimpleHistoryAdmin):
    list_display = ("customer", "kind", "classification", "created")
    raw_id_fields = ("customer",)
