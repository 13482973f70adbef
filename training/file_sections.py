"""Sections other training subjects add to the training file (培訓檔案).

The file page, its PDF and its Excel export show the employee's training records, the
hours per year, the mandatory training and the plans; every other subject (online tests,
certificates, careers...) adds its part here instead of editing the file's views:

    from training import file_sections

    def certificates_section(employee, user):
        rows = selectors.certificate_list(user=user).filter(employee=employee)
        return {
            "key": "certificates",              # unique; the HTML id is "file-<key>"
            "title": _("Certificates"),
            "columns": [_("name"), _("number"), _("expires on")],
            "rows": [[c.name, c.number, c.expires_on] for c in rows],  # text, numbers, dates
            "empty": _("No certificates."),     # optional
            "order": 50,                        # optional; lower comes first (default 100)
        }

    file_sections.register(certificates_section)   # in the subject's providers.register()

``provider(employee, user)`` returns such a dict, or None to show nothing (e.g. the user may
not see that part). It must cost a constant number of queries: the file page's query count
is pinned by the tests. Cells are plain values: the page and the PDF print them (dates as
YYYY-MM-DD), the Excel export writes one sheet per section.
"""

_providers = []


def register(provider):
    """Register ``provider(employee, user) -> dict | None``; usable as a decorator."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def sections_for(employee, user):
    """Every registered section of ``employee``'s file as ``user`` may see it, in order."""
    sections = []
    for provider in _providers:
        section = provider(employee, user)
        if section:
            section.setdefault("empty", "")
            section.setdefault("order", 100)
            sections.append(section)
    sections.sort(key=lambda s: s["order"])
    return sections
