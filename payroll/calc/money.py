"""Money arithmetic shared by the payroll calculations: Decimal only, rounding half-up.

Amounts that are paid or withheld are rounded half-up (四捨五入) to the cent unless a rule
says otherwise (e.g. a city that rounds the housing fund to the yuan). Rates and unit wages
(a daily or hourly wage) are kept exact and rounded only where an amount is paid.
"""

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Rounding:
    """How a contribution is rounded, as a city's policy configures it."""

    CENT = "cent"  # half-up to 0.01
    JIAO = "jiao"  # half-up to 0.1
    YUAN = "yuan"  # half-up to 1
    CENT_UP = "cent_up"  # always up to 0.01 (見分進角 variants use JIAO_UP)
    JIAO_UP = "jiao_up"  # always up to 0.1
    YUAN_UP = "yuan_up"  # always up to 1

    ALL = (CENT, JIAO, YUAN, CENT_UP, JIAO_UP, YUAN_UP)


_QUANTUM = {
    Rounding.CENT: (Decimal("0.01"), ROUND_HALF_UP),
    Rounding.JIAO: (Decimal("0.1"), ROUND_HALF_UP),
    Rounding.YUAN: (Decimal("1"), ROUND_HALF_UP),
    Rounding.CENT_UP: (Decimal("0.01"), ROUND_CEILING),
    Rounding.JIAO_UP: (Decimal("0.1"), ROUND_CEILING),
    Rounding.YUAN_UP: (Decimal("1"), ROUND_CEILING),
}


def to_decimal(value):
    """A Decimal from a Decimal, int or string (never a float: binary fractions are not
    money)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        raise TypeError("money and rates must be Decimal, int or str, not float")
    return Decimal(value)


def cents(value):
    """``value`` rounded half-up to the cent."""
    return to_decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_money(value, rule=Rounding.CENT):
    """``value`` rounded by ``rule`` (one of ``Rounding``), always shown with two decimals."""
    try:
        quantum, mode = _QUANTUM[rule]
    except KeyError as exc:
        raise ValueError(f"unknown rounding rule {rule!r}") from exc
    return to_decimal(value).quantize(quantum, rounding=mode).quantize(CENT)
