"""What training adds to core's registries: menu, My work, timeline, pickers, demo."""


def register():
    """Called from ``TrainingConfig.ready``; each subject adds its registrations here."""
    from . import providers_quals

    providers_quals.register()
