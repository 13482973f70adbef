"""Training services, by subject; every public name is re-exported here."""

from .online import (
    attempt_close_if_due,
    attempt_save_answers,
    attempt_start,
    attempt_submit,
    close_due_attempts,
    course_progress,
    grade,
    online_test_save,
    progress_record,
    question_save,
    score_of,
    test_status,
    unit_delete,
    unit_move,
    unit_save,
)
from .records import record_completion

__all__ = ["record_completion"]
__all__ += [
    "attempt_close_if_due",
    "attempt_save_answers",
    "attempt_start",
    "attempt_submit",
    "close_due_attempts",
    "course_progress",
    "grade",
    "online_test_save",
    "progress_record",
    "question_save",
    "score_of",
    "test_status",
    "unit_delete",
    "unit_move",
    "unit_save",
]
