"""Payroll services, one module per subject."""

from .rates import (
    pay_tables_load,
)

__all__ = [
    "pay_tables_load",
]
