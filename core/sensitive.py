"""Sensitive values typed as search terms: found, masked and digested before any log keeps them.

A person may type a full ID number, mobile or bank account into a list's search or filter.
The logs (export log, access log) must still answer "who searched this number", but never
hold the number: each such term is stored as its masked form (``110***********002X``) in
the text and as a keyed digest (``core.crypto.keyed_hash``) beside it, which a search of the
log for the full number finds again.

A term is sensitive when it is a run of at least :data:`MIN_DIGITS` digits (spaces and
hyphens allowed between them, an ID number's final X too) that is not a date.
"""

import re

from core.crypto import keyed_hash, mask

# An ID number (15 or 18), a mobile (11), a bank account (12-19): 9 digits catch them all
# while leaving dates ("20261101") and short codes alone.
MIN_DIGITS = 9
_CANDIDATE = re.compile(r"(?<![0-9A-Za-z])\+?[0-9][0-9 \-]{7,}[0-9Xx](?![0-9A-Za-z])")
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")


def _normalise(term):
    return re.sub(r"[\s\-+]", "", term).upper()


def sensitive_terms(text):
    """The sensitive values in ``text``, each as typed (a list, in order)."""
    if not isinstance(text, str) or not text:
        return []
    found = []
    for match in _CANDIDATE.finditer(text):
        term = match.group(0).strip()
        if _DATE.match(term):
            continue
        if sum(ch.isdigit() for ch in term) >= MIN_DIGITS:
            found.append(term)
    return found


def digest(term):
    """The keyed digest a log keeps of a sensitive ``term`` (spacing and hyphens ignored)."""
    return keyed_hash(_normalise(term))


def redact(text):
    """``(text with each sensitive value masked, [digests])``."""
    terms = sensitive_terms(text)
    if not terms:
        return text, []
    digests = []
    for term in terms:
        text = text.replace(term, mask(_normalise(term)), 1)
        digests.append(digest(term))
    return text, digests


def redact_values(values):
    """A mapping of filter values (strings, or lists of strings) with every sensitive value
    masked, and the digests of those values: ``(mapping, [digests])``."""
    clean, digests = {}, []
    for key, value in (values or {}).items():
        if isinstance(value, (list, tuple)):
            shown = []
            for item in value:
                item, found = redact(item)
                shown.append(item)
                digests += found
            clean[key] = shown
        else:
            clean[key], found = redact(value)
            digests += found
    return clean, digests


# A log row keeps at most this many digests (its column holds 2,000 characters).
MAX_DIGESTS = 30


def digests_text(digests):
    """How a log row stores its digests: space-separated, searchable with ``contains``."""
    return " ".join(list(dict.fromkeys(digests))[:MAX_DIGESTS])


def search_digest(text):
    """The digest to look a log up by when ``text`` is one full sensitive value, else None."""
    terms = sensitive_terms((text or "").strip())
    if len(terms) == 1 and terms[0] == (text or "").strip():
        return digest(terms[0])
    return None
