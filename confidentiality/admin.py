from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AgreementVersion


@admin.register(AgreementVersion)
class AgreementVersionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "effective_from", "active")
    list_filter = ("active",)
