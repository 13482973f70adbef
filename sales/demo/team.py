"""Demo campaigns, team work (targets, plans, meetings and tasks) and market research."""

import datetime as dt

from core import demo
from core.services import acting_as

from .. import services
from ..models import (
    Campaign,
    CompetitorComparison,
    MarketNote,
    TeamMeeting,
    TeamPlan,
)
from .catalogue import D

CAMPAIGNS = [
    # name, channel, team, calendar month, days, budget
    ("春季重疾保障講座", "social_event", "A", 3, 45, 30000),
    ("暑期少兒教育金專案", "online", None, 7, 40, 20000),
    ("老客戶轉介紹計劃", "referral", "B", 9, 60, 10000),
    ("年終家庭保障檢視", "telemarketing", None, 12, 31, 40000),
    ("線上家庭保障測評", "online", None, 11, 30, 50000),
]


def _campaigns(past, teams, sup):
    made = []
    for name, channel, team, month_no, days, budget in CAMPAIGNS:
        year = past.today.year if month_no < past.today.month else past.today.year - 1
        start = past.workdays.on_or_after(dt.date(year, month_no, 1))
        owner = sup["A"] if team != "B" else sup["B"]
        with demo.clock(past.moment(start - dt.timedelta(days=14), 10)):
            campaign = Campaign(
                name=name,
                channel=channel,
                team=teams.get(team) if team else None,
                start_date=start,
                end_date=start + dt.timedelta(days=days),
                budget=D(budget),
                owner=owner,
                description="",
            )
            campaign.full_clean()
            campaign.save()
        made.append(campaign)
    return made


def _teamwork(teams, sup, users, past):
    today = past.today
    this_month = today.replace(day=1)
    members = {"A": ["sales1", "sales2"], "B": ["sales3", "sales4"]}
    for code, team in teams.items():
        supervisor = sup.get(code)
        if supervisor is None:
            continue
        planned = past.workdays.on_or_after(this_month)
        with acting_as(supervisor), demo.clock(past.moment(min(planned, today), 9)):
            plan = TeamPlan(
                team=team,
                title=f"{today:%Y年%m月}團隊計劃",
                period_start=this_month,
                period_end=(this_month + dt.timedelta(days=32)).replace(day=1)
                - dt.timedelta(days=1),
                content=(
                    "一、重點推廣重疾險與醫療險組合。\n"
                    "二、每人每週面談不少於 5 次。\n"
                    "三、月底前完成老客戶保單檢視。"
                ),
                author=supervisor,
            )
            plan.full_clean()
            plan.save()
        met = min(past.workdays.on_or_after(today - dt.timedelta(days=7)), today)
        with demo.clock(past.moment(met, 17)):
            meeting = services.meeting_save(
                actor=supervisor,
                meeting=TeamMeeting(
                    team=team,
                    date=met,
                    agenda="1. 上月業績回顧\n2. 本月目標分解\n3. 重點客戶跟進",
                    minutes="重疾險件數增長明顯；需加強醫療險附加銷售。",
                ),
                attendees=[users[u] for u in members.get(code, []) if u in users],
            )
        for n, username in enumerate(members.get(code, [])):
            if username in users:
                services.task_assign(
                    actor=supervisor,
                    team=team,
                    assignee=users[username],
                    title=["整理本月重點客戶名單", "完成三份方案試算"][n % 2],
                    due_date=today + dt.timedelta(days=[-1, 5][n % 2]),
                    meeting=meeting,
                )


def _research(users, products):
    author = users.get("clerk1") or next(iter(users.values()))
    with acting_as(author):
        for title, competitor, product, pricing, source, tags, content in (
            (
                "友邦推出新版重疾險，輕症賠付提高",
                "友邦人壽",
                "友邦全佑至尊",
                "30歲男性 50萬保額 年繳約 9,800 元",
                "官網及代理人資料",
                "重疾險,競品,價格",
                "輕症賠付比例由 30% 提高到 45%，並增加特定疾病額外給付。",
            ),
            (
                "百萬醫療險續保條件比較",
                "眾安保險",
                "尊享e生",
                "年繳 300–1,500 元",
                "行業報告",
                "醫療險,續保",
                "多家公司推出保證續保 6 年的版本，客戶關注度上升。",
            ),
            (
                "年金險預定利率下調趨勢",
                "多家公司",
                "",
                "預定利率 2.5% → 2.0%",
                "監管通知",
                "年金險,趨勢",
                "預計下季起新產品預定利率下調，可提醒有儲蓄需求的客戶。",
            ),
        ):
            note = MarketNote(
                title=title,
                competitor=competitor,
                product_name=product,
                pricing=pricing,
                source=source,
                tags=tags,
                content=content,
                author=author,
            )
            note.full_clean()
            note.save()
        comparison = CompetitorComparison(
            title="重疾險：平安福 vs 友邦全佑至尊（30歲男性，50萬）",
            our_product=products["PA-CI01"],
            competitor="友邦人壽",
            competitor_product="友邦全佑至尊",
            sum_insured=D("500000"),
            our_premium=D("9200"),
            competitor_premium=D("9800"),
            strengths="保費較低；理賠服務網點多。",
            weaknesses="輕症賠付比例較低。",
            author=author,
        )
        comparison.full_clean()
        comparison.save()
