"""Checks for the numbers a clerk types: the 18-digit PRC resident ID and mobile numbers.

A resident ID (GB 11643-1999) is six digits of region, eight of birth date (YYYYMMDD), three
of sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
"""

import datetime as dt
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.validators import EARLIEST_BIRTH_DATE

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARS = "10X98765432"
_ID_RE = re.compile(r"^\d{17}[\dX]$")

# First two digits of the region code -> province (place names are data, not translated).
PROVINCES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "內蒙古自治區",
    "21": "遼寧省",
    "22": "吉林省",
    "23": "黑龍江省",
    "31": "上海市",
    "32": "江蘇省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山東省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "廣東省",
    "45": "廣西壯族自治區",
    "46": "海南省",
    "50": "重慶市",
    "51": "四川省",
    "52": "貴州省",
    "53": "雲南省",
    "54": "西藏自治區",
    "61": "陝西省",
    "62": "甘肅省",
    "63": "青海省",
    "64": "寧夏回族自治區",
    "65": "新疆維吾爾自治區",
    "71": "臺灣省",
    "81": "香港特別行政區",
    "82": "澳門特別行政區",
    "83": "臺灣省",  # residence permits for Taiwan residents
}


@dataclass(frozen=True)
class PrcId:
    """What an 18-digit resident ID says about its holder."""

    number: str
    birth_date: dt.date
    gender: str  # "male" or "female" (Customer.Gender values)
    province: str


def normalise_id_number(value):
    """Strip spaces and upper-case a trailing x."""
    return "".join(str(value or "").split()).upper()


def id_check_char(first17):
    """The check character of the first 17 digits of a resident ID."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CHARS[total % 11]


def parse_prc_id(value, today=None):
    """Validate an 18-digit resident ID and return what it encodes; ValidationError if bad.

    Errors have the codes ``format``, ``region``, ``birth_date`` and ``checksum``.
    """
    number = normalise_id_number(value)
    if not _ID_RE.match(number):
        raise ValidationError(
            _("A resident ID number has 18 characters: 17 digits and a digit or X."),
            code="format",
        )
    province = PROVINCES.get(number[:2])
    if province is None:
        raise ValidationError(
            _("The region code %(code)s of this ID number does not exist."),
            code="region",
            params={"code": number[:6]},
        )
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        birth = None
    today = today or dt.date.today()
    # The same bounds as every birth date (core.validators): 1900-01-01 to today.
    if birth is None or birth < EARLIEST_BIRTH_DATE or birth > today:
        raise ValidationError(
            _("The birth date in this ID number (%(digits)s) is not a valid date."),
            code="birth_date",
            params={"digits": number[6:14]},
        )
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError(
            _("The check digit of this ID number is wrong: please check every digit."),
            code="checksum",
        )
    gender = "male" if int(number[16]) % 2 == 1 else "female"
    return PrcId(number=number, birth_date=birth, gender=gender, province=province)


def validate_prc_id(value):
    """Field validator form of :func:`parse_prc_id`."""
    parse_prc_id(value)


# --- mobile numbers -----------------------------------------------------------------------

_MAINLAND = re.compile(r"^1[3-9]\d{9}$")
_OTHER = {
    "852": re.compile(r"^[4-9]\d{7}$"),  # Hong Kong
    "853": re.compile(r"^6\d{7}$"),  # Macau
    "886": re.compile(r"^9\d{8}$"),  # Taiwan (leading 0 dropped)
}


def normalise_mobile(value):
    """A mobile number in its stored form: 11 digits on the mainland, else +852/+853/+886...

    Spaces, dashes and brackets are dropped; +86 / 0086 prefixes of mainland numbers too.
    Returns the cleaned text unchanged when it is not recognisable (the validator says why).
    """
    text = re.sub(r"[\s\-()（）]", "", str(value or ""))
    if text.startswith("00"):
        text = "+" + text[2:]
    if text.startswith("+86") and not text.startswith(("+852", "+853", "+886")):
        text = text[3:]
    for code, pattern in _OTHER.items():
        if text.startswith("+" + code):
            local = text[len(code) + 1 :]
            if code == "886" and local.startswith("0"):
                local = local[1:]
            if pattern.match(local):
                return f"+{code}{local}"
    return text


def validate_mobile(value):
    """A mainland mobile (11 digits, 13x–19x) or a Hong Kong, Macau or Taiwan mobile."""
    number = normalise_mobile(value)
    if _MAINLAND.match(number):
        return
    if number.startswith("+") and any(
        number.startswith("+" + code) and pattern.match(number[len(code) + 1 :])
        for code, pattern in _OTHER.items()
    ):
        return
    raise ValidationError(
        _(
            "Enter a mobile number: 11 digits starting with 13–19, or +852, +853 or +886 "
            "followed by the local number."
        ),
        code="mobile",
    )


_USCC = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def validate_uscc(value):
    """The 18-character unified social credit code of a company (format only)."""
    if not _USCC.match(normalise_id_number(value)):
        raise ValidationError(
            _("A unified social credit code has 18 characters (digits and capital letters)."),
            code="uscc",
        )
