"""Demo customer files: a few hundred across both teams, with families, needs, existing cover,
tags, some archived and some incomplete files for the clerks' worklist."""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core import demo
from core.services import acting_as
from org.demo import Workdays

from . import services
from .models import Customer, CustomerTag, ExistingCover, FamilyMember, Need
from .validators import id_check_char

SURNAMES = (
    "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何林羅高鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董潘袁蔡蔣余"
    "于杜葉程魏蘇呂丁任沈姚盧姜崔鍾譚陸汪范金石廖賈夏韋付方白鄒孟熊秦邱江尹薛閻段雷侯"
    "龍史陶黎賀顧毛郝龔邵萬錢嚴覃武戴莫孔向湯"
)
GIVEN_M = [
    "偉",
    "強",
    "磊",
    "軍",
    "洋",
    "勇",
    "傑",
    "濤",
    "明",
    "超",
    "剛",
    "建華",
    "志強",
    "俊傑",
    "浩然",
    "宇軒",
    "子豪",
    "文博",
    "家豪",
    "國平",
    "永康",
    "立新",
]
GIVEN_F = [
    "芳",
    "娜",
    "秀英",
    "敏",
    "靜",
    "麗",
    "艷",
    "娟",
    "霞",
    "平",
    "桂英",
    "欣怡",
    "子涵",
    "梓萱",
    "雨桐",
    "佳怡",
    "曉燕",
    "婷婷",
    "美玲",
    "淑華",
    "雅琪",
    "慧敏",
]
# region code -> (province, city, district)
REGIONS = {
    "110101": ("北京市", "北京市", "東城區"),
    "110105": ("北京市", "北京市", "朝陽區"),
    "310104": ("上海市", "上海市", "徐匯區"),
    "310115": ("上海市", "上海市", "浦東新區"),
    "440106": ("廣東省", "廣州市", "天河區"),
    "440305": ("廣東省", "深圳市", "南山區"),
    "330106": ("浙江省", "杭州市", "西湖區"),
    "320102": ("江蘇省", "南京市", "玄武區"),
    "510107": ("四川省", "成都市", "武侯區"),
    "420106": ("湖北省", "武漢市", "武昌區"),
}
STREETS = [
    "建國路",
    "人民路",
    "中山路",
    "解放路",
    "和平路",
    "長江路",
    "南京路",
    "世紀大道",
    "科技園路",
    "濱江路",
]
OCCUPATIONS = [
    ("教師", "1"),
    ("會計", "1"),
    ("軟件工程師", "1"),
    ("醫生", "2"),
    ("銷售經理", "2"),
    ("公務員", "1"),
    ("個體經營", "2"),
    ("護士", "2"),
    ("司機", "4"),
    ("電工", "4"),
    ("廚師", "3"),
    ("建築工人", "5"),
]
EMPLOYERS = [
    "華信科技有限公司",
    "市第一人民醫院",
    "明德中學",
    "長城貿易公司",
    "安康物流",
    "東方建設集團",
    "藍海餐飲",
    "自僱",
]
COMPANIES = [
    "華興電子有限公司",
    "恒泰物流股份有限公司",
    "綠源食品有限公司",
    "金橋建設集團",
    "博雅教育科技",
    "新城物業管理",
    "遠航國際貿易",
    "天成醫療器械",
    "盛世文化傳媒",
    "中聯精密機械",
    "和美家居有限公司",
    "瑞豐農業科技",
]
INSURERS = ["中國人壽", "平安人壽", "太平洋人壽", "新華保險", "泰康人壽", "友邦保險"]
TAGS = [
    ("高淨值", "danger", "資產或收入較高的客戶"),
    ("轉介紹來源", "success", "曾經介紹新客戶"),
    ("待回訪", "warning", "需要安排回訪"),
    ("團體業務", "info", "企業團體保險"),
    ("老客戶", "primary", "多年往來客戶"),
]
TAG_NAMES_EN = {
    "高淨值": "High net worth",
    "轉介紹來源": "Referral source",
    "待回訪": "Call back",
    "團體業務": "Group business",
    "老客戶": "Long-standing customer",
}
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def make_id_number(rng, region, birth, male, used):
    """A valid 18-digit resident ID (correct checksum, gender digit) not used yet."""
    while True:
        seq = rng.randrange(0, 100)
        gender_digit = rng.choice("13579" if male else "02468")
        first17 = f"{region}{birth:%Y%m%d}{seq:02d}{gender_digit}"
        number = first17 + id_check_char(first17)
        if number not in used:
            used.add(number)
            return number


def make_mobile(rng, used):
    while True:
        number = rng.choice(["13", "15", "17", "18", "19"]) + "".join(
            str(rng.randrange(10)) for _i in range(9)
        )
        if number not in used:
            used.add(number)
            return number


