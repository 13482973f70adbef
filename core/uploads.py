"""Uploaded files: a size cap and a per-use allow-list checked against the file's content."""

import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


# kind -> (label, extensions, sniff(head bytes, file) -> bool)
def _zip_member(prefix):
    def sniff(head, f):
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            f.seek(0)
            with zipfile.ZipFile(f) as z:
                return any(n.startswith(prefix) for n in z.namelist())
        except zipfile.BadZipFile:
            return False
        finally:
            f.seek(0)

    return sniff


def _head(f, n=64):
    f.seek(0)
    data = f.read(n)
    f.seek(0)
    return data


def _webm(head, f):
    """An EBML (Matroska) file whose DocType is "webm"."""
    return head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in _head(f)


def _mp4(head, f):
    """An ISO base media file: its first box is "ftyp" with an MP4 brand."""
    return head[4:8] == b"ftyp" and head[8:12] in (
        b"isom",
        b"iso2",
        b"mp41",
        b"mp42",
        b"avc1",
        b"dash",
        b"M4V ",
        b"MSNV",
    )


KINDS = {
    "pdf": (_("PDF"), (".pdf",), lambda h, f: h.startswith(b"%PDF-")),
    "jpeg": (_("JPEG image"), (".jpg", ".jpeg"), lambda h, f: h.startswith(b"\xff\xd8\xff")),
    "png": (_("PNG image"), (".png",), lambda h, f: h.startswith(b"\x89PNG\r\n\x1a\n")),
    "xlsx": (_("Excel workbook"), (".xlsx",), _zip_member("xl/")),
    "docx": (_("Word document"), (".docx",), _zip_member("word/")),
    "mp4": (_("MP4 video"), (".mp4", ".m4v"), _mp4),
    "webm": (_("WebM video"), (".webm",), _webm),
}
DOCUMENTS = ("pdf", "jpeg", "png", "docx", "xlsx")
IMAGES_AND_PDF = ("pdf", "jpeg", "png")
SPREADSHEETS = ("xlsx",)
VIDEOS = ("mp4", "webm")
PDF_ONLY = ("pdf",)
# The MIME type a file of each kind is served with.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "mp4": "video/mp4",
    "webm": "video/webm",
}


def detect_kind(f, allowed):
    """The first kind in ``allowed`` whose signature the file's content matches, or None."""
    f.seek(0)
    head = f.read(16)
    f.seek(0)
    for kind in allowed:
        if KINDS[kind][2](head, f):
            return kind
    return None


# What a PDF may not carry: the kinds of active content, each with what the reader is told.
ACTIVE_CONTENT = {
    "javascript": _("JavaScript"),
    "launch": _("an action that starts a program"),
    "embedded": _("embedded files"),
    "open_action": _("an action run on opening"),
}
# Action types that run something, and the keys that carry them.
_RUNNING_ACTIONS = {"/JavaScript": "javascript", "/Launch": "launch", "/ImportData": "launch"}
_RAW_TOKENS = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|OpenAction|AA)(?![A-Za-z0-9])")
_RAW_KINDS = {
    b"JavaScript": "javascript",
    b"JS": "javascript",
    b"Launch": "launch",
    b"EmbeddedFile": "embedded",
    b"EmbeddedFiles": "embedded",
    b"OpenAction": "open_action",
    b"AA": "open_action",
}


def _action_kind(action):
    """The kind of active content an action dictionary is, or None for a harmless one (a
    jump to a page)."""
    if not hasattr(action, "get"):
        return None
    kind = _RUNNING_ACTIONS.get(str(action.get("/S", "")))
    if kind is None and "/JS" in action:
        kind = "javascript"
    return kind


def pdf_active_content(f):
    """The kinds of active content (keys of ``ACTIVE_CONTENT``) in the PDF file ``f``.

    Every object of the file is read (those packed in compressed object streams too), so a
    script cannot hide in a compressed stream. A file too broken to parse is scanned as raw
    bytes for the same names instead.
    """
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, IndirectObject

    found = set()
    f.seek(0)
    try:
        reader = PdfReader(f, strict=False)
        ids = [(idnum, gen) for gen, objs in reader.xref.items() for idnum in objs]
        ids += [(idnum, 0) for idnum in reader.xref_objStm]
        objects = [reader.trailer.get("/Root")]
        for idnum, gen in ids:
            try:
                objects.append(reader.get_object(IndirectObject(idnum, gen, reader)))
            except Exception:  # noqa: BLE001 - one unreadable object is not active content
                continue
        for obj in objects:
            obj = obj.get_object() if obj is not None else None
            if not isinstance(obj, DictionaryObject):
                continue
            kind = _action_kind(obj)
            if kind:
                found.add(kind)
            if "/JS" in obj or "/JavaScript" in obj:
                found.add("javascript")
            if "/EmbeddedFiles" in obj or "/EF" in obj or obj.get("/Type") == "/EmbeddedFile":
                found.add("embedded")
            for key in ("/OpenAction", "/AA"):
                value = obj.get(key)
                if value is None:
                    continue
                value = value.get_object()
                # /AA (additional actions) is a dictionary of actions by event
                actions = value.values() if key == "/AA" and hasattr(value, "values") else [value]
                for action in actions:
                    kind = _action_kind(action.get_object())
                    if kind:
                        found.update((kind, "open_action"))
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a broken file
        f.seek(0)
        for match in _RAW_TOKENS.finditer(f.read()):
            found.add(_RAW_KINDS[match.group(1)])
    finally:
        f.seek(0)
    return sorted(found)


@deconstructible
class FileValidator:
    """Validate an upload's size and that its *content* is one of ``kinds``."""

    def __init__(self, kinds=DOCUMENTS, max_bytes=None):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes

    def __call__(self, f):
        limit = self.max_bytes or settings.UPLOAD_MAX_BYTES
        if f.size > limit:
            raise ValidationError(
                _("The file is %(size)s; the limit is %(limit)s."),
                code="too_big",
                params={"size": filesizeformat(f.size), "limit": filesizeformat(limit)},
            )
        kind = detect_kind(f, self.kinds)
        name = (getattr(f, "name", "") or "").lower()
        if kind is None or not name.endswith(KINDS[kind][1]):
            allowed = ", ".join(str(KINDS[k][0]) for k in self.kinds)
            raise ValidationError(
                _("This kind of file is not accepted here. Accepted: %(allowed)s."),
                code="bad_type",
                params={"allowed": allowed},
            )
        if kind == "pdf":
            active = pdf_active_content(f)
            if active:
                raise ValidationError(
                    _(
                        "This PDF contains active content (%(what)s) and is refused. Print it "
                        "to a new PDF or scan it again, then upload that."
                    ),
                    code="active_content",
                    params={"what": ", ".join(str(ACTIVE_CONTENT[k]) for k in active)},
                )

    def __eq__(self, other):
        return (
            isinstance(other, FileValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )
