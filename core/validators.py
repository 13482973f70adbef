"""Bounds on what people type: the lengths of free text and the range of dates.

Every free-text model field declares one of the lengths below (Django's ``TextField``
passes its ``max_length`` to the form field, which refuses longer text with a message next
to the field); every date a person enters is checked by a :class:`DateBoundsValidator`:
birth dates on the model fields, event dates (a visit, a call) on theirs, and any other
date of any form by the default bounds that ``core.forms`` gives every date field.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# Free-text lengths, by what the text is.
DESCRIPTION_LENGTH = 500  # a short description: a team, a service request
NOTE_LENGTH = 2000  # notes, comments, a call's content, a decision's details
DOCUMENT_LENGTH = 5000  # a written plan, a meeting's minutes, a market note
# The same for form fields no model field stands behind (core.forms applies them).
FORM_TEXT_LENGTH = NOTE_LENGTH  # a text area
FORM_LINE_LENGTH = DESCRIPTION_LENGTH  # a one-line input

# No date a person enters is outside these years.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
# No one alive (a customer, a family member, an employee) was born before this day.
EARLIEST_BIRTH_DATE = EARLIEST_DATE


def _years_from(day, years):
    """``day`` moved by ``years`` (29 February becomes the 28th in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@deconstructible
class DateBoundsValidator:
    """A date (or a date-time's local date) within fixed bounds and, optionally, within a
    number of years before and after today.

    ``future_years=0`` means "not after today". Messages name the rule that was broken.
    """

    messages = {
        "too_early": _("Enter a date on or after %(limit)s."),
        "too_late": _("Enter a date on or before %(limit)s."),
        "too_far_back": _("Enter a date at most %(years)d years ago (on or after %(limit)s)."),
        "too_far_ahead": _("Enter a date at most %(years)d years ahead (on or before %(limit)s)."),
        "future": _("Enter a date no later than today."),
    }

    def __init__(
        self, earliest=EARLIEST_DATE, latest=LATEST_DATE, past_years=None, future_years=None
    ):
        self.earliest = earliest
        self.latest = latest
        self.past_years = past_years
        self.future_years = future_years

    def __call__(self, value):
        if value is None:
            return
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        today = timezone.localdate()
        low, low_code, years_back = self.earliest, "too_early", None
        if self.past_years is not None:
            recent = _years_from(today, -self.past_years)
            if recent > low:
                low, low_code, years_back = recent, "too_far_back", self.past_years
        high, high_code, years_ahead = self.latest, "too_late", None
        if self.future_years is not None:
            soon = _years_from(today, self.future_years)
            if soon < high:
                high, years_ahead = soon, self.future_years
                high_code = "future" if self.future_years == 0 else "too_far_ahead"
        if value < low:
            self._fail(low_code, low, years_back)
        if value > high:
            self._fail(high_code, high, years_ahead)

    def _fail(self, code, limit, years):
        raise ValidationError(
            self.messages[code],
            code=code,
            params={"limit": date_format(limit, "DATE_FORMAT"), "years": years},
        )

    def __eq__(self, other):
        return (
            isinstance(other, DateBoundsValidator)
            and type(self) is type(other)
            and (self.earliest, self.latest, self.past_years, self.future_years)
            == (other.earliest, other.latest, other.past_years, other.future_years)
        )

    def __hash__(self):
        return hash((type(self), self.earliest, self.latest, self.past_years, self.future_years))


@deconstructible
class BirthDateValidator(DateBoundsValidator):
    """A birth date: not before 1 January 1900 and not in the future."""

    messages = {
        **DateBoundsValidator.messages,
        "too_early": _("A birth date cannot be before %(limit)s."),
        "future": _("A birth date cannot be in the future."),
    }

    def __init__(self):
        super().__init__(earliest=EARLIEST_BIRTH_DATE, future_years=0)


@deconstructible
class EventDateValidator(DateBoundsValidator):
    """The date of something that happened or is planned with a customer (a visit, a call,
    an incident): within ten years back and two years ahead, so a mistyped year is caught."""

    messages = {
        **DateBoundsValidator.messages,
        "too_far_back": _("An event's date cannot be more than %(years)d years ago."),
        "too_far_ahead": _("An event's date cannot be more than %(years)d years ahead."),
    }

    def __init__(self):
        super().__init__(past_years=10, future_years=2)


validate_date = DateBoundsValidator()
validate_birth_date = BirthDateValidator()
validate_event_date = EventDateValidator()
