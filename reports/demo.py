"""Demo reports: last month's report for the company and each team, generated at seed time
(as the monthly job would have on the 1st), so the archive and the files can be opened at
once. A second run regenerates them in place."""

from core import demo, periods

from . import services


@demo.register
def seed_reports(context):
    period = periods.period_containing("month", periods.today()).previous()
    out = context.get("stdout")
    for scope in services.scheduled_scopes():
        snapshot = services.snapshot_request(scope=scope, period=period)
        try:
            services.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)
        except Exception as exc:  # e.g. no PDF libraries on this machine: the rest still seeds
            # The snapshot is marked failed with its error, as a failed job would leave it.
            if out is not None:
                out.write(f"Reports: {scope.label()} not generated ({exc.__class__.__name__}).")
    if out is not None:
        out.write(f"Reports: {period.label} for the company and each team.")
