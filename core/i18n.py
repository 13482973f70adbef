"""Sentences stored as a code and parameters, rendered in the reader's language when read.

An audit event's description and a notification's title and body are written once (by the
actor, in the actor's language) and read later by others, in theirs. So a service does not
store the translated sentence: it passes a ``Text`` — the untranslated message id and its
parameters — and the row keeps it as JSON beside a plain rendering (in the company's
language, for search and for readers of the raw table). Pages, e-mails and exports call the
row's ``get_..._display()``, which renders the text in the active language::

    from django.utils.translation import gettext_noop
    from core.i18n import Text, choice

    audit_event(
        actor=actor,
        verb="stage_changed",
        target=opportunity,
        message=Text(
            gettext_noop("%(name)s: stage %(from)s → %(to)s"),
            {"name": opportunity.name, "from": choice(opportunity, "stage", old), "to": ...},
        ),
    )

``gettext_noop`` marks the message id for ``makemessages`` without translating it. A
parameter is kept as it is given, except:

- a ``Text`` (a nested sentence, e.g. "the legal heirs") is rendered in the reader's language;
- ``choice(model_or_row, field, value)`` is a choice's label, looked up when read;
- ``model_name(model)`` is a model's verbose name;
- a record is kept by its name (``name_of``: a model may define ``text_name()`` returning a
  ``Text`` when its ``__str__`` holds translated words); names are data, not language,
  except reference names kept in two languages (``reference_name``: a team, a grade, an
  insurer, a product, a tag), read in the reader's;
- ``job_name(name)`` and ``bulk_action(list_name, code)`` name a background job and a bulk
  action; ``period(p)`` is a period's label;
- a date is kept as YYYY-MM-DD, a date-time as YYYY-MM-DD HH:MM in the company time zone;
  a ``Decimal`` as its digits.

Never pass an ID number, a mobile or an account number as a parameter: the stored text is
shown to every reader of the event. Rendering costs no query.

Rows written before these texts existed keep only their plain sentence; they are shown as
stored (a data migration cannot recover the parameters from a translated sentence).
"""

import datetime
import logging
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.functional import Promise

logger = logging.getLogger(__name__)


class Text:
    """A message id with parameters, translated only when rendered (``str()`` renders it in
    the active language)."""

    __slots__ = ("msgid", "params", "context", "plural", "count")

    def __init__(self, msgid, params=None, *, context="", plural="", count=None, **kwargs):
        if isinstance(msgid, Promise):
            raise TypeError("Text takes a gettext_noop() message id, not a lazy translation")
        self.msgid = str(msgid)
        self.context = context
        self.plural = plural
        self.count = count
        merged = dict(params or {})
        merged.update(kwargs)
        self.params = {key: _serialise(value) for key, value in merged.items()}

    def __str__(self):
        return render(self.as_json())

    def __repr__(self):
        return f"Text({self.msgid!r}, {self.params!r})"

    def __eq__(self, other):
        return isinstance(other, Text) and self.as_json() == other.as_json()

    def __hash__(self):
        return hash(self.msgid)

    def as_json(self):
        """The stored form: ``{"t": msgid, "p": {...}}`` (+ "c" context, "pl"/"n" plural)."""
        data = {"t": self.msgid}
        if self.params:
            data["p"] = self.params
        if self.context:
            data["c"] = self.context
        if self.plural:
            data["pl"] = self.plural
            data["n"] = self.count
        return data

    def in_language(self, language):
        """The text rendered in ``language`` (e.g. the company's, for the stored copy)."""
        with translation.override(language):
            return str(self)


def choice(model_or_row, field, value):
    """A choice field's label for ``value``, looked up in the reader's language when read."""
    meta = model_or_row._meta
    return _Ref({"choice": f"{meta.label_lower}.{field}", "v": value})


def model_name(model):
    """A model's verbose name, in the reader's language when read (capitalised)."""
    return _Ref({"model": model._meta.label_lower})


def job_name(name):
    """A background job's name (its TaskRun name), in words in the reader's language."""
    return _Ref({"job": name})


def bulk_action(list_name, code):
    """A bulk action's name (core.bulk), in the reader's language when read."""
    return _Ref({"bulk": [list_name, code]})


def period(value):
    """A period (core.periods.Period) by its label, written when read."""
    return _Ref({"period": [value.kind, value.start.isoformat(), value.end.isoformat()]})


