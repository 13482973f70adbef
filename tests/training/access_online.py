"""Online learning's rows of the permission matrix (names prefixed ``ol_``)."""

from tests.access import NOT_FOUND, OK, Case, each
from tests.training import factories_online as f

LEARNERS = (
    "clerk",
    "salesperson",
    "other_salesperson",
    "shared_colleague",
    "supervisor",
    "hr",
    "compliance",
)
CONTENT = ("hr", "manager", "superuser")  # the content pages (read)
EDITORS = ("hr", "superuser")
RESULT_READERS = (*LEARNERS, "manager", "superuser")
ALL_ATTEMPTS = {"ol_attempt_sp", "ol_attempt_open", "ol_attempt_other"}


def scenario(personas):
    hr = personas["hr"]
    course = f.make_course(title="線上課程")
    video = f.make_resource("video", title="介紹影片", actor=hr)
    document = f.make_resource("document", title="講義", actor=hr)
    link = f.make_resource("link", title="產品頁", actor=hr)
    unit = f.make_unit(course, video, actor=hr)
    unit_2 = f.make_unit(course, link, actor=hr)
    f.make_test(course, actor=hr, units_required=False, question_count=2)
    questions = [
        f.make_question(course, "single", actor=hr),
        f.make_question(course, "multiple", actor=hr),
        f.make_question(course, "true_false", actor=hr),
    ]
    second = f.make_course(title="第二門線上課程")
    f.make_unit(second, document, actor=hr)
    f.make_test(second, actor=hr, units_required=False, question_count=1)
    questions.append(f.make_question(second, "single", actor=hr))
    sp, other = personas["salesperson"], personas["other_salesperson"]
    from training import services

    return {
        "ol_course": course,
        "ol_second": second,
        "ol_unit": unit,
        "ol_unit_2": unit_2,
        "ol_video": video,
        "ol_document": document,
        "ol_link": link,
        "ol_questions": questions,
        "ol_attempt_sp": f.make_attempt(sp, course),
        "ol_attempt_other": f.make_attempt(other, course, right=0),
        "ol_attempt_open": services.attempt_start(actor=sp, course=second),
        "ol_emp_sp": sp.employee,
        "ol_emp_other": other.employee,
    }


def _results(ctx):
    return [row["employee"] for row in ctx["rows"]]


_learner_rows = dict.fromkeys(LEARNERS, {"ol_course", "ol_second"})

CASES = [
    Case(
        "training:online_learning",
        each(LEARNERS, OK),
        rows=_learner_rows,
        shown=lambda ctx: ctx["courses"],
    ),
    Case("training:online_course", each(LEARNERS, OK), args=lambda o: [o["ol_course"].pk]),
    Case(
        "training:online_progress",
        each(LEARNERS, OK),
        method="post",
        data={"seconds": "10", "position": "5"},
        args=lambda o: [o["ol_unit"].pk],
    ),
    Case(
        "training:online_test_start",
        each(LEARNERS, 302),
        method="post",
        data={"go": "1"},
        args=lambda o: [o["ol_course"].pk],
    ),
    Case(
        "training:testattempt",
        {
            **each(("salesperson", "supervisor", "clerk", *CONTENT, "compliance"), OK),
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        args=lambda o: [o["ol_attempt_sp"].pk],
    ),
    Case(
        "training:testattempt_answer",
        {
            "salesperson": 302,
            "other_salesperson": NOT_FOUND,
            "shared_colleague": NOT_FOUND,
        },
        method="post",
        data={"q0": "1"},
        args=lambda o: [o["ol_attempt_open"].pk, "submit"],
    ),
    Case(
        "training:testattempt_list",
        each(RESULT_READERS, OK),
        rows={
            "salesperson": {"ol_attempt_sp", "ol_attempt_open"},
            "supervisor": {"ol_attempt_sp", "ol_attempt_open"},
            "clerk": {"ol_attempt_sp", "ol_attempt_open"},
            "other_salesperson": {"ol_attempt_other"},
            "shared_colleague": set(),
            "hr": ALL_ATTEMPTS,
            "manager": ALL_ATTEMPTS,
            "compliance": ALL_ATTEMPTS,
            "superuser": ALL_ATTEMPTS,
        },
    ),
    Case(
        "training:online_results",
        each(RESULT_READERS, OK),
        args=lambda o: [o["ol_course"].pk],
        rows={
            "salesperson": {"ol_emp_sp"},
            "supervisor": {"ol_emp_sp"},
            "clerk": {"ol_emp_sp"},
            "other_salesperson": {"ol_emp_other"},
            "shared_colleague": set(),
            **dict.fromkeys(
                ("hr", "manager", "compliance", "superuser"), {"ol_emp_sp", "ol_emp_other"}
            ),
        },
        shown=_results,
    ),
    Case(
        "training:learningresource_list",
        each(CONTENT, OK),
        rows=dict.fromkeys(CONTENT, {"ol_video", "ol_document", "ol_link"}),
    ),
    Case("training:learningresource_add", each(EDITORS, OK)),
    Case("training:learningresource_edit", each(EDITORS, OK), args=lambda o: [o["ol_video"].pk]),
    Case(
        "training:learningresource_file",
        {**each(LEARNERS, OK), **each(CONTENT, OK)},
        default=NOT_FOUND,
        args=lambda o: [o["ol_video"].pk],
    ),
    Case(
        "training:onlinecourse_list",
        each(CONTENT, OK),
        rows=dict.fromkeys(CONTENT, {"ol_course", "ol_second"}),
    ),
    Case(
        "training:courseunit_list",
        each(CONTENT, OK),
        args=lambda o: [o["ol_course"].pk],
        rows=dict.fromkeys(CONTENT, {"ol_unit", "ol_unit_2"}),
        shown=lambda ctx: ctx["units"],
    ),
    Case("training:courseunit_add", each(EDITORS, OK), args=lambda o: [o["ol_course"].pk]),
    Case("training:courseunit_edit", each(EDITORS, OK), args=lambda o: [o["ol_unit"].pk]),
    Case(
        "training:courseunit_action",
        each(EDITORS, 302),
        method="post",
        data={"go": "1"},
        args=lambda o: [o["ol_unit"].pk, "down"],
    ),
    Case("training:onlinetest_edit", each(EDITORS, OK), args=lambda o: [o["ol_course"].pk]),
    Case(
        "training:question_list",
        each(CONTENT, OK),
        rows=dict.fromkeys(CONTENT, {"ol_questions"}),
    ),
    Case("training:question_add", each(EDITORS, OK), args=lambda o: [o["ol_course"].pk]),
    Case("training:question_edit", each(EDITORS, OK), args=lambda o: [o["ol_questions"][0].pk]),
    Case("training:question_import", each(EDITORS, OK), args=lambda o: [o["ol_course"].pk]),
    Case(
        "training:question_import_template",
        each(EDITORS, OK),
        args=lambda o: [o["ol_course"].pk],
    ),
]
