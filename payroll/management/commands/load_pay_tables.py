"""Load the PRC pay tables (tax brackets, deductions, a sample city policy)."""

from django.core.management.base import BaseCommand

from payroll import services


class Command(BaseCommand):
    help = (
        "Add the PRC income tax tables, the basic and special additional deductions and the "
        "sample Shanghai contribution policies where they are missing (rows HR keeps are left "
        "as they are)."
    )

    def handle(self, *args, **options):
        added = services.pay_tables_load(actor=None)
        self.stdout.write(f"{added} tables added")
