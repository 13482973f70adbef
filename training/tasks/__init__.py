"""Training's Celery tasks, one module per subject, imported here so Celery finds them."""

from . import qualifications  # noqa: F401, E402
