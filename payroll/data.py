"""The PRC pay tables as data, loaded into the tables by ``services.pay_tables_load``
(``manage.py load_pay_tables``, and the demo). Nothing in the calculations reads this
module: the tables in the database are what is applied, and HR keeps them."""

import datetime as dt
from decimal import Decimal as D

# (kind, effective from, note, [(upper limit or None, rate %, quick deduction)])
TAX_TABLES = [
    (
        "annual",
        dt.date(2019, 1, 1),
        "《个人所得税法》(2018年修正) 附表一：综合所得适用 (annual; cumulative withholding, "
        "国家税务总局公告2018年第61号 附件 预扣率表一)",
        [
            (D("36000"), D("3"), D("0")),
            (D("144000"), D("10"), D("2520")),
            (D("300000"), D("20"), D("16920")),
            (D("420000"), D("25"), D("31920")),
            (D("660000"), D("30"), D("52920")),
            (D("960000"), D("35"), D("85920")),
            (None, D("45"), D("181920")),
        ],
    ),
    (
        "monthly",
        dt.date(2019, 1, 1),
        "财税〔2018〕164号 按月换算后的综合所得税率表 (annual one-time bonus taxed alone; "
        "extended to 2027-12-31 by 财政部 税务总局公告2023年第30号)",
        [
            (D("3000"), D("3"), D("0")),
            (D("12000"), D("10"), D("210")),
            (D("25000"), D("20"), D("1410")),
            (D("35000"), D("25"), D("2660")),
            (D("55000"), D("30"), D("4410")),
            (D("80000"), D("35"), D("7160")),
            (None, D("45"), D("15160")),
        ],
    ),
]

# (effective from, per month, note)
STANDARD_DEDUCTIONS = [
    (
        dt.date(2018, 10, 1),
        D("5000"),
        "《个人所得税法》(2018年修正) 第六条：每年六万元 (5,000 a month)",
    ),
]

# (kind, effective from, per month, per, note)
ADDITIONAL_STANDARDS = [
    ("children_education", dt.date(2019, 1, 1), D("1000"), "每個子女", "国发〔2018〕41号"),
    ("children_education", dt.date(2023, 1, 1), D("2000"), "每個子女", "国发〔2023〕13号"),
    ("infant_care", dt.date(2022, 1, 1), D("1000"), "每個嬰幼兒", "国发〔2022〕8号"),
    ("infant_care", dt.date(2023, 1, 1), D("2000"), "每個嬰幼兒", "国发〔2023〕13号"),
    (
        "continuing_education",
        dt.date(2019, 1, 1),
        D("400"),
        "學歷（學位）教育",
        "国发〔2018〕41号 (certificates: 3,600 in the year obtained, settled in the annual return)",
    ),
    ("housing_loan_interest", dt.date(2019, 1, 1), D("1000"), "首套住房", "国发〔2018〕41号"),
    (
        "housing_rent",
        dt.date(2019, 1, 1),
        D("1500"),
        "直轄市、省會等城市",
        "国发〔2018〕41号 (1,100 in cities over 1 million people, 800 elsewhere)",
    ),
    ("elderly_support", dt.date(2019, 1, 1), D("2000"), "獨生子女", "国发〔2018〕41号"),
    (
        "elderly_support",
        dt.date(2023, 1, 1),
        D("3000"),
        "獨生子女",
        "国发〔2023〕13号 (siblings share it, at most 1,500 each)",
    ),
]

# city, effective from, SI floor, SI cap, HF floor, HF cap, SI rounding, HF rounding, note,
# {scheme: (employer %, employee %)}
_SHANGHAI_RATES = {
    "pension": (D("16"), D("8")),
    "medical": (D("10"), D("2")),
    "unemployment": (D("0.5"), D("0.5")),
    "work_injury": (D("0.16"), D("0")),
    "housing_fund": (D("7"), D("7")),
}
CONTRIBUTION_POLICIES = [
    (
        "上海",
        dt.date(2024, 7, 1),
        D("7384"),
        D("36921"),
        D("2690"),
        D("36921"),
        "cent",
        "yuan",
        "上海 2024年度 (2024-07-01 起) 社保繳費基數上下限 7,384–36,921；公積金 2,690–36,921；"
        "醫療含生育；工傷按行業 0.16% 起；公積金 7% 四捨五入到元",
        _SHANGHAI_RATES,
    ),
    (
        "上海",
        dt.date(2025, 7, 1),
        D("7460"),
        D("37302"),
        D("2690"),
        D("37302"),
        "cent",
        "yuan",
        "上海 2025年度 (2025-07-01 起，至2026年6月) 社保繳費基數上下限 7,460–37,302；"
        "公積金 2,690–37,302；醫療含生育；工傷按行業 0.16% 起；公積金 7% 四捨五入到元",
        _SHANGHAI_RATES,
    ),
]
