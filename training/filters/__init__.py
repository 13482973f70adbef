"""Training list filters, one module per subject (``training.filters.<subject>``)."""
