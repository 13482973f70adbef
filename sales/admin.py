from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Campaign, Insurer, Product


@admin.register(Insurer)
class InsurerAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "contact_name", "active")
    search_fields = ("code", "name")


@admin.register(Product)
class ProductAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "insurer", "category", "min_age", "max_age", "active")
    list_filter = ("insurer", "category", "active")
    search_fields = ("code", "name")


@admin.register(Campaign)
class CampaignAdmin(SimpleHistoryAdmin):
    list_display = ("name", "channel", "start_date", "end_date", "budget", "team")
    list_filter = ("channel", "team")
