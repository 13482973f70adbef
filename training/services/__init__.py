"""Training services, by subject; every public name is re-exported here."""

from .records import record_completion

__all__ = ["record_completion"]
