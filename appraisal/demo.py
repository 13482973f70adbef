"""Demo appraisal: the salesperson's and the clerk's monthly templates (results computed
from the record, ability and attitude rated with anchors), three closed monthly rounds and
the previous month's round open with every stage represented. Idempotent."""

import datetime as dt
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from core import demo
from core.services import acting_as

from . import services
from .models import AppraisalRound, AppraisalTemplate, Stage, TemplateItem

FIVE = "1-5"
ANCHORS = {
    "產品知識": "\n".join(
        [
            "不了解主要產品",
            "了解部分產品條款",
            "熟悉主要產品並能講解",
            "能比較產品並針對需求推薦",
            "精通全線產品，能指導同事",
        ]
    ),
    "銷售技巧": "\n".join(
        [
            "不能完成基本話術",
            "能完成話術但轉化低",
            "能分析需求並處理常見異議",
            "轉化穩定，善於促成",
            "轉化突出，能總結分享技巧",
        ]
    ),
    "服務質量": "\n".join(
        [
            "多次投訴",
            "偶有投訴或回訪不及時",
            "服務規範，回訪按時",
            "客戶滿意度高",
            "客戶主動推薦、表揚",
        ]
    ),
    "問題解決": "\n".join(
        [
            "遇問題需他人處理",
            "能處理簡單問題",
            "能獨立解決常見問題",
            "能解決複雜問題",
            "能預防問題並改進流程",
        ]
    ),
    "責任心": "\n".join(
        [
            "經常推諉",
            "需督促才完成",
            "按時完成本職工作",
            "主動承擔額外工作",
            "以身作則，帶動團隊",
        ]
    ),
    "團隊合作": "\n".join(
        [
            "不配合",
            "配合較少",
            "能與同事良好協作",
            "主動支援同事",
            "促進團隊整體提升",
        ]
    ),
    "學習能力": "\n".join(
        [
            "不參加培訓",
            "參加但成績差",
            "按時完成培訓並通過",
            "主動學習，成績優良",
            "持續進修並分享",
        ]
    ),
    "遵守制度": "\n".join(
        [
            "有違規",
            "偶有不規範",
            "遵守制度",
            "嚴格遵守並提醒他人",
            "制度執行的模範",
        ]
    ),
}
ABILITY = ["產品知識", "銷售技巧", "服務質量", "問題解決"]
# the record evidence shown beside each rated item (core.evidence.ITEMS)
EVIDENCE = {
    "產品知識": "product_knowledge",
    "銷售技巧": "sales_skills",
    "服務質量": "service_quality",
    "問題解決": "problem_solving",
    "責任心": "responsibility",
    "團隊合作": "teamwork",
    "學習能力": "learning",
    "遵守制度": "rule_compliance",
}
ATTITUDE = ["責任心", "團隊合作", "學習能力", "遵守制度"]
# code, label, weight, target (None: the sales target), curve
SALES_RESULTS = [
    ("premium_vs_target", "保費收入完成率", Decimal(50), None),
    ("new_policies_vs_target", "新單件數完成率", Decimal(30), None),
    ("profit_contribution", "利潤貢獻", Decimal(20), Decimal(3000)),
]
CLERK_RESULTS = [
    ("files_completed", "客戶檔案完成數", Decimal(40), Decimal(10)),
    ("reviews_done", "資料審核數", Decimal(30), Decimal(20)),
    ("followups_on_time", "回訪按時率", Decimal(30), None),
]
# a supervisor's results are rated (0–100) by the manager who assesses them
SUPERVISOR_RESULTS = [
    (None, "團隊業績達成", Decimal(60), None),
    (None, "團隊管理與培養", Decimal(40), None),
]
CURVE = [[0, 0], [60, 50], [100, 90], [120, 100]]


def _user(username):
    return (
        apps.get_model("org", "Employee")
        .objects.select_related("user")
        .get(user__username=username)
        .user
    )


def _template(hr, position, name, results):
    template = AppraisalTemplate.objects.filter(position=position, kind="monthly").first()
    if template:
        return template
    template = services.template_save(
        actor=hr, template=AppraisalTemplate(name=name, position=position, kind="monthly")
    )
    order = 1
    for code, label, weight, target in results:
        if code is None:
            services.template_item_save(
                actor=hr,
                item=TemplateItem(
                    template=template,
                    dimension="results",
                    order=order,
                    label=label,
                    weight=weight,
                    method="rated",
                    scale="0-100",
                ),
            )
            order += 1
            continue
        services.template_item_save(
            actor=hr,
            item=TemplateItem(
                template=template,
                dimension="results",
                order=order,
                label=label,
                weight=weight,
                method="computed",
                computed_code=code,
                target=target,
                curve=CURVE,
                cap=Decimal(100),
            ),
        )
        order += 1
    for dimension, labels in (("ability", ABILITY), ("attitude", ATTITUDE)):
        for label in labels:
            services.template_item_save(
                actor=hr,
                item=TemplateItem(
                    template=template,
                    dimension=dimension,
                    order=order,
                    label=label,
                    weight=Decimal(25),
                    method="rated",
                    scale=FIVE,
                    evidence_code=EVIDENCE[label],
                    anchors=ANCHORS[label],
                ),
            )
            order += 1
    return template


