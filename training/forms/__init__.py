"""Training forms, one module per subject (``training.forms.<subject>``)."""
