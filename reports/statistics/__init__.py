"""The one statistics service: every figure the dashboards, report snapshots and the Excel/PDF
files show comes from here, so the page and the files always agree.

Apps other than reports read these figures through ``core.figures`` (the read API by scope
and period that ``reports.providers.StatisticsFigures`` implements with this package), so the
targets page in ``sales``, the appraisal and payroll count exactly what the dashboards and
the files count.

A package by subject, every public name re-exported here (``from reports import statistics``):
``scopes`` (whose figures, who may see them), ``measures`` (the figures and the grouped
SELECT behind each), ``engine`` (one UNION ALL statement, rounding), ``sales_targets``,
``stages`` (the open pipeline), ``summaries``, ``dimensions`` (breakdowns), ``trends``,
``details`` (the new-policy sheet).

Everything is aggregated by the database (``aggregate`` / ``values().annotate()``), one
grouped ``SELECT`` per *measure* (a model, the date that places a row in a period, and the
sums over it), never a loop of queries per person or per period; the SELECTs of one call go
to the database together, as one ``UNION ALL`` statement (``_rows_of``).

Periods are half-open ``[start, end)`` ranges of local dates in the company time zone
(``settings.TIME_ZONE``, Asia/Shanghai), like ``core.periods.Period``. Date fields are compared
as they are; date-time fields (visit times, lead creation, proposal submission and review) are
compared with the local midnights of the company time zone, so a visit at 23:30 local time on
the 31st belongs to that month even though it is the 31st 15:30 UTC.

Definitions (the same everywhere):

* **Attribution.** A record counts for a person or a team by its own owner / team where it has
  them — opportunities by ``owner`` / ``team``, visits by ``owner`` (visits have no team, a
  visit counts for the team of the visited customer), proposals by their opportunity's, a
  complaint by its ``team`` — else by the customer file's ``owner`` / ``team`` (policies,
  premiums, applications, renewals, claims, follow-ups, and complaints for the person).
  So figures follow the customer file: when a file is reassigned its history moves with it.
* **Premium income**: paid, not refunded ``PremiumRecord`` amounts by ``paid_on``, split by
  ``kind`` into first-year and renewal premium (as ``underwriting.selectors.premium_income``).
  **Profit contribution** is the sum of their stored ``commission``.
* **New policies**: policies with ``issued_on`` in the period, *excluding* policies cancelled
  in the cooling-off period (status ``cancelled``): a cancelled sale is no sale, and its
  premium is refunded too. A later cancellation therefore lowers a past period's figure; a
  stored report snapshot keeps what was known then. **Average premium per new policy** is the
  annualised premium of those policies divided by their number.
* **Customer visits**: visits with status done whose ``starts_at`` falls in the period.
* **New leads**: opportunities created in the period (by ``channel`` in ``breakdown``).
* **Conversion rate**: won / (won + lost) of the opportunities closed (``closed_on``) in the
  period.
* **Proposals submitted**: ``submitted_at`` in the period; **approved**: reviewed
  (``reviewed_at``) in the period with a passing review — status approved, accepted or
  rejected by the customer, or a revised version whose review passed all three checks.
* **Applications submitted**: ``submitted_on`` in the period. **Underwriting acceptance rate**:
  decisions in the period (``decided_on``; status accepted, accepted with conditions, issued,
  postponed or declined) that accepted (accepted, with conditions, issued) / all those
  decisions; **average underwriting days**: mean of ``decided_on - submitted_on`` over them.
* **Renewal rate**: renewals due (``due_date``) in the period with outcome paid or renewed /
  those with a decided outcome (paid, renewed, lapsed, not renewed). **Lapses**: outcome lapsed,
  due in the period.
* **Claims assisted**: claims reported (``reported_on``) in the period; **amounts paid**: sum of
  ``amount_paid`` of the claims paid (``paid_on``) in the period.
* **Follow-ups done**: follow-ups with status done completed (``completed_on``) in the period;
  **average satisfaction**: mean of their 1–5 score where given.
* **Complaints opened**: ``received_on`` in the period; **closed**: ``closed_on`` in it.
* **The work of the person who did it** (a clerk's output; for these figures a person's
  figures are what *they* did, a team's what was done on its customer files):
  **customer files completed**: versions of a customer file (its history) saved in the period
  at 100 % completeness whose previous version was below 100 % (or that opened the file
  complete), by the user who saved them; **proposals reviewed**: proposals reviewed
  (``reviewed_at``, approved or returned) in the period, by ``reviewed_by`` (the team's
  clerk); **documents checked**: application and claim documents checked (``checked_at``) in
  the period, by ``checked_by``; **reviews done**: the two together; **follow-ups due**:
  follow-ups due (``due_date``) in the period and not cancelled, by ``assigned_to``; **done on
  time**: those of them done (status done) with ``completed_on`` on or before the due date;
  **share done on time**: on time / due (``None`` when none was due).

Values: money is a ``Decimal`` rounded half-up to the cent; counts are ``int``; rates
(unit ``percent``) are *fractions* as ``Decimal`` with four decimals (``0.2500`` = 25.0 %, what
the ``pct`` template filter and Excel's ``0.0%`` format expect); days with one decimal, scores
with two. A rate whose denominator is zero is ``None`` (undefined), as are after-sales figures
while the after-sales app has no such model.
"""

from .details import (
    NEW_POLICY_COLUMNS,
    NEW_POLICY_UNITS,
    new_policy_rows,
)
from .dimensions import (
    BREAKDOWNS,
    breakdown,
    breakdowns,
)
from .engine import (
    company_tz,
    compute,
    compute_many,
    period_of,
    scope_q,
)
from .measures import (
    CENT,
    FIGURES,
    FIGURES_BY_KEY,
    MEASURES,
    RATE,
    TARGET_LABELS,
    TENTH,
    DaysBetween,
    Figure,
    Measure,
    figure_label,
)
from .sales_targets import (
    monthly_targets,
    targets,
    targets_by,
    targets_many,
)
from .scopes import (
    SELLING_POSITIONS,
    Scope,
    can_see,
    remembering,
    scope_label,
    scope_text,
    scopes_visible_to,
)
from .stages import (
    OPEN_STAGES,
    pipeline,
)
from .summaries import (
    FigureRow,
    summary,
)
from .trends import (
    TREND_KEYS,
    trend,
)

__all__ = [
    "BREAKDOWNS",
    "CENT",
    "DaysBetween",
    "FIGURES",
    "FIGURES_BY_KEY",
    "Figure",
    "FigureRow",
    "MEASURES",
    "Measure",
    "NEW_POLICY_COLUMNS",
    "NEW_POLICY_UNITS",
    "OPEN_STAGES",
    "RATE",
    "SELLING_POSITIONS",
    "Scope",
    "TARGET_LABELS",
    "TENTH",
    "TREND_KEYS",
    "breakdown",
    "breakdowns",
    "can_see",
    "company_tz",
    "compute",
    "compute_many",
    "figure_label",
    "monthly_targets",
    "new_policy_rows",
    "period_of",
    "pipeline",
    "remembering",
    "scope_q",
    "scope_label",
    "scope_text",
    "scopes_visible_to",
    "summary",
    "targets",
    "targets_by",
    "targets_many",
    "trend",
]
