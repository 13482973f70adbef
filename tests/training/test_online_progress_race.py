"""Two first progress reports of a unit at the same time (at the end of a short video the
player sends "paused" and "ended" together): both are recorded, the unit is done, and there
is one progress row. PostgreSQL only: SQLite serialises writers, so there is no race."""

import threading

import pytest
from django.db import connection, transaction

from tests.training import factories_online as f
from training import services
from training.models import UnitProgress

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_first_report_racing_another_is_recorded_on_its_row(hr, salesperson):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL runs two writers at once")
    course = f.make_course()
    unit = f.make_unit(course, f.make_resource("video", actor=hr), actor=hr)
    inserted = threading.Event()
    errors = []

    def first():
        # "paused": inserts the row and holds its transaction open while the other arrives
        try:
            with transaction.atomic():
                services.progress_record(actor=salesperson, unit=unit, seconds=5, position=5)
                inserted.set()
                threading.Event().wait(0.5)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
            inserted.set()
        finally:
            connection.close()

    def second():
        # "ended": its insert waits for the first, fails on the unique row, and is retried
        inserted.wait(5)
        try:
            services.progress_record(actor=salesperson, unit=unit, seconds=3, ended=True)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert errors == []
    progress = UnitProgress.objects.get(employee=salesperson.employee, unit=unit)
    assert progress.done
    # both reports counted (the second capped by the time that really passed between them)
    assert progress.seconds_spent > 5
