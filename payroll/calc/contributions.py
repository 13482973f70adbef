"""Social insurance and the housing fund (五險一金).

The rule (《社会保险法》 Art. 12, 23, 44, 53, 58–60; 《住房公积金管理条例》 Art. 16–18;
each city's yearly notice of the contribution bases): an employee's contribution base is
their declared base (normally last year's average monthly wage), raised to the city's floor
and lowered to its cap — one floor and cap for social insurance, another for the housing
fund. Each scheme's employer and employee amounts are the clamped base × the scheme's rate,
rounded as the city's policy says (to the cent, to the yuan…).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .money import ZERO, Rounding, round_money, to_decimal


class Scheme:
    """The schemes of a policy (keys; labels live with the models)."""

    PENSION = "pension"  # 養老保險
    MEDICAL = "medical"  # 醫療保險 (incl. maternity where merged)
    UNEMPLOYMENT = "unemployment"  # 失業保險
    WORK_INJURY = "work_injury"  # 工傷保險
    MATERNITY = "maternity"  # 生育保險
    HOUSING_FUND = "housing_fund"  # 住房公積金
    # the order a payslip lists them in
    ALL = (PENSION, MEDICAL, UNEMPLOYMENT, WORK_INJURY, MATERNITY, HOUSING_FUND)


@dataclass(frozen=True)
class SchemeRate:
    """One scheme of a policy: rates as fractions (0.16 for 16%)."""

    scheme: str
    employer_rate: Decimal
    employee_rate: Decimal

    @property
    def is_housing_fund(self):
        return self.scheme == Scheme.HOUSING_FUND


@dataclass(frozen=True)
class ContributionPolicy:
    """A city's policy in force: the schemes' rates, the bases' floors and caps, and the
    rounding of social insurance and of the housing fund."""

    schemes: tuple
    social_floor: Decimal
    social_cap: Decimal
    housing_floor: Decimal
    housing_cap: Decimal
    social_rounding: str = Rounding.CENT
    housing_rounding: str = Rounding.CENT


@dataclass(frozen=True)
class SchemeAmount:
    """One scheme's amounts for one month."""

    scheme: str
    base: Decimal
    employer_rate: Decimal
    employee_rate: Decimal
    employer: Decimal
    employee: Decimal


@dataclass
class Contributions:
    """The result: both clamped bases, each scheme's amounts, and the totals."""

    declared_base: Decimal
    social_base: Decimal
    housing_base: Decimal
    schemes: list = field(default_factory=list)

    def _sum(self, attr, housing=None):
        return sum(
            (
                getattr(s, attr)
                for s in self.schemes
                if housing is None or (s.scheme == Scheme.HOUSING_FUND) == housing
            ),
            ZERO,
        )

    @property
    def employee_social(self):
        """The employee's social insurance (the four or five schemes)."""
        return self._sum("employee", housing=False)

    @property
    def employee_housing(self):
        return self._sum("employee", housing=True)

    @property
    def employer_social(self):
        return self._sum("employer", housing=False)

    @property
    def employer_housing(self):
        return self._sum("employer", housing=True)

    @property
    def employee_total(self):
        """Withheld from the employee's pay: a special deduction (專項扣除) for income tax."""
        return self._sum("employee")

    @property
    def employer_total(self):
        return self._sum("employer")

    def scheme(self, key):
        for s in self.schemes:
            if s.scheme == key:
                return s
        raise KeyError(key)


def clamp_base(declared, floor, cap):
    """The declared base raised to ``floor`` and lowered to ``cap`` (both inclusive)."""
    declared, floor, cap = to_decimal(declared), to_decimal(floor), to_decimal(cap)
    if cap < floor:
        raise ValueError("the cap of a contribution base is below its floor")
    return min(max(declared, floor), cap)


def contributions(policy, declared_base, housing_declared_base=None):
    """Each scheme's employer and employee amounts for one month.

    ``declared_base`` is the employee's yearly contribution base (申報基數);
    ``housing_declared_base`` a different one for the housing fund where the city or the
    company allows it (default: the same). Social insurance is clamped to
    ``policy.social_floor``..``social_cap`` and the housing fund to
    ``housing_floor``..``housing_cap`` (社保/公積金繳費基數上下限, set by the city each year);
    each amount is base × rate rounded by the policy's rule for its kind.
    """
    declared = to_decimal(declared_base)
    if declared < 0:
        raise ValueError("a contribution base cannot be negative")
    housing_declared = declared if housing_declared_base is None else housing_declared_base
    social_base = clamp_base(declared, policy.social_floor, policy.social_cap)
    housing_base = clamp_base(housing_declared, policy.housing_floor, policy.housing_cap)
    result = Contributions(declared, social_base, housing_base)
    by_key = {s.scheme: s for s in policy.schemes}
    for key in [*Scheme.ALL, *sorted(set(by_key) - set(Scheme.ALL))]:
        rate = by_key.get(key)
        if rate is None:
            continue
        base, rule = (
            (housing_base, policy.housing_rounding)
            if rate.is_housing_fund
            else (social_base, policy.social_rounding)
        )
        employer_rate, employee_rate = (
            to_decimal(rate.employer_rate),
            to_decimal(rate.employee_rate),
        )
        result.schemes.append(
            SchemeAmount(
                scheme=key,
                base=base,
                employer_rate=employer_rate,
                employee_rate=employee_rate,
                employer=round_money(base * employer_rate, rule),
                employee=round_money(base * employee_rate, rule),
            )
        )
    return result
