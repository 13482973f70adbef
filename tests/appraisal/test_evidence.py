"""The evidence beside an appraisal's rated items (appraisal.evidence, core.evidence): each
provider with real records, only the period's, in a constant number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from aftersales.models import FollowUp
from appraisal import evidence
from core import evidence as core_evidence
from core import periods
from sales import services as sales_services
from sales.models import Proposal
from tests.reports import factories as f
from tests.sales.factories import make_opportunity, make_proposal
from tests.training import factories_online as online
from tests.training.factories_quals import make_certificate, make_kind
from tests.training.factories_sessions import make_record
from tests.underwriting.factories import make_application, make_full_customer, upload_required
from underwriting import services as uw_services

pytestmark = pytest.mark.django_db

THIS_MONTH = periods.period_containing("month", periods.today())
LAST_MONTH = THIS_MONTH.previous()


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def groups_of(employee, period=THIS_MONTH):
    return {g.code: g for g in evidence.evidence_for(employee, period.start, period.end)}


def last_month_day():
    return LAST_MONTH.start + dt.timedelta(days=5)


def last_month_time():
    return dt.datetime.combine(
        last_month_day(), dt.time(10), tzinfo=timezone.get_default_timezone()
    )


# -- the registry --------------------------------------------------------------------------


def test_every_app_registers_its_provider():
    names = {p.__module__ for p in core_evidence.providers()}
    assert {
        "training.evidence",
        "aftersales.evidence",
        "sales.evidence",
        "underwriting.evidence",
    } <= names
    assert evidence.register is core_evidence.register
    core_evidence.register(core_evidence.providers()[0])  # twice: kept once
    assert len(core_evidence.providers()) == len(set(core_evidence.providers()))


def test_groups_name_only_known_items():
    with pytest.raises(ValueError, match="unknown appraisal items: charm"):
        evidence.EvidenceGroup("x", "X", ("charm",))
    assert evidence.ITEM_CODES == (
        "product_knowledge",
        "sales_skills",
        "service_quality",
        "problem_solving",
        "responsibility",
        "teamwork",
        "learning",
        "rule_compliance",
    )


def test_nothing_recorded_yet_is_said_not_invented(salesperson):
    groups = groups_of(salesperson.employee)
    # every provider answers with its groups, empty for a quiet month
    assert set(groups) == {
        "training_courses",
        "training_tests",
        "training_certificates",
        "follow_up_answers",
        "complaints",
        "proposals_returned",
        "documents_returned",
        "attendance",
        "confidentiality",
    }
    assert groups["training_courses"].lines == []
    assert groups["training_courses"].empty == "No course completed in the period."
    attendance = groups["attendance"]  # recorded by payroll's attendance: none this month
    assert attendance.lines == []
    assert attendance.item_codes == ("rule_compliance", "responsibility")
    assert attendance.empty == "No attendance recorded in the period."
    breaches = groups["confidentiality"]  # recorded by the confidentiality app: none found
    assert breaches.lines == [] and breaches.item_codes == ("rule_compliance",)
    assert breaches.empty == "No breach of confidentiality found in the period."
    # the groups supporting one item
    all_groups = list(groups.values())
    assert {g.code for g in evidence.for_item(all_groups, "rule_compliance")} == {
        "proposals_returned",
        "documents_returned",
        "attendance",
        "confidentiality",
    }
    with pytest.raises(KeyError):
        evidence.for_item(all_groups, "charm")


def test_a_provider_of_an_extension_point_replaces_the_not_recorded_group(salesperson, monkeypatch):
    def attendance(employee, start, end):
        return [
            evidence.EvidenceGroup(
                evidence.ATTENDANCE,
                "Attendance",
                ("responsibility",),
                [evidence.EvidenceLine("2026-11-03 · late", "15 minutes")],
            )
        ]

    # in place of payroll's attendance provider, as when no app supplies the group yet
    others = [p for p in core_evidence.providers() if not p.__module__.startswith("payroll.")]
    monkeypatch.setattr(core_evidence, "_providers", [*others, attendance])
    groups = evidence.evidence_for(salesperson.employee, THIS_MONTH.start, THIS_MONTH.end)
    found = [g for g in groups if g.code == evidence.ATTENDANCE]
    assert len(found) == 1 and found[0].lines[0].value == "15 minutes"
    assert "confidentiality" in {g.code for g in groups}


# -- training ------------------------------------------------------------------------------


def test_training_courses_tests_and_certificates_of_the_period(salesperson, hr):
    employee = salesperson.employee
    make_record(salesperson, hours="3", completed_on=THIS_MONTH.start)
    make_record(salesperson, hours="1.5", completed_on=THIS_MONTH.start)
    make_record(salesperson, hours="7", completed_on=last_month_day())  # not this period
    course = online.make_course(title="重疾險產品")
    online.make_test(course, units_required=False, question_count=2)
    for _i in range(2):
        online.make_question(course)
    attempt = online.make_attempt(salesperson, course, right=1)  # 1 of 2: 50, not passed
    kind = make_kind(name="保險代理人資格")
    make_certificate(salesperson, hr, kind=kind, issued_on=THIS_MONTH.start, number="A123")
    make_certificate(salesperson, hr, issued_on=last_month_day())  # last month

    groups = groups_of(employee)
    courses = groups["training_courses"]
    assert courses.item_codes == ("product_knowledge", "sales_skills", "learning")
    assert courses.lines[0] == evidence.EvidenceLine("Total", "2 completed, 4.5 h")
    assert len(courses.lines) == 3
    assert courses.lines[1].label.endswith("其他培訓 (Other)")
    assert courses.lines[1].value == "3.0 h · passed"
    assert courses.lines[1].url == f"/training/file/{employee.pk}/"

    tests = groups["training_tests"]
    assert len(tests.lines) == 1
    assert tests.lines[0].label.endswith("重疾險產品, attempt 1")
    assert tests.lines[0].value == f"{attempt.score} of 100 (pass mark 60): not passed"
    assert tests.lines[0].url == attempt.get_absolute_url()

    certificates = groups["training_certificates"]
    assert [line.label for line in certificates.lines] == [
        f"{THIS_MONTH.start.isoformat()} · 保險代理人資格"
    ]
    assert certificates.lines[0].value.startswith("No. A123 · ")

    # last month shows last month's
    before = groups_of(employee, LAST_MONTH)
    assert before["training_courses"].lines[0].value == "1 completed, 7.0 h"
    assert len(before["training_certificates"].lines) == 1
    assert before["training_tests"].lines == []


# -- after-sales ---------------------------------------------------------------------------


def test_follow_up_answers_and_complaints_of_their_customers(team_a, salesperson, clerk):
    employee = salesperson.employee
    cust = f.customer(salesperson, name="王小明")
    pol = f.policy(cust, issued_on=LAST_MONTH.start - dt.timedelta(days=60))
    day = THIS_MONTH.start
    done = FollowUp.Status.DONE
    f.follow_up(pol, due_date=day, status=done, completed_on=day, satisfaction=5)
    low = f.follow_up(pol, due_date=day, status=done, completed_on=day, satisfaction=2)
    FollowUp.objects.filter(pk=low.pk).update(opinions="理賠說明不清楚")
    f.follow_up(pol, due_date=day, status=done, completed_on=day)  # no answer: not evidence
    f.follow_up(
        pol, due_date=last_month_day(), status=done, completed_on=last_month_day(), satisfaction=1
    )  # last month
    other = f.customer(f.sales_team()[3][0])  # someone else's customer
    other_pol = f.policy(other, issued_on=LAST_MONTH.start)
    f.follow_up(other_pol, due_date=day, status=done, completed_on=day, satisfaction=1)
    complaint = f.complaint(cust, received_on=day)
    f.complaint(cust, received_on=last_month_day())
    f.complaint(other, received_on=day)

    groups = groups_of(employee)
    answers = groups["follow_up_answers"]
    assert answers.item_codes == ("service_quality",)
    # (5 + 2) / 2 = 3.5
    assert answers.lines[0] == evidence.EvidenceLine(
        "Average satisfaction", "3.5/5 over 2 answers; 1 of them 1 or 2"
    )
    assert len(answers.lines) == 3
    assert answers.lines[2].label.startswith(f"{day.isoformat()} · 王小明 (")
    assert answers.lines[2].value == "satisfaction 2/5 · 理賠說明不清楚"
    assert answers.lines[2].url == low.get_absolute_url()

    complaints = groups["complaints"]
    assert complaints.item_codes == ("service_quality", "problem_solving")
    assert len(complaints.lines) == 1
    assert complaints.lines[0].label == (
        f"{day.isoformat()} · {complaint.reference} · 王小明: 服務態度"
    )
    assert complaints.lines[0].url == complaint.get_absolute_url()

    # the clerk supports the file and made the calls: the same answers are theirs too
    clerk_groups = groups_of(clerk.employee)
    assert clerk_groups["follow_up_answers"].lines[0].value.startswith("3.5/5 over 2")
    assert len(clerk_groups["complaints"].lines) == 1


# -- sales and underwriting ----------------------------------------------------------------


def test_proposals_returned_by_the_review(team_a, salesperson, clerk):
    employee = salesperson.employee
    opportunity = make_opportunity(make_full_customer(salesperson, name="李四"))
    returned = make_proposal(opportunity, salesperson)
    sales_services.proposal_submit(actor=salesperson, proposal=returned)
    sales_services.proposal_review(
        actor=clerk,
        proposal=returned,
        approve=False,
        compliant=True,
        reasonable=False,
        feasible=False,
        comment="保額超出需求分析",
    )
    approved = make_proposal(make_opportunity(make_full_customer(salesperson)), salesperson)
    sales_services.proposal_submit(actor=salesperson, proposal=approved)
    sales_services.proposal_review(
        actor=clerk, proposal=approved, approve=True, compliant=True, reasonable=True, feasible=True
    )
    old = make_proposal(make_opportunity(make_full_customer(salesperson)), salesperson)
    sales_services.proposal_submit(actor=salesperson, proposal=old)
    sales_services.proposal_review(
        actor=clerk,
        proposal=old,
        approve=False,
        compliant=False,
        reasonable=True,
        feasible=True,
        comment="缺少健康告知",
    )
    Proposal.objects.filter(pk=old.pk).update(reviewed_at=last_month_time())

    lines = groups_of(employee)["proposals_returned"].lines
    assert len(lines) == 1
    assert lines[0].label.endswith("李四, proposal v1")
    assert lines[0].value == "returned: not reasonable, not feasible · 保額超出需求分析"
    assert lines[0].url == returned.get_absolute_url()
    assert len(groups_of(employee, LAST_MONTH)["proposals_returned"].lines) == 1
    # the clerk who reviewed has no returned proposal of their own
    assert groups_of(clerk.employee)["proposals_returned"].lines == []


def test_application_papers_rejected_by_the_check(team_a, salesperson, clerk):
    employee = salesperson.employee
    application = make_application(salesperson=salesperson, clerk=clerk)
    documents = list(upload_required(application, salesperson).values())
    uw_services.document_check(actor=clerk, document=documents[0], accept=False, reason="影本模糊")
    uw_services.document_check(
        actor=clerk,
        document=documents[1],
        accept=True,
        authentic=True,
        complete=True,
        accurate=True,
    )
    lines = groups_of(employee)["documents_returned"].lines
    assert len(lines) == 1
    assert lines[0].value == "影本模糊"
    assert application.reference in lines[0].label
    assert documents[0].get_kind_display() in lines[0].label
    # last month's rejection is last month's
    documents[0].__class__.objects.filter(pk=documents[0].pk).update(checked_at=last_month_time())
    assert groups_of(employee)["documents_returned"].lines == []
    assert len(groups_of(employee, LAST_MONTH)["documents_returned"].lines) == 1


# -- limits and queries --------------------------------------------------------------------


def test_long_groups_are_capped_with_a_count(salesperson, monkeypatch):
    monkeypatch.setattr(core_evidence, "MAX_LINES", 2)
    for _i in range(4):
        make_record(salesperson, hours="1", completed_on=THIS_MONTH.start)
    lines = groups_of(salesperson.employee)["training_courses"].lines
    # the total line, one record, then how many more (5 lines in all: 3 more)
    assert [line.label for line in lines][-1] == "… and 3 more"
    assert len(lines) == 3


def test_queries_do_not_grow_with_the_records(
    team_a, salesperson, clerk, django_assert_num_queries
):
    employee = salesperson.employee
    start, end = THIS_MONTH.start, THIS_MONTH.end
    # warm: content types and the like
    evidence.evidence_for(employee, start, end)
    # 3 training + 2 after-sales + 1 sales + 1 underwriting + 1 confidentiality
    with django_assert_num_queries(11):
        evidence.evidence_for(employee, start, end)
    cust = f.customer(salesperson)
    pol = f.policy(cust, issued_on=LAST_MONTH.start)
    for i in range(6):
        make_record(salesperson, hours="1", completed_on=start)
        f.follow_up(
            pol,
            due_date=start,
            status=FollowUp.Status.DONE,
            completed_on=start,
            satisfaction=1 + i % 5,
        )
        f.complaint(cust, received_on=start)
    with django_assert_num_queries(11):
        groups = {g.code: g for g in evidence.evidence_for(employee, start, end)}
    assert len(groups["training_courses"].lines) == 7
    assert len(groups["complaints"].lines) == 6
    assert groups["follow_up_answers"].lines[0].value.startswith(f"{Decimal(16) / 6:.1f}/5 over 6")
