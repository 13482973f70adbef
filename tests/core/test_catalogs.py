"""Translation catalogs: complete, compiled and in step with the source.

The Chinese catalogs (zh_Hant, the default, and zh_Hans) must translate every msgid, with
no fuzzy entry; the committed .mo files must say what the .po files say; and the catalogs
must hold exactly the msgids that makemessages finds in the source today. When a string
is added or changed, run scripts/messages, translate the new msgids, and run it again.
"""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
LOCALE_DIR = BASE_DIR / "locale"
CHINESE = ("zh_Hant", "zh_Hans")
ALL_LANGUAGES = (*CHINESE, "en")

# The same options scripts/messages passes to makemessages.
MAKEMESSAGES_ARGS = [
    "--no-location",
    "--no-obsolete",
    "--ignore=.venv/*",
    "--ignore=node_modules/*",
    "--ignore=test-artifacts/*",
    "--ignore=var/*",
    "--ignore=tests/*",
]
# Not copied for the up-to-date check: environments, runtime data, and the catalogs.
COPY_SKIP_TOP = {".venv", "var", "test-artifacts", "node_modules", ".git", "locale"}
COPY_SKIP_ANYWHERE = {".git", "__pycache__", "node_modules"}
GETTEXT_TOOLS = ("xgettext", "msgmerge", "msguniq", "msgattrib")

PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\w*\}|</?[a-zA-Z][^>]*>")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


# --- a minimal .po reader -------------------------------------------------------------


def _unquote(text):
    text = text.strip()
    assert text[0] == text[-1] == '"', text
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text[1:-1])


class Entry:
    def __init__(self):
        self.flags = set()
        self.msgctxt = None
        self.msgid = None
        self.msgid_plural = None
        self.msgstr = {}  # plural index (0 for a singular entry) -> text

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def __str__(self):
        context = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        return f"{self.msgid!r}{context}"


def read_po(path):
    """Entries of a .po file, header first; obsolete (#~) entries are left out."""
    entries, entry, field = [], None, None
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry is not None and entry.msgid is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = Entry()
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert field is not None, f"{path}: continuation without a keyword: {line!r}"
            field(_unquote(line))
        else:
            match = KEYWORD.match(line)
            assert match, f"{path}: cannot read line {line!r}"
            keyword, index, value = match.groups()
            field = _setter(entry, keyword, index)
            field(_unquote(value), start=True)
    return entries


def _setter(entry, keyword, index):
    def set_value(text, start=False):
        if keyword.startswith("msgstr"):
            slot = int(index or 0)
            entry.msgstr[slot] = text if start else entry.msgstr[slot] + text
        else:
            setattr(entry, keyword, text if start else getattr(entry, keyword) + text)

    return set_value


def po_path(language):
    return LOCALE_DIR / language / "LC_MESSAGES" / "django.po"


def catalog(language):
    entries = read_po(po_path(language))
    assert entries and entries[0].msgid == "", f"{po_path(language)} has no header"
    return entries[0], entries[1:]


def listing(entries):
    return "\n".join(f"  {entry}" for entry in entries)


# --- the tests --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_catalog_files_exist(language):
    assert po_path(language).is_file(), f"{po_path(language)} is missing: run scripts/messages"
    mo = po_path(language).with_suffix(".mo")
    assert mo.is_file(), f"{mo} is missing: run scripts/messages"