def _birth(rng, young=1960, old=1998):
    return dt.date(rng.randint(young, old), rng.randint(1, 12), rng.randint(1, 28))


def _maybe(rng, p, value, default=""):
    return value if rng.random() < p else default


def _person(rng, stage, used_ids, used_mobiles, complete):
    """The fields of one individual customer, fuller for later stages (unless incomplete)."""
    male = rng.random() < 0.5
    name = rng.choice(SURNAMES) + rng.choice(GIVEN_M if male else GIVEN_F)
    region = rng.choice(list(REGIONS))
    province, city, district = REGIONS[region]
    birth = _birth(rng)
    occupation, occ_class = rng.choice(OCCUPATIONS)
    full = stage in ("customer", "lapsed")
    p = 0.95 if complete else 0.35
    fields = {
        "kind": "individual",
        "name": name,
        "mobile": make_mobile(rng, used_mobiles),
        "stage": stage,
        "source_channel": rng.choice([c.value for c in Customer.Channel]),
    }
    if full or stage == "intending" or rng.random() < p:
        fields.update(gender="male" if male else "female", birth_date=birth)
    if full or rng.random() < p * 0.7:
        fields.update(
            id_type="prc_id", id_number=make_id_number(rng, region, birth, male, used_ids)
        )
        fields.update(gender="male" if male else "female", birth_date=birth)
    if full or rng.random() < p:
        fields.update(province=province, city=city)
    if full or rng.random() < p:
        fields.update(street=f"{rng.choice(STREETS)}{rng.randint(1, 999)}號")
    if rng.random() < p:
        fields["district"] = district
    if full or rng.random() < p:
        fields["occupation"] = occupation
    if rng.random() < p:
        fields["occupation_class"] = occ_class
    if rng.random() < p:
        fields["employer"] = rng.choice(EMPLOYERS)
    if rng.random() < p:
        fields["income_band"] = rng.choice([c.value for c in Customer.IncomeBand])
    if rng.random() < p:
        fields["marital_status"] = rng.choice(
            ["single", "married", "married", "married", "divorced"]
        )
    if rng.random() < p * 0.8:
        fields["email"] = f"user{rng.randint(1000, 99999)}@example.com"
    if rng.random() < p:
        fields["grade"] = rng.choice(["vip", "a", "b", "b", "c", "c"])
    return fields, male


def _created_on(rng, stage, workdays, months, today):
    """When the file was opened: clients and companies years ago (before the demo's
    eighteen months), prospects over the past months as the company grew and the seasons
    went (``months``: [(first of month, weight)])."""
    if stage in ("customer", "lapsed") or rng.random() < 0.15:
        back = rng.randint(demo.HISTORY_MONTHS + 1, 48)
        days = workdays.in_month(demo.month_start(today, back))
    else:
        month = rng.choices([m for m, _w in months], weights=[w for _m, w in months])[0]
        days = [d for d in workdays.in_month(month) if d <= today]
    return rng.choice(days or [today])


def _company(rng, i, used_ids, used_mobiles):
    region = rng.choice(list(REGIONS))
    province, city, district = REGIONS[region]
    code = "91" + region + "".join(rng.choice(USCC_CHARS) for _i in range(10))
    used_ids.add(code)
    return {
        "kind": "company",
        "name": COMPANIES[i % len(COMPANIES)],
        "contact_person": rng.choice(SURNAMES) + rng.choice(GIVEN_M + GIVEN_F),
        "mobile": make_mobile(rng, used_mobiles),
        "id_type": "uscc",
        "id_number": code,
        "province": province,
        "city": city,
        "district": district,
        "street": f"{rng.choice(STREETS)}{rng.randint(1, 999)}號",
        "stage": rng.choice(["intending", "customer", "customer"]),
        "source_channel": rng.choice(["referral", "social_event", "telemarketing"]),
        "grade": rng.choice(["vip", "a", "b"]),
        "email": f"hr{i}@example.com",
    }


