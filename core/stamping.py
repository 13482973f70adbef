"""Stamping a stored file for the person who downloads it.

A stored file (a report snapshot, an approved export) is kept *unstamped*; every download
gets its own copy marked with the downloader's name, the time and the class mark, so a file
that leaks names the person it was handed to.

PDF: a one-page overlay (the diagonal watermark and a line at the foot of the page) is
drawn once per download by WeasyPrint, in the CJK font, and laid over every page as a form
XObject: the pages' own content streams are neither parsed nor rewritten.

Excel: the stored workbook carries :data:`PLACEHOLDER` where the mark goes (each sheet's
printed header, the information sheet, the document properties); stamping copies the
archive and writes the mark in its place (members are recompressed at the fastest level:
an 8-sheet report takes a few milliseconds, see bench/stamping.py).
"""

import io
import logging
import zipfile
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

# What a stored, unstamped workbook holds where the downloader's mark goes.
PLACEHOLDER = "[[insidesales:download-mark]]"
_PLACEHOLDER_BYTES = PLACEHOLDER.encode()

logger = logging.getLogger(__name__)


def class_mark(level=None):
    """The mark of the file's confidentiality class (the "signage" clause,
    ``core.classification``): 機密 unless the record's class says otherwise."""
    from .classification import mark

    return mark(level)


def download_mark(user, when=None, level=None):
    """``機密 — 由 張偉 於 2026-12-07 09:30 下載``: class mark, downloader and time."""
    when = timezone.localtime(when or timezone.now()).strftime("%Y-%m-%d %H:%M")
    who = getattr(user, "display_name", None) or str(user or "")
    return _("%(mark)s — downloaded by %(who)s at %(when)s") % {
        "mark": class_mark(level),
        "who": who,
        "when": when,
    }


# --- PDF ---------------------------------------------------------------------------------

_OVERLAY_HTML = """<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: {width}pt {height}pt; margin: 0; }}
body {{ margin: 0; font-family: {font}; }}
.wm {{ position: absolute; top: {middle}pt; left: 0; width: {width}pt; text-align: center;
  transform: rotate(-30deg); font-size: 22pt; color: rgba(150, 150, 150, 0.22); }}
.foot {{ position: absolute; top: {foot}pt; left: 0; width: {width}pt; text-align: center;
  font-size: 7pt; color: #777; }}
</style></head><body><div class="wm">{text}</div><div class="foot">{text}</div></body></html>"""


def _overlay_pdf(text, width, height):
    from weasyprint import HTML

    from .exports import cjk_font_family

    html = _OVERLAY_HTML.format(
        width=width,
        height=height,
        middle=height * 0.45,
        foot=height - 14,
        font=cjk_font_family(),
        text=escape(text),
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()


def stamp_pdf(data, *, user, when=None, level=None):
    """A copy of the PDF ``data`` (bytes) with the downloader's mark on every page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
    )

    text = download_mark(user, when, level)
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    first = writer.pages[0].mediabox
    width, height = float(first.width), float(first.height)
    overlay_page = PdfReader(io.BytesIO(_overlay_pdf(text, width, height))).pages[0]

    form = DecodedStreamObject()
    form.set_data(overlay_page.get_contents().get_data())
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [NumberObject(0), NumberObject(0), *overlay_page.mediabox[2:4]]
            ),
            NameObject("/Resources"): writer._add_object(overlay_page["/Resources"].clone(writer)),
        }
    )
    form_ref = writer._add_object(form)
    name = NameObject("/InsidesalesStamp")
    for page in writer.pages:
        box = page.mediabox
        sx, sy = float(box.width) / width, float(box.height) / height
        before = DecodedStreamObject()
        before.set_data(b"q\n")
        after = DecodedStreamObject()
        after.set_data(
            b"Q\nq %.4f 0 0 %.4f %.2f %.2f cm %s Do Q\n"
            % (sx, sy, float(box.left), float(box.bottom), name.encode())
        )
        contents = page.get("/Contents")
        if contents is None:
            existing = []
        else:
            resolved = contents.get_object()
            existing = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject(
            [writer._add_object(before), *existing, writer._add_object(after)]
        )
        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else DictionaryObject()
        xobjects = resources.get("/XObject")
        xobjects = xobjects.get_object() if xobjects is not None else DictionaryObject()
        xobjects[name] = form_ref
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Excel -------------------------------------------------------------------------------


def stamp_xlsx(source, out, *, user, when=None, level=None):
    """Copy the stored workbook ``source`` (a path or binary file) to the binary file ``out``
    with the downloader's mark where the placeholder stands."""
    text = download_mark(user, when, level)
    xml_text = escape(text).encode()
    header_text = escape(text.replace("&", "&&")).encode()
    with (
        zipfile.ZipFile(source) as zin,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info)
            if _PLACEHOLDER_BYTES in data:
                if info.filename.startswith("xl/worksheets/"):
                    data = data.replace(_PLACEHOLDER_BYTES, header_text)
                else:
                    data = data.replace(_PLACEHOLDER_BYTES, xml_text)
            zout.writestr(info, data, compress_type=info.compress_type, compresslevel=1)
    return out


# Spooled in memory up to this size, then on disk.
_SPOOL_BYTES = 8 * 1024 * 1024


def stamp_file(original, file_format, *, user, when=None, level=None):
    """The stored ``original`` (an open binary file) stamped for ``user``: a new binary file
    positioned at its start, ``file_format`` being "pdf" or "xlsx"; ``level`` is the
    confidentiality class whose mark it carries (``core.classification``)."""
    import tempfile

    out = tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES)  # noqa: SIM115
    if file_format == "pdf":
        out.write(stamp_pdf(original.read(), user=user, when=when, level=level))
    elif file_format == "xlsx":
        stamp_xlsx(original, out, user=user, when=when, level=level)
    else:
        raise ValueError(f"cannot stamp a {file_format} file")
    out.seek(0)
    return out


def open_for_download(field_file, *, user, level=None):
    """An uploaded file as its downloader gets it: a PDF stamped for ``user``, any other
    kind as stored. A PDF that cannot be read for stamping is served as stored (the upload
    check accepted it; a scan's damaged cross-reference table must not block its reader)."""
    handle = field_file.open("rb")
    if not (field_file.name or "").lower().endswith(".pdf"):
        return handle
    with handle:
        data = handle.read()
    try:
        return stamp_file(io.BytesIO(data), "pdf", user=user, level=level)
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on a damaged file
        logger.warning("could not stamp %s; served as stored", field_file.name)
        return io.BytesIO(data)
