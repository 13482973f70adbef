"""Root URLs: the frame's pages, then one include per app."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from core.forms import LoginForm, PasswordForm
from core.views import pages

urlpatterns = [
    path("", pages.home, name="home"),
    path("healthz", pages.healthz, name="healthz"),
    path("manifest.webmanifest", pages.manifest, name="manifest"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordForm),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("core/", include("core.urls")),
    path("org/", include("org.urls")),
    path("customers/", include("customers.urls")),
    path("sales/", include("sales.urls")),
    path("underwriting/", include("underwriting.urls")),
    path("aftersales/", include("aftersales.urls")),
    path("reports/", include("reports.urls")),
    path("training/", include("training.urls")),
    path("appraisal/", include("appraisal.urls")),
    path("confidentiality/", include("confidentiality.urls")),
    path("payroll/", include("payroll.urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
