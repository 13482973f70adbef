"""The training rows of the permission matrix, gathered from one module per subject.

Each ``access_<subject>.py`` beside this file has its own ``scenario(personas)`` and
``CASES`` (see tests/access.py); scenario names must be unique across the subjects.
``training_courses`` names every course of the combined scenario (the catalogue list shows
them all).
"""

import importlib
from pathlib import Path

_PARTS = [
    importlib.import_module(f"{__package__}.{path.stem}")
    for path in sorted(Path(__file__).parent.glob("access_*.py"))
]


def scenario(personas):
    objects = {}
    for part in _PARTS:
        made = part.scenario(personas)
        clash = objects.keys() & made.keys()
        assert not clash, f"scenario names used twice: {sorted(clash)}"
        objects.update(made)
    # The catalogue is reference data: its list shows every subject's courses.
    from training.models import Course

    objects["training_courses"] = list(Course.objects.all())
    return objects


CASES = [case for part in _PARTS for case in part.CASES]
