"""Confidentiality pages, one module per subject."""
