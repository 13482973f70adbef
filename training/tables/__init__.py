"""Training list tables, one module per subject (``training.tables.<subject>``)."""
