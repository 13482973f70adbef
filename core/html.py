"""HTML escaping for the hot loops that build markup in Python (table rows, drop-downs).

Django's ``escape`` and ``conditional_escape`` are wrapped by ``keep_lazy``, which scans
every argument for lazy strings on every call: on a list page with a few hundred options
and cells that was several percent of the page (bench/). These give the same output.
"""

from html import escape as _escape

from django.template.base import render_value_in_context
from django.utils.safestring import SafeData


def esc(value):
    """``conditional_escape(value)`` as text: safe markup as is, anything else escaped."""
    if isinstance(value, SafeData):
        return str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return _escape(str(value))


def cell_html(value, context):
    """``render_value_in_context(value, context)`` with a fast path for plain text."""
    if type(value) is str:  # noqa: E721 - exact type: str subclasses (SafeString) differ
        return _escape(value) if context.autoescape else value
    if isinstance(value, SafeData):
        return str(value)
    return render_value_in_context(value, context)
