"""What every page's frame needs: the menu, the bell's count, My work's count."""

from django.conf import settings

from . import mywork
from .navigation import menu_for, menu_html
from .services import unread_count


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"LANGUAGES_MENU": settings.LANGUAGES}
    # A page may render several templates with the request (a table renders its own): the
    # frame's figures are computed once per request.
    cached = getattr(request, "_shell_context", None)
    if cached is not None:
        return cached
    request._shell_context = {
        "LANGUAGES_MENU": settings.LANGUAGES,
        "menu_html": menu_html(menu_for(user, request.path)),
        "unread_count": unread_count(user),
        "mywork_count": mywork.total_for(user),
        "company_name": settings.COMPANY_NAME,
    }
    return request._shell_context