@pytest.mark.parametrize("language", CHINESE)
def test_chinese_catalog_is_complete(language):
    header, entries = catalog(language)
    assert "fuzzy" not in header.flags, f"the {language} header is marked fuzzy"
    assert "Plural-Forms: nplurals=1; plural=0;\n" in header.msgstr[0]
    assert f"Language: {language}\n" in header.msgstr[0]
    fuzzy = [entry for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, f"fuzzy entries in {language} (check, fix, drop the flag):\n" + listing(fuzzy)
    untranslated = [
        entry
        for entry in entries
        if not entry.msgstr or not all(text.strip() for text in entry.msgstr.values())
    ]
    assert not untranslated, f"untranslated msgids in {language}:\n" + listing(untranslated)
    extra_plurals = [entry for entry in entries if set(entry.msgstr) - {0}]
    assert not extra_plurals, f"nplurals=1 but msgstr[1+] present in {language}:\n" + listing(
        extra_plurals
    )


@pytest.mark.parametrize("language", CHINESE)
def test_translations_keep_placeholders_and_html(language):
    _, entries = catalog(language)
    wrong = []
    for entry in entries:
        source = set(PLACEHOLDER.findall(entry.msgid))
        source |= set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for text in entry.msgstr.values():
            if set(PLACEHOLDER.findall(text)) != source:
                wrong.append(f"{entry} -> {text!r}")
    assert not wrong, f"placeholders or HTML changed in {language}:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_compiled_catalog_matches_po(language):
    """The committed .mo says what the .po says (mtimes mean nothing in a git clone)."""
    _, entries = catalog(language)
    with open(po_path(language).with_suffix(".mo"), "rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    stale, translated = [], 0
    for entry in entries:
        if "fuzzy" in entry.flags or not all(entry.msgstr.values()):
            continue  # msgfmt leaves these out
        translated += 1
        prefix = f"{entry.msgctxt}\x04" if entry.msgctxt is not None else ""
        if entry.msgid_plural is None:
            found = compiled._catalog.get(prefix + entry.msgid)
            if found != entry.msgstr[0]:
                stale.append(f"{entry}: .mo has {found!r}, .po has {entry.msgstr[0]!r}")
        else:
            for index, text in entry.msgstr.items():
                found = compiled._catalog.get((prefix + entry.msgid, index))
                if found != text:
                    stale.append(f"{entry}[{index}]: .mo has {found!r}, .po has {text!r}")
    assert not stale, "the .mo is older than the .po: run scripts/messages\n  " + "\n  ".join(stale)
    in_mo = {key if isinstance(key, str) else key[0] for key in compiled._catalog} - {""}
    assert len(in_mo) == translated, (
        f"the {language} .mo holds {len(in_mo)} messages, the .po {translated}: "
        "run scripts/messages"
    )


def _copy_ignore(root):
    root = str(root)

    def ignore(directory, names):
        skipped = {name for name in names if name in COPY_SKIP_ANYWHERE or name.endswith(".pyc")}
        if os.path.samefile(directory, root):
            skipped |= COPY_SKIP_TOP & set(names)
        return skipped

    return ignore


def test_catalogs_are_up_to_date(tmp_path):
    """The catalogs hold exactly the msgids makemessages finds in the source now."""
    missing_tools = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing_tools:
        message = f"GNU gettext is not installed (missing {', '.join(missing_tools)})"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI must check the catalogs")
        pytest.skip(message)

    tree = tmp_path / "src"
    shutil.copytree(BASE_DIR, tree, symlinks=True, ignore=_copy_ignore(BASE_DIR))
    (tree / "locale").mkdir()
    venv_python = BASE_DIR / ".venv" / "bin" / "python"
    python = str(venv_python) if venv_python.exists() else sys.executable
    env = {**os.environ, "DEBUG": "true", "VAR_DIR": str(tmp_path / "var")}
    env.pop("PYTHONPATH", None)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [python, "manage.py", "makemessages", "-l", "zh_Hant", *MAKEMESSAGES_ARGS],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"

    fresh = {entry.key: entry for entry in read_po(tree / po_path("zh_Hant").relative_to(BASE_DIR))}
    committed = {entry.key: entry for entry in catalog("zh_Hant")[1]}
    fresh.pop((None, "", None), None)
    missing = sorted((fresh[key] for key in fresh.keys() - committed.keys()), key=str)
    obsolete = sorted((committed[key] for key in committed.keys() - fresh.keys()), key=str)
    problems = []
    if missing:
        problems.append(f"{len(missing)} msgid(s) not in the catalogs yet:\n" + listing(missing))
    if obsolete:
        problems.append(f"{len(obsolete)} msgid(s) no longer in the source:\n" + listing(obsolete))
    assert not problems, (
        "locale/ is out of date: run scripts/messages, translate zh_Hant and zh_Hans, "
        "run it again.\n" + "\n".join(problems)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hant", "請使用公司帳號登入。"),
        ("zh-hans", "请使用公司账号登录。"),
        ("en", "Sign in with your company account."),
        (None, "請使用公司帳號登入。"),  # the default language is Traditional Chinese
    ],
)
def test_login_page_is_translated(client, settings, language, expected):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert expected in response.content.decode()
