"""Celery tasks of the sales chapter. None yet: a scheduled sales job (a reminder of stalled
opportunities, a target roll-over) goes here, thin, loading rows by id and calling
``sales.services`` (see ``aftersales/tasks.py`` for the pattern)."""
