"""Company settings of training (``core.params``)."""
