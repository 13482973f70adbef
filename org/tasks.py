"""Celery tasks of the organisation. None yet: a scheduled job on people (an anniversary,
a contract end) goes here, thin, loading rows by id and calling ``org.services``."""
