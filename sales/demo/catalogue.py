"""Demo insurers and products, and the fixed lists the demo draws from."""

from decimal import Decimal

from customers.models import COMPLETENESS

from ..models import (
    Insurer,
    Product,
)

D = Decimal
REQUIRED_FOR_CUSTOMER = COMPLETENESS["individual"]["customer"][0]

INSURERS = [
    ("PAL", "平安人壽", "李經理 021-3888 0001", "核保部 王先生 021-3888 0101", "理賠部 95511"),
    ("CLI", "中國人壽", "陳經理 010-6363 1000", "核保中心 010-6363 1200", "理賠熱線 95519"),
    ("CPL", "太平洋人壽", "周經理 021-3396 1888", "核保部 021-3396 1800", "理賠熱線 95500"),
    ("NCI", "新華保險", "趙經理 010-8521 3000", "核保部 010-8521 3100", "理賠熱線 95567"),
]
# The English names the English interface shows (reference data in two languages).
INSURER_NAMES_EN = {
    "PAL": "Ping An Life",
    "CLI": "China Life",
    "CPL": "CPIC Life",
    "NCI": "New China Life",
}
PRODUCT_NAMES_EN = {
    "PA-CI01": "Ping An Fu Whole-Life Critical Illness",
    "PA-AC01": "Ping An Peace of Mind Accident Plan",
    "PA-AN01": "Ping An Xin Xiang Annuity",
    "CL-LF01": "China Life Fu Whole Life",
    "CL-ED01": "China Life Children's Education Annuity",
    "CL-MD01": "China Life Million Medical",
    "CP-CI01": "CPIC Golden Life Critical Illness",
    "CP-LF01": "CPIC Lifelong Companion Term Life",
    "CP-PR01": "CPIC Home Contents Insurance",
    "NC-MD01": "New China Worry-Free Medical",
    "NC-UL01": "New China Steady Gain Universal Life",
}
# insurer, code, name, category, min age, max age, min sum, max sum, commission, modes, inv.
PRODUCTS = [
    (
        "PAL",
        "PA-CI01",
        "平安福終身重疾險",
        "critical_illness",
        0,
        55,
        100000,
        1000000,
        "0.30",
        ["annual", "monthly"],
        False,
    ),
    (
        "PAL",
        "PA-AC01",
        "平安安心意外保障計劃",
        "accident",
        18,
        65,
        100000,
        2000000,
        "0.20",
        ["annual"],
        False,
    ),
    (
        "PAL",
        "PA-AN01",
        "平安鑫享年金保險",
        "annuity",
        18,
        60,
        50000,
        3000000,
        "0.08",
        ["single", "annual"],
        True,
    ),
    (
        "CLI",
        "CL-LF01",
        "國壽福終身壽險",
        "life",
        18,
        60,
        100000,
        5000000,
        "0.25",
        ["annual", "semi_annual"],
        False,
    ),
    (
        "CLI",
        "CL-ED01",
        "國壽少兒教育年金",
        "education",
        0,
        17,
        50000,
        1000000,
        "0.10",
        ["annual"],
        False,
    ),
    (
        "CLI",
        "CL-MD01",
        "國壽百萬醫療險",
        "medical",
        0,
        60,
        1000000,
        6000000,
        "0.15",
        ["annual", "monthly"],
        False,
    ),
    (
        "CPL",
        "CP-CI01",
        "太平洋金佑人生重疾險",
        "critical_illness",
        0,
        50,
        100000,
        800000,
        "0.28",
        ["annual"],
        False,
    ),
    (
        "CPL",
        "CP-LF01",
        "太平洋長相伴定期壽險",
        "life",
        18,
        55,
        200000,
        3000000,
        "0.25",
        ["annual"],
        False,
    ),
    (
        "CPL",
        "CP-PR01",
        "太平洋家財綜合保險",
        "property",
        18,
        80,
        50000,
        2000000,
        "0.15",
        ["annual"],
        False,
    ),
    (
        "NCI",
        "NC-MD01",
        "新華健康無憂醫療險",
        "medical",
        0,
        65,
        500000,
        4000000,
        "0.15",
        ["annual"],
        False,
    ),
    (
        "NCI",
        "NC-UL01",
        "新華穩得福萬能險",
        "life",
        18,
        60,
        100000,
        2000000,
        "0.12",
        ["annual"],
        True,
    ),
]
NEED_PRODUCTS = {
    "critical_illness": "PA-CI01",
    "life": "CL-LF01",
    "medical": "CL-MD01",
    "accident": "PA-AC01",
    "annuity": "PA-AN01",
    "education": "CL-ED01",
    "property": "CP-PR01",
}
STAGES = ["new", "contacted", "meeting", "needs_analysed", "proposal", "application", "won", "lost"]
PROPOSAL_STATES = ["draft", "submitted", "approved", "returned", "accepted", "rejected", "revised"]
NEXT_ACTIONS = ["電話跟進", "預約面談", "發送方案", "補充健康告知", "約見家人", "回覆保費試算"]
OUTCOMES = [
    "客戶對重疾保障有興趣，希望比較兩家公司的方案。",
    "了解家庭收支，約定下週帶配偶一起面談。",
    "客戶擔心保費過高，建議調低保額。",
    "已說明等待期及免責條款，客戶表示理解。",
    "客戶希望先為孩子投保教育金。",
    "電話未接通，改約明天。",
]


def _products():
    by_code = {}
    insurers = {}
    for code, name, contact, uw, claims in INSURERS:
        insurers[code], _c = Insurer.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": INSURER_NAMES_EN.get(code, ""),
                "contact_name": contact.split(" ", 1)[0],
                "contact_phone": contact.split(" ", 1)[1],
                "underwriting_contact": uw,
                "claims_contact": claims,
            },
        )
    for ins, code, name, cat, lo, hi, smin, smax, rate, modes, inv in PRODUCTS:
        by_code[code], _c = Product.objects.get_or_create(
            insurer=insurers[ins],
            code=code,
            defaults={
                "name": name,
                "name_en": PRODUCT_NAMES_EN.get(code, ""),
                "category": cat,
                "min_age": lo,
                "max_age": hi,
                "min_sum_insured": D(smin),
                "max_sum_insured": D(smax),
                "commission_rate": D(rate),
                "payment_modes": modes,
                "investment_type": inv,
                "term_options": "20年, 30年, 至70歲, 終身",
                "payment_periods": "躉交, 10年, 20年",
            },
        )
    for obj, name_en in [(i, INSURER_NAMES_EN.get(c, "")) for c, i in insurers.items()] + [
        (p, PRODUCT_NAMES_EN.get(c, "")) for c, p in by_code.items()
    ]:
        if name_en and not obj.name_en:  # a demo seeded before the names were translated
            obj.name_en = name_en
            obj.save(update_fields=["name_en"])
    return by_code


def _age(customer):
    return customer.age or 0
