"""Training's demo data (``manage.py seed_demo``), one module per subject, imported here."""

from . import qualifications  # noqa: F401, E402
