"""Training's Celery tasks, one module per subject, imported here so Celery finds them."""

from . import (
    online,  # noqa: F401
    qualifications,  # noqa: F401, E402
    sessions,  # noqa: F401
)
