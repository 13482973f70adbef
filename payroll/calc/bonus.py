"""Tiered bonuses and the split of a pool: plain functions on Decimals.

A tiered bonus is progressive, like tax brackets: the part of the figure above each tier's
lower bound and up to the next tier's earns that tier's rate. A pool is split to the cent
by shares, the cents left by rounding going to the largest remainders, so the parts always
add up to the pool.
"""

from decimal import ROUND_DOWN, Decimal

from .money import CENT, ZERO, cents, to_decimal


def tiered_bonus(amount, tiers):
    """The bonus on ``amount`` for ``tiers``, [(lower, rate as a fraction)], rounded half-up
    to the cent. Amounts at or below the first tier's lower bound earn nothing."""
    amount = to_decimal(amount)
    ordered = sorted((to_decimal(lower), to_decimal(rate)) for lower, rate in tiers)
    total = ZERO
    for index, (lower, rate) in enumerate(ordered):
        upper = ordered[index + 1][0] if index + 1 < len(ordered) else None
        if amount <= lower:
            break
        top = amount if upper is None else min(amount, upper)
        total += (top - lower) * rate
    return cents(total)


def split_pool(pool, shares):
    """``pool`` split by ``shares`` ({key: weight}) to the cent: {key: amount}, adding up
    to ``pool`` exactly. All weights zero: split equally."""
    pool = cents(pool)
    keys = list(shares)
    if not keys:
        return {}
    weights = {k: to_decimal(shares[k]) for k in keys}
    total = sum(weights.values(), ZERO)
    if total <= 0:
        weights = dict.fromkeys(keys, Decimal(1))
        total = Decimal(len(keys))
    exact = {k: pool * weights[k] / total for k in keys}
    parts = {k: exact[k].quantize(CENT, rounding=ROUND_DOWN) for k in keys}
    left = int((pool - sum(parts.values(), ZERO)) / CENT)
    for k in sorted(keys, key=lambda k: (-(exact[k] - parts[k]), str(k)))[:left]:
        parts[k] += CENT
    return parts
