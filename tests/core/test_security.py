"""Security baseline: headers, production settings, uploads."""

import io
import os
import secrets
import string
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from core.uploads import DOCUMENTS, IMAGES_AND_PDF, SPREADSHEETS, FileValidator, detect_kind

# --- headers ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_authenticated_pages_are_never_cached(client, salesperson):
    client.force_login(salesperson)
    for url in ("/", "/org/employees/", f"/org/employees/{salesperson.employee.pk}/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url


@pytest.mark.django_db
def test_content_security_policy(client):
    response = client.get("/accounts/login/")
    policy = {
        part.split()[0]: part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    }
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in policy.get("script-src", [])
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_no_inline_script_on_the_pages(client, hr):
    """CSP forbids inline script, so none may be written: every <script> has a src."""
    client.force_login(hr)
    for url in ("/", "/org/employees/", f"/org/employees/{hr.employee.pk}/", "/accounts/login/"):
        html = client.get(url).content.decode()
        for tag in html.split("<script")[1:]:
            assert tag.lstrip().startswith("src="), (url, tag[:80])
        assert " onclick=" not in html and " onload=" not in html


@pytest.mark.django_db
def test_csrf_is_enforced(hr):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(hr)
    assert client.post("/core/notifications/read-all/").status_code == 403


# --- production settings (subprocesses: settings are read once per process) -----------------


def _random(n):
    return "".join(
        secrets.choice(string.ascii_letters + string.digits + "!@#%^&*") for _ in range(n)
    )


def _run(args, tmp_path, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "FIELD_ENCRYPTION_KEY",
            "DEBUG",
            "ALLOWED_HOSTS",
            "HTTPS",
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/conftest.py for the browser tests
        }
    }
    base.update({"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=base,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "example.com",
    "HTTPS": "true",
}


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        tmp_path,
        SECRET_KEY=_random(60),
        FIELD_ENCRYPTION_KEY=_random(40),
        **PRODUCTION,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "ERROR" not in output, output
    assert "no issues" in output


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _run(["check"], tmp_path, FIELD_ENCRYPTION_KEY=_random(40), **PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_a_short_secret_key(tmp_path):
    result = _run(
        ["check"], tmp_path, SECRET_KEY="short", FIELD_ENCRYPTION_KEY=_random(40), **PRODUCTION
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_an_encryption_key(tmp_path):
    result = _run(["check"], tmp_path, SECRET_KEY=_random(60), **PRODUCTION)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "FIELD_ENCRYPTION_KEY" in result.stderr


def test_production_cookies_and_hsts(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = _run(
        ["shell", "--no-imports", "-c", code],
        tmp_path,
        SECRET_KEY=_random(60),
        FIELD_ENCRYPTION_KEY=_random(40),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.split() == ["True", "True", "31536000", "True", "True", "False"]


# --- uploads ------------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def xlsx_bytes():
    wb = Workbook()
    wb.active.append(["name", "mobile"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    ("name", "content", "kinds"),
    [
        ("scan.pdf", PDF, IMAGES_AND_PDF),
        ("photo.png", PNG, IMAGES_AND_PDF),
        ("photo.JPG", JPEG, IMAGES_AND_PDF),
        ("customers.xlsx", None, SPREADSHEETS),
        ("customers.xlsx", None, DOCUMENTS),
    ],
)
def test_real_files_of_allowed_kinds_are_accepted(name, content, kinds):
    FileValidator(kinds)(upload(name, content if content is not None else xlsx_bytes()))


@pytest.mark.parametrize(
    ("name", "content", "kinds"),
    [
        ("report.pdf", PNG, IMAGES_AND_PDF),  # a PNG named .pdf
        ("photo.png", PDF, IMAGES_AND_PDF),  # a PDF named .png
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n", DOCUMENTS),
        ("scan.pdf", PDF, SPREADSHEETS),  # real, but not allowed here
        ("fake.xlsx", b"PK\x03\x04not really a zip", SPREADSHEETS),
        ("letter.docx", None, DOCUMENTS),  # an .xlsx renamed .docx
        ("noextension", PDF, DOCUMENTS),
    ],
)
def test_content_that_does_not_match_is_rejected(name, content, kinds):
    with pytest.raises(ValidationError) as exc:
        FileValidator(kinds)(upload(name, content if content is not None else xlsx_bytes()))
    assert exc.value.code == "bad_type"


def test_oversize_file_is_rejected(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    big = upload("big.pdf", PDF + b"0" * 2000)
    with pytest.raises(ValidationError) as exc:
        FileValidator(IMAGES_AND_PDF)(big)
    assert exc.value.code == "too_big"
    # a per-use limit overrides the default
    with pytest.raises(ValidationError):
        FileValidator(IMAGES_AND_PDF, max_bytes=10)(upload("small.pdf", PDF))
    FileValidator(IMAGES_AND_PDF, max_bytes=10_000)(big)


def test_default_upload_cap_is_10_mb():
    assert settings.UPLOAD_MAX_BYTES == 10 * 1024 * 1024


def test_detect_kind_leaves_the_file_at_its_start():
    f = upload("a.xlsx", xlsx_bytes())
    assert detect_kind(f, DOCUMENTS) == "xlsx"
    assert f.tell() == 0


def test_validator_is_comparable_for_migrations():
    assert FileValidator(IMAGES_AND_PDF) == FileValidator(list(IMAGES_AND_PDF))
    assert FileValidator(IMAGES_AND_PDF) != FileValidator(DOCUMENTS)


# --- PDFs with active content ---------------------------------------------------------------


def _pdf(build=None):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if build:
        build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(action):
    def build(writer):
        from pypdf.generic import DictionaryObject, NameObject, TextStringObject

        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {NameObject("/S"): NameObject(action), NameObject("/F"): TextStringObject("calc.exe")}
        )

    return build


def _document_script(writer):
    """A document-level script, in the name tree a reader runs on opening."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x()")}
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("a"), writer._add_object(script)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): writer._add_object(tree)}
    )


def _page_action(writer):
    """A page that runs a script when opened (additional actions), no document-level JS."""
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    script = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x()")}
    )
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): script})


@pytest.mark.parametrize(
    ("build", "named"),
    [
        (_document_script, "JavaScript"),
        (_open_action("/Launch"), "啟動程式"),
        (_open_action("/JavaScript"), "JavaScript"),
        (lambda w: w.add_attachment("payload.exe", b"MZ\x90\x00"), "內嵌檔案"),
        (_page_action, "JavaScript"),
    ],
    ids=["document-script", "launch-on-open", "script-on-open", "embedded-file", "page-script"],
)
def test_pdfs_with_active_content_are_refused(build, named):
    with pytest.raises(ValidationError) as refused:
        FileValidator(IMAGES_AND_PDF)(upload("scan.pdf", _pdf(build)))
    assert refused.value.code == "active_content"
    message = " ".join(refused.value.messages)
    assert "主動內容" in message and named in message


def test_a_broken_pdf_with_a_script_is_refused_from_its_bytes():
    broken = b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF"
    with pytest.raises(ValidationError):
        FileValidator(IMAGES_AND_PDF)(upload("scan.pdf", broken))


def test_a_plain_pdf_with_a_page_link_on_opening_is_accepted():
    def go_to_page(writer):
        from pypdf.generic import ArrayObject, NameObject

        page = writer.pages[0].indirect_reference
        writer._root_object[NameObject("/OpenAction")] = ArrayObject([page, NameObject("/Fit")])

    FileValidator(IMAGES_AND_PDF)(upload("scan.pdf", _pdf(go_to_page)))
    FileValidator(IMAGES_AND_PDF)(upload("scan.pdf", _pdf()))