def reference_name(name, name_en=""):
    """A name of reference data kept in Chinese and English (a team, an insurer, a tag):
    read in English in the English interface, in Simplified characters in Simplified
    Chinese (core.text.name_in_language)."""
    return _Ref({"ref": name, "en": name_en or ""})


def name_of(obj):
    """A record as a parameter: its ``text_name()`` (a Text) if it has one, else its name."""
    text_name = getattr(obj, "text_name", None)
    return text_name() if callable(text_name) else str(obj)


class _Ref:
    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data

    def __str__(self):
        return _render_value(self.data)


def _serialise(value):
    if isinstance(value, Text):
        return value.as_json()
    if isinstance(value, _Ref):
        return value.data
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return _serialise(name_of(value))
    # A lazy translation or anything else is kept as it reads now.
    return str(value)


def _render_value(value):
    if isinstance(value, dict):
        if "t" in value:
            return render(value)
        if "choice" in value:
            return _choice_label(value["choice"], value.get("v"))
        if "job" in value:
            from .jobs import name_in_words

            return name_in_words(value["job"])
        if "ref" in value:
            from .text import name_in_language

            return name_in_language(value["ref"], value.get("en", ""))
        if "period" in value:
            from .periods import Period

            try:
                kind, start, end = value["period"]
                return Period(
                    kind, datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
                ).label
            except (TypeError, ValueError):
                return str(value["period"])
        if "bulk" in value:
            from .bulk import action_label

            return action_label(*value["bulk"])
        if "model" in value:
            try:
                name = str(apps.get_model(value["model"])._meta.verbose_name)
            except (LookupError, ValueError):
                return value["model"]
            return name[:1].upper() + name[1:]
    return value


def _choice_label(path, raw):
    try:
        app_label, model, field = path.split(".")
        model_class = apps.get_model(app_label, model)
        labels = dict(model_class._meta.get_field(field).flatchoices)
    except (LookupError, ValueError):
        return "" if raw is None else str(raw)
    label = labels.get(raw)
    return str(label) if label is not None else ("" if raw is None else str(raw))


def render(data):
    """A stored text (``Text.as_json()``) in the active language."""
    if not data:
        return ""
    msgid = data.get("t", "")
    context = data.get("c", "")
    if data.get("pl"):
        count = data.get("n") or 0
        if context:
            pattern = translation.npgettext(context, msgid, data["pl"], count)
        else:
            pattern = translation.ngettext(msgid, data["pl"], count)
    else:
        pattern = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    params = {key: _render_value(value) for key, value in (data.get("p") or {}).items()}
    if not params:
        return pattern
    try:
        return pattern % params
    except (KeyError, ValueError, TypeError):
        # A translation whose placeholders do not match: the source sentence still reads.
        logger.warning("Translation of %r does not take its parameters", msgid)
        try:
            return msgid % params
        except (KeyError, ValueError, TypeError):
            return msgid


def stored(value, max_length=None):
    """What a model keeps for ``value`` (a Text or a plain string): the plain sentence in the
    company's language and the text as JSON (None for a plain string)."""
    if isinstance(value, Text):
        plain, data = value.in_language(settings.LANGUAGE_CODE), value.as_json()
    else:
        plain, data = str(value or ""), None
    if max_length is not None:
        plain = plain[:max_length]
    return plain, data


def plain(data, max_length=None):
    """The plain copy of a stored text (in the company's language), as ``stored`` keeps it."""
    with translation.override(settings.LANGUAGE_CODE):
        text = render(data)
    return text[:max_length] if max_length is not None else text


def shown(plain, data):
    """A stored sentence for the reader: rendered from its text, else as stored."""
    return render(data) if data else plain


# --- the names of audit-event verbs --------------------------------------------------------

_verbs = {}


def define_verbs(labels):
    """Name the audit-event verbs an app records: ``{"stage_changed": _("Stage changed")}``
    (lazy labels). Each app calls it once at start-up (its ``events.py``)."""
    _verbs.update(labels)


def verb_label(verb):
    """An audit event's verb in words, in the active language; an unnamed verb reads as
    itself without underscores ("attachment_added" → "Attachment added")."""
    label = _verbs.get(verb)
    if label is not None:
        return str(label)
    text = (verb or "").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def verb_choices():
    """(verb, name) of every named verb, sorted by name in the active language."""
    return sorted(((verb, str(label)) for verb, label in _verbs.items()), key=lambda p: p[1])
