"""Training pages, one module per subject (``training.views.<subject>``)."""
