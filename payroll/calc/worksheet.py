"""A worksheet: the working of a calculation, line by line, as a payslip prints it."""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Line:
    """One step of the working: a key for code, a label for people, the amount, and an
    optional note (a formula or the rule applied)."""

    key: str
    label: str
    amount: Decimal
    note: str = ""
    unit: str = "money"  # or "percent" (a rate shown as 3 for 3%), "count"


@dataclass
class Worksheet:
    """The ordered lines of a calculation; ``result`` is the figure it arrives at."""

    lines: list = field(default_factory=list)

    def add(self, key, label, amount, note="", unit="money"):
        self.lines.append(Line(key, label, amount, str(note), unit))
        return amount

    def __getitem__(self, key):
        for line in self.lines:
            if line.key == key:
                return line.amount
        raise KeyError(key)

    def keys(self):
        return [line.key for line in self.lines]

    def as_rows(self):
        """``(label, amount, unit, note)`` rows in order, labels as text in the active
        language."""
        return [(str(line.label), line.amount, line.unit, line.note) for line in self.lines]
