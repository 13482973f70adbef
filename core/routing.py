"""URL patterns for a model's standard pages, named as STYLE.md says."""

from django.urls import path


def object_urls(name, plural, **views):
    """``<plural>/``, ``add/``, ``<pk>/``, ``<pk>/edit/``, ``delete/``, ``history/``,
    ``timeline/`` for whichever of list, add, detail, edit, delete, history, timeline
    views are given, named ``<name>_list``, ``<name>_add``, ``<name>``, ``<name>_edit``, ..."""
    routes = {
        "list": (f"{plural}/", f"{name}_list"),
        "add": (f"{plural}/add/", f"{name}_add"),
        "detail": (f"{plural}/<int:pk>/", name),
        "edit": (f"{plural}/<int:pk>/edit/", f"{name}_edit"),
        "delete": (f"{plural}/<int:pk>/delete/", f"{name}_delete"),
        "history": (f"{plural}/<int:pk>/history/", f"{name}_history"),
        "timeline": (f"{plural}/<int:pk>/timeline/", f"{name}_timeline"),
    }
    patterns = []
    for key, view in views.items():
        route, url_name = routes[key]
        patterns.append(
            path(route, view.as_view() if hasattr(view, "as_view") else view, name=url_name)
        )
    return patterns
