"""The default document checklist per product category (editable afterwards)."""

from django.db import migrations

CATEGORIES = [
    "life",
    "critical_illness",
    "medical",
    "accident",
    "annuity",
    "education",
    "property",
    "other",
]
HEALTH = ("life", "critical_illness", "medical", "accident")
BENEFIT = ("life", "critical_illness", "accident", "annuity", "education")
ROWS = [
    *[(c, "application_form", "always") for c in CATEGORIES],
    *[(c, "id_copies", "always") for c in CATEGORIES],
    *[(c, "bank_authorisation", "bank") for c in CATEGORIES],
    *[(c, "health_declaration", "always") for c in HEALTH],
    *[(c, "beneficiary_designation", "beneficiaries") for c in BENEFIT],
    *[(c, "financial_questionnaire", "above_sum") for c in CATEGORIES],
]


def seed(apps, schema_editor):
    RequiredDocument = apps.get_model("underwriting", "RequiredDocument")
    for category, kind, condition in ROWS:
        RequiredDocument.objects.get_or_create(
            category=category, kind=kind, defaults={"condition": condition}
        )


class Migration(migrations.Migration):
    dependencies = [("underwriting", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
