"""Training's demo data (``manage.py seed_demo``), one module per subject, imported here."""

from . import (
    online,  # noqa: F401
    sessions,  # noqa: F401
)