def _rating(row, rng, base):
    level = max(1, min(5, base + rng.choice((-1, 0, 0, 1))))
    if row.item.scale == "0-100":
        return min(100, 40 + level * 12)
    return level


def _ratings(appraisal, rng, base):
    return {
        row.item_id: _rating(row, rng, base)
        for row in appraisal.items.select_related("item")
        if not row.item.is_computed
    }


# the level each demo person is usually rated at (sales1 excellent every month)
LEVELS = {
    "sales1": 5,
    "sales2": 4,
    "sales3": 3,
    "sales4": 2,
    "clerk1": 4,
    "clerk2": 3,
    "sup1": 4,
    "sup2": 4,
}


def _walk(appraisal, stage, rng, hr, interview_day):
    """Take a demo appraisal through the steps up to ``stage``."""
    username = appraisal.employee.user.username
    level = LEVELS.get(username, 3)
    employee = appraisal.employee.user
    assessor = appraisal.supervisor or hr
    order = [Stage.SELF, Stage.SUPERVISOR, Stage.HR, Stage.INTERVIEW, Stage.CLOSED]
    target = order.index(stage)
    if target >= 1:
        ratings = _ratings(appraisal, rng, level)
        if username == "sales1":
            ratings = dict.fromkeys(ratings, 5)
        services.self_submit(
            actor=employee, appraisal=appraisal, ratings=ratings, comment="本月按計劃完成工作。"
        )
    if target >= 2:
        ratings = _ratings(appraisal, rng, level)
        if username == "sales1":
            ratings = dict.fromkeys(ratings, 5)
        services.supervisor_submit(
            actor=assessor,
            appraisal=appraisal,
            ratings=ratings,
            comment="工作認真，客戶回訪及時。" if level >= 4 else "需加強產品知識與跟進。",
            private_notes="留意其客戶檔案完整性。" if level <= 3 else "",
        )
    if target >= 3:
        services.hr_consolidate(actor=hr, appraisal=appraisal)
    if target >= 4 or (stage == Stage.INTERVIEW and username == "clerk1"):
        services.interview_record(
            actor=assessor,
            appraisal=appraisal,
            date=interview_day,
            discussed="回顧本月業績與能力表現。",
            strengths="客戶溝通主動。",
            problems="部分檔案資料不全。",
            goals="下月完成全部在管客戶檔案補全。",
        )
    if target >= 4:
        services.employee_acknowledge(actor=employee, appraisal=appraisal)


@demo.register
def seed_appraisal(context):
    rng = context["rng"]
    hr = _user("hr1")
    today = timezone.localdate()
    with acting_as(hr):
        _template(hr, "salesperson", "業務員月度考核", SALES_RESULTS)
        _template(hr, "clerk", "內勤月度考核", CLERK_RESULTS)
        _template(hr, "supervisor", "主管月度考核", SUPERVISOR_RESULTS)
        year, month = services.previous_month(today)
        periods = []
        for back in range(3, 0, -1):
            y, m = year, month - back
            while m < 1:
                m += 12
                y -= 1
            periods.append((y, m))
        for y, m in periods:
            if AppraisalRound.objects.filter(kind="monthly", year=y, month=m).exists():
                continue
            round_ = services.round_open(actor=hr, kind="monthly", year=y, month=m)
            for appraisal in round_.appraisals.select_related("employee__user", "supervisor"):
                _walk(appraisal, Stage.CLOSED, rng, hr, min(round_.interview_due, today))
            services.round_close(actor=hr, round_=round_)
        if AppraisalRound.objects.filter(kind="monthly", year=year, month=month).exists():
            return
        round_ = services.round_open(actor=hr, kind="monthly", year=year, month=month)
        # every stage represented: sales1 self, sales2 supervisor, sales3 HR, sales4 and
        # clerk1 the interview (clerk1's recorded, awaiting the answer), clerk2 closed
        stages = {
            "sales1": Stage.SELF,
            "sales2": Stage.SUPERVISOR,
            "sales3": Stage.HR,
            "sales4": Stage.INTERVIEW,
            "clerk1": Stage.INTERVIEW,
            "clerk2": Stage.CLOSED,
            # the supervisors' own appraisals, assessed by the manager (mgr1)
            "sup1": Stage.SUPERVISOR,
            "sup2": Stage.HR,
        }
        for appraisal in round_.appraisals.select_related("employee__user", "supervisor"):
            stage = stages.get(appraisal.employee.user.username, Stage.SELF)
            _walk(
                appraisal, stage, rng, hr, min(today, round_.interview_due) - dt.timedelta(days=0)
            )
