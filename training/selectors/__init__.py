"""Training reads, one module per subject (``training.selectors.<subject>``)."""
