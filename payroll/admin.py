"""Payroll is kept through its own pages (with history); nothing is registered in the
Django admin."""
