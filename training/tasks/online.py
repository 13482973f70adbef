"""Online learning's scheduled job: close the tests whose time ran out."""

from core.jobs import job, tracked_run

from ..services import online as services


@job(name="training.tasks.close_due_online_tests")
def close_due_online_tests(self):
    """Every few minutes: grade and close the attempts whose time limit (and grace) has
    passed without a hand-in, with the answers saved in time (a second run closes none)."""
    with tracked_run(self, name="close_due_online_tests") as run:
        run.result = {"closed": services.close_due_attempts()}