@demo.register
def seed_customers(context, count=400):
    """About 400 files over sales1–4 (teams A and B), entered by each team's clerk."""
    if Customer.objects.exists():
        return
    rng = context["rng"]
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["clerk1", "clerk2", "sales1", "sales2", "sales3", "sales4", "sup1"]
        )
    }
    if len(users) < 7:
        return
    tags = []
    for name, colour, description in TAGS:
        tag, _c = CustomerTag.objects.get_or_create(
            name=name,
            defaults={
                "name_en": TAG_NAMES_EN.get(name, ""),
                "colour": colour,
                "description": description,
            },
        )
        tags.append(tag)
    owners = [users[f"sales{i}"] for i in range(1, 5)]
    clerk_of = {"A": users["clerk1"], "B": users["clerk2"]}
    used_ids, used_mobiles = set(), set()
    created = []
    today = timezone.localdate()
    workdays = Workdays(demo.month_start(today, 48), today)
    months = [
        (m, demo.month_weight(m, today))
        for m in (demo.month_start(today, b) for b in range(demo.HISTORY_MONTHS, -1, -1))
    ]
    opened = {}
    stages = ["prospect"] * 30 + ["intending"] * 25 + ["customer"] * 40 + ["lapsed"] * 5
    n_companies = 12
    for i in range(count):
        owner = owners[i % 4]
        team_code = owner.employee.team.code
        clerk = clerk_of[team_code]
        if i < n_companies:
            fields = _company(rng, i, used_ids, used_mobiles)
            male = None
        else:
            stage = rng.choice(stages)
            fields, male = _person(rng, stage, used_ids, used_mobiles, complete=rng.random() > 0.2)
        day = _created_on(rng, fields["stage"], workdays, months, today)
        if fields["source_channel"] == "referral":
            same_team = [
                c for c in created if c.team_id == owner.employee.team_id and opened[c.pk] <= day
            ]
            if same_team:
                fields["referred_by"] = rng.choice(same_team)
        needs = rng.sample(
            [n.value for n in Need], rng.randint(0 if fields["stage"] == "prospect" else 1, 3)
        )
        with acting_as(clerk), demo.clock(demo.at(day, rng.randint(9, 17), rng.randint(0, 59))):
            customer = services.customer_create(
                actor=clerk,
                owner=owner,
                clerk=clerk,
                tags=rng.sample(tags, rng.choice([0, 0, 1, 1, 2])),
                needs=needs,
                notes=rng.choice(
                    ["", "", "偏好週末聯繫", "關注子女教育金", "已有團體醫療", "希望了解養老規劃"]
                ),
                **fields,
            )
            created.append(customer)
            opened[customer.pk] = day
            if (
                male is not None
                and customer.stage in ("customer", "lapsed", "intending")
                and rng.random() < 0.7
            ):
                _family(rng, customer, male)
            if rng.random() < 0.3:
                _cover(rng, customer)
    # A few archived files and a few shared ones.
    for customer in rng.sample(created, 10):
        with acting_as(clerk_of[customer.team.code]):
            services.customer_archive(
                actor=clerk_of[customer.team.code],
                customer=customer,
                reason=rng.choice(["客戶要求停止聯繫", "重複登記已合併", "已移居海外"]),
            )
    for customer in [c for c in created if c.owner == users["sales2"] and not c.archived][:3]:
        with acting_as(users["sales2"]):
            services.customer_grant_access(
                actor=users["sales2"], customer=customer, to=users["sales1"], reason="共同服務"
            )
    context["customers"] = created


def _family(rng, customer, male):
    married = customer.marital_status == "married" or rng.random() < 0.5
    if married:
        spouse = FamilyMember(
            customer=customer,
            relation="spouse",
            name=rng.choice(SURNAMES) + rng.choice(GIVEN_F if male else GIVEN_M),
            birth_date=_birth(rng),
            occupation=rng.choice(OCCUPATIONS)[0],
            dependent=rng.random() < 0.2,
        )
        spouse.full_clean()
        spouse.save()
        for _i in range(rng.choice([0, 1, 1, 2])):
            child = FamilyMember(
                customer=customer,
                relation="child",
                name=customer.name[0] + rng.choice(GIVEN_M + GIVEN_F),
                birth_date=_birth(rng, 2005, 2022),
                occupation="學生",
                dependent=True,
            )
            child.full_clean()
            child.save()
    if rng.random() < 0.3:
        parent = FamilyMember(
            customer=customer,
            relation="parent",
            name=customer.name[0] + rng.choice(GIVEN_M + GIVEN_F),
            birth_date=_birth(rng, 1935, 1960),
            occupation="退休",
            dependent=rng.random() < 0.5,
        )
        parent.full_clean()
        parent.save()


def _cover(rng, customer):
    kind = rng.choice(["life", "critical_illness", "medical", "accident", "annuity"])
    cover = ExistingCover(
        customer=customer,
        insurer=rng.choice(INSURERS),
        cover_type=kind,
        sum_insured=Decimal(rng.choice([100000, 200000, 300000, 500000, 1000000])),
        annual_premium=Decimal(rng.randint(800, 25000)) + Decimal("0.00"),
        expiry_date=dt.date.today() + dt.timedelta(days=rng.randint(-200, 3650)),
    )
    cover.full_clean()
    cover.save()
