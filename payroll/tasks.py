"""Celery tasks of payroll. None yet: the monthly run, a tracked task calling
``payroll.services``, goes here."""
