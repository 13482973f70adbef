"""Payroll pages, one module per subject."""
