"""Uploaded files: a size cap and a per-use allow-list checked against the file's content."""

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

    def __eq__(self, other):
        return (
            isinstance(other, FileValidator)
            and self.kinds == other.kinds
            and self.max_bytes == other.max_bytes
        )
