"""Fill the working calendar from the official schedule (the chinesecalendar package)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from org import services


class Command(BaseCommand):
    help = (
        "Sync the working calendar's holidays and make-up working days from the official "
        "schedule (default: this year and next). Days corrected by HR are kept; running it "
        "again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("years", nargs="*", type=int, help="Years to sync.")

    def handle(self, *args, years=None, **options):
        this_year = timezone.localdate().year
        for year in years or [this_year, this_year + 1]:
            try:
                counts = services.calendar_sync_year(actor=None, year=year)
            except ValidationError as exc:
                if years:
                    raise CommandError(" ".join(exc.messages)) from exc
                self.stdout.write(" ".join(exc.messages))  # next year not published yet
                continue
            self.stdout.write(
                f"{year}: {counts['added']} added, {counts['updated']} updated, "
                f"{counts['removed']} removed, {counts['kept_hr']} HR days kept"
            )
