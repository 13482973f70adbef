"""Training's demo data (``manage.py seed_demo``), one module per subject, imported here."""

from . import (
    online,  # noqa: F401
    qualifications,  # noqa: F401, E402
    sessions,  # noqa: F401
)
