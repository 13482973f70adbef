"""Serving a stored file with HTTP range requests (RFC 9110 §14), so a browser's video
player can seek in a file that is only reachable through a permission-checked view.

One range per request (what media players ask for); a request for several ranges gets the
whole file, as the RFC allows. The caller checks the permission first.
"""

import re
from urllib.parse import quote

from django.http import HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class RangeNotSatisfiable(Exception):
    """The Range header asks for bytes the file does not have."""


def parse_range(header, size):
    """(first, last) byte positions, inclusive, asked by ``header`` of a ``size``-byte file;
    None when the whole file is to be sent (no header, another unit, several ranges).
    Raises RangeNotSatisfiable for a range outside the file or backwards."""
    if not header or "," in header or not header.strip().lower().startswith("bytes"):
        return None
    match = _RANGE.match(header)
    if not match:
        raise RangeNotSatisfiable
    first, last = match.groups()
    if first == "" and last == "":
        raise RangeNotSatisfiable
    if first == "":  # a suffix: the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - length), size - 1
    first = int(first)
    last = size - 1 if last == "" else min(int(last), size - 1)
    if first >= size or first > last:
        raise RangeNotSatisfiable
    return first, last


def _stream(f, first, last):
    try:
        f.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            data = f.read(min(CHUNK, remaining))
            if not data:
                break
            remaining -= len(data)
            yield data
    finally:
        f.close()


def ranged_file_response(request, field_file, *, content_type, filename=""):
    """The file (a FieldFile) whole (200) or the asked range (206 Partial Content with
    Content-Range), or 416 with ``Content-Range: bytes */size`` for a range outside it.
    Always ``Accept-Ranges: bytes``, shown inline, never cached by shared caches."""
    size = field_file.size
    try:
        wanted = parse_range(request.headers.get("Range"), size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    first, last = wanted if wanted is not None else (0, size - 1)
    f = field_file.open("rb")
    response = StreamingHttpResponse(
        _stream(f, first, last) if size else iter(()),
        status=206 if wanted is not None else 200,
        content_type=content_type,
    )
    response["Content-Length"] = str(max(0, last - first + 1))
    if wanted is not None:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    response["Accept-Ranges"] = "bytes"
    response["Cache-Control"] = "private, max-age=3600"
    if filename:
        response["Content-Disposition"] = "inline; filename*=UTF-8''" + quote(filename)
    return response
