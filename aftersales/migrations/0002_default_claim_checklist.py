"""The default claim document checklist per claim type (editable afterwards)."""

from django.db import migrations

BASIC = ("claim_form", "id_copy", "bank_account")
ROWS = {
    "medical": (*BASIC, "medical_records", "invoices"),
    "critical_illness": (*BASIC, "medical_records", "diagnosis"),
    "accident": (*BASIC, "accident_proof", "medical_records", "invoices"),
    "disability": (*BASIC, "accident_proof", "disability_assessment"),
    "death": (*BASIC, "death_certificate", "relationship_proof"),
    "property": (*BASIC, "loss_proof"),
}


def seed(apps, schema_editor):
    ClaimRequiredDocument = apps.get_model("aftersales", "ClaimRequiredDocument")
    for claim_type, kinds in ROWS.items():
        for kind in kinds:
            ClaimRequiredDocument.objects.get_or_create(claim_type=claim_type, kind=kind)


class Migration(migrations.Migration):
    dependencies = [("aftersales", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
