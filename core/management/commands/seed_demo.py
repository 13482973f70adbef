"""Fill the database with a small demo company (idempotent)."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core import demo


class Command(BaseCommand):
    help = "Create a demo company: two teams, every role, and each app's demo records."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off (never in production)."
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (repeatable).")

    def handle(self, *args, force=False, seed=2026, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with known passwords; it refuses to run with DEBUG "
                "off. Use --force only on a throw-away database."
            )
        rng = random.Random(seed)
        context = {"rng": rng, "stdout": self.stdout}
        with transaction.atomic():
            for seeder in demo.seeders():
                seeder(context)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
        self.stdout.write(f"Demo password for every account: {demo.DEMO_PASSWORD}")
        for username, label in context.get("accounts", []):
            self.stdout.write(f"  {username:<10} {label}")
