"""The appraisal's arithmetic against hand-worked examples (appraisal.scoring)."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from appraisal.scoring import (
    DEFAULT_BANDS,
    GRADES,
    SCALES,
    Blend,
    Dim,
    Grade,
    Item,
    blend,
    curve_score,
    format_number,
    grade_for,
    rated_score,
    round_score,
    validate_bands,
    validate_curve,
    validate_weights,
    weighted_total,
)

CURVE = [(0, 0), (60, 40), (100, 80), (150, 100)]


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# -- curves ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("achievement", "expected"),
    [
        # exactly on points
        (D(0), D(0)),
        (D(60), D(40)),
        (D(100), D(80)),
        (D(150), D(100)),
        # 30 % between (0, 0) and (60, 40): 0 + 30 × 40 / 60 = 20
        (D(30), D(20)),
        # 86.4 % between (60, 40) and (100, 80): 40 + 26.4 × 40 / 40 = 66.4
        (D("86.4"), D("66.4")),
        # 120 % between (100, 80) and (150, 100): 80 + 20 × 20 / 50 = 88
        (D(120), D(88)),
        # flat outside the ends: below the first point the first score, above the last the last
        (D(-10), D(0)),
        (D(400), D(100)),
    ],
)
def test_curve_interpolates_linearly_and_is_flat_outside(achievement, expected):
    assert curve_score(achievement, CURVE, None) == expected


def test_curve_keeps_full_precision():
    # (0, 0) → (30, 100) at 10 %: 10 × 100 / 30 = 33.333... (not 33.33)
    score = curve_score(D(10), [(0, 0), (30, 100)], 100)
    assert score != D("33.33")
    assert round_score(score) == D("33.33")
    assert score * 3 == pytest.approx(D(100), abs=D("1e-20"))


def test_curve_flat_start_above_zero():
    # a curve that starts at 50 % with score 20: 10 % achievement still scores 20
    assert curve_score(D(10), [(50, 20), (100, 100)], None) == D(20)


def test_cap_limits_the_score():
    # 140 %: 80 + 40 × 20 / 50 = 96, capped at 90
    assert curve_score(D(140), CURVE, D(90)) == D(90)
    # under the cap: unchanged (120 % → 88 < 90)
    assert curve_score(D(120), CURVE, D(90)) == D(88)
    # cap 100 and None are the same
    assert curve_score(D(400), CURVE, 100) == curve_score(D(400), CURVE, None) == D(100)


def test_no_achievement_is_no_score():
    assert curve_score(None, CURVE, 100) is None


def test_curve_accepts_strings_ints_and_json_lists():
    assert curve_score("120", [["0", "0"], ["100", "80"], ["150", "100"]], "100") == D(88)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ([], "at least two points"),
        ([(0, 0)], "at least two points"),
        ([(0, 0), (100,)], "Point 2 must be a pair"),
        ([(0, 0), (100, 120)], "score of point 2 must be between 0 and 100"),
        ([(0, -1), (100, 80)], "score of point 1 must be between 0 and 100"),
        ([(0, 0), (100, 80), (100, 90)], "point 3 (100%) is not above point 2 (100%)"),
        ([(50, 0), (40, 80)], "must increase"),
        ([(0, 0), ("abc", 80)], "Achievement of point 2 must be a number"),
        (None, "at least two points"),
        (5, "must be a list"),
    ],
)
def test_validate_curve_messages(points, message):
    with pytest.raises(ValidationError) as caught:
        validate_curve(points)
    assert message in caught.value.messages[0]


def test_curve_score_refuses_a_bad_curve_or_cap():
    with pytest.raises(ValidationError):
        curve_score(D(50), [(0, 0)], 100)
    with pytest.raises(ValidationError, match="cap must be between 0 and 100"):
        curve_score(D(50), CURVE, D(120))


def test_validate_curve_returns_decimals():
    assert validate_curve([(0, 0), ("100.5", 80)]) == [(D(0), D(0)), (D("100.5"), D(80))]


# -- rated items -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"), [(1, D(20)), (2, D(40)), (3, D(60)), (4, D(80)), (5, D(100))]
)
def test_one_to_five_is_twenty_points_a_level(value, expected):
    assert rated_score(value, "1-5") == expected


@pytest.mark.parametrize("value", [0, 6, D("3.5"), -1])
def test_one_to_five_refuses_other_values(value):
    with pytest.raises(ValidationError, match="whole number from 1 to 5"):
        rated_score(value, "1-5")


def test_zero_to_hundred_is_the_number():
    assert rated_score(D("87.5"), "0-100") == D("87.5")
    assert rated_score(0, "0-100") == D(0)
    assert rated_score(100, "0-100") == D(100)
    for value in (D("-0.01"), D("100.01")):
        with pytest.raises(ValidationError, match="between 0 and 100"):
            rated_score(value, "0-100")


def test_rating_none_unknown_scale_and_garbage():
    assert rated_score(None, "1-5") is None
    with pytest.raises(ValidationError, match="Unknown rating scale"):
        rated_score(3, "1-10")
    with pytest.raises(ValidationError, match="must be a number"):
        rated_score("three", "1-5")
    with pytest.raises(ValidationError, match="must be a number"):
        rated_score(True, "1-5")


def test_scale_and_grade_choices_are_translated():
    assert [code for code, _label in SCALES] == ["1-5", "0-100"]
    assert [code for code, _label in GRADES] == [
        "excellent",
        "good",
        "satisfactory",
        "needs_improvement",
        "unsatisfactory",
    ]
    with translation.override("zh-hant"):
        assert [str(label) for _code, label in GRADES] == [
            "優秀",
            "良好",
            "合格",
            "待改進",
            "不合格",
        ]
    with translation.override("zh-hans"):
        assert str(Grade.NEEDS_IMPROVEMENT.label) == "待改进"


# -- blending ----------------------------------------------------------------------------


def test_blend_both_sides():
    # 0.7 × 60 + 0.3 × 80 = 42 + 24 = 66
    assert blend(D(80), D(60), D("0.7")) == Blend(D(66), "")
    # share 0.5: (80 + 60) / 2 = 70
    assert blend(D(80), D(60), D("0.5")).score == D(70)
    # share 1: only the supervisor counts; share 0: only the self-assessment
    assert blend(D(80), D(60), 1).score == D(60)
    assert blend(D(80), D(60), 0).score == D(80)


def test_blend_missing_self_assessment_counts_supervisor_fully():
    # not 0.7 × 60 + 0.3 × 0 = 42: the supervisor's 60 counts fully
    result = blend(None, D(60), D("0.7"))
    assert result.score == D(60)
    assert result.note == "No self-assessment: the supervisor's score counts fully."


def test_blend_missing_supervisor_counts_self_fully():
    result = blend(D(80), None, D("0.7"))
    assert result.score == D(80)
    assert result.note == "No supervisor's score: the self-assessment counts fully."


def test_blend_missing_side_that_would_not_count_needs_no_note():
    assert blend(None, D(60), 1) == Blend(D(60), "")
    assert blend(D(80), None, 0) == Blend(D(80), "")


def test_blend_nothing():
    result = blend(None, None, D("0.7"))
    assert result.score is None
    assert "Neither" in result.note


def test_blend_note_is_translated():
    with translation.override("zh-hant"):
        note = blend(None, D(60), D("0.7")).note
    assert note and note != "No self-assessment: the supervisor's score counts fully."


@pytest.mark.parametrize("share", [D("-0.1"), D("1.1")])
def test_blend_refuses_a_share_outside_zero_to_one(share):
    with pytest.raises(ValidationError, match="between 0 and 1"):
        blend(D(80), D(60), share)


# -- weighted total ----------------------------------------------------------------------


def sales_template(results=(D("86.4"), D(90), D(80)), ability=(D(80),) * 4, attitude=(D(90),) * 4):
    """The default template (50/30/20) with equal item weights in ability and attitude and
    40/30/30 in the results."""
    return [
        Dim(
            "results",
            "Results",
            D(50),
            [
                Item("premium", "Premium", D(40), results[0]),
                Item("policies", "Policies", D(30), results[1]),
                Item("profit", "Profit", D(30), results[2]),
            ],
        ),
        Dim(
            "ability",
            "Ability",
            D(30),
            [Item(f"a{i}", f"A{i}", D(25), score) for i, score in enumerate(ability, 1)],
        ),
        Dim(
            "attitude",
            "Attitude",
            D(20),
            [Item(f"t{i}", f"T{i}", D(25), score) for i, score in enumerate(attitude, 1)],
        ),
    ]


def test_weighted_total_all_present():
    # results: 0.4 × 86.4 + 0.3 × 90 + 0.3 × 80 = 34.56 + 27 + 24 = 85.56
    # ability: 80; attitude: 90
    # total: 0.5 × 85.56 + 0.3 × 80 + 0.2 × 90 = 42.78 + 24 + 18 = 84.78
    total = weighted_total(sales_template())
    assert total.score == D("84.78")
    assert total.dimension_scores == {
        "results": D("85.56"),
        "ability": D("80.00"),
        "attitude": D("90.00"),
    }
    assert total.working == [
        "Results: Premium 40% × 86.40 + Policies 30% × 90.00 + Profit 30% × 80.00 = 85.56",
        "Ability: A1 25% × 80.00 + A2 25% × 80.00 + A3 25% × 80.00 + A4 25% × 80.00 = 80.00",
        "Attitude: T1 25% × 90.00 + T2 25% × 90.00 + T3 25% × 90.00 + T4 25% × 90.00 = 90.00",
        "Results 50% × 85.56 = 42.78",
        "Ability 30% × 80.00 = 24.00",
        "Attitude 20% × 90.00 = 18.00",
        "Total: 42.78 + 24.00 + 18.00 = 84.78 (rounded half-up to two decimals)",
    ]


def test_missing_item_weight_is_redistributed_within_its_dimension():
    # ability items 25 % each; A4 has no score, so A1..A3 count 25/75 = 1/3 each:
    # (25 × 60 + 25 × 80 + 25 × 100) / 75 = (1500 + 2000 + 2500) / 75 = 80
    # (dividing by all four weights would give 60, a silent zero)
    dims = sales_template(ability=(D(60), D(80), D(100), None))
    total = weighted_total(dims)
    assert total.dimension_scores["ability"] == D("80.00")
    # total unchanged from the all-present example: 42.78 + 24 + 18 = 84.78
    assert total.score == D("84.78")
    assert (
        "Ability: A4 without a score; their 25% is shared among the other items in "
        "proportion to their weights." in total.working
    )
    assert (
        "Ability: A1 ≈33.33% × 60.00 + A2 ≈33.33% × 80.00 + A3 ≈33.33% × 100.00 = 80.00"
        in total.working
    )


def test_unequal_item_weights_redistribute_proportionally():
    # results 40/30/30 with profit missing: premium 40/70, policies 30/70
    # (40 × 86.4 + 30 × 90) / 70 = (3456 + 2700) / 70 = 6156 / 70 = 87.942857...
    dims = sales_template(results=(D("86.4"), D(90), None))
    total = weighted_total(dims)
    assert total.dimension_scores["results"] == D("87.94")
    # total: 0.5 × 87.942857 + 24 + 18 = 43.971428... + 42 = 85.971428... → 85.97
    assert total.score == D("85.97")
    assert "Results: Premium ≈57.14% × 86.40 + Policies ≈42.86% × 90.00 = ≈87.94" in total.working


def test_missing_dimension_weight_is_redistributed_across_the_others():
    # no ability score at all (e.g. nobody rated it): results 50/70, attitude 20/70
    # (50 × 85.56 + 20 × 90) / 70 = (4278 + 1800) / 70 = 6078 / 70 = 86.828571... → 86.83
    # not (42.78 + 18) = 60.78, which would count the missing ability as zero
    dims = sales_template(ability=(None,) * 4)
    total = weighted_total(dims)
    assert total.score == D("86.83")
    assert total.dimension_scores["ability"] is None
    assert "Ability: no item has a score." in total.working
    assert (
        "Ability without any score; their 30% is shared among the other dimensions in "
        "proportion to their weights." in total.working
    )
    assert "Results ≈71.43% × 85.56 = ≈61.11" in total.working
    assert "Attitude ≈28.57% × 90.00 = ≈25.71" in total.working
    assert total.working[-1] == ("Total: ≈61.11 + ≈25.71 = 86.83 (rounded half-up to two decimals)")


def test_missing_self_assessment_never_divides_by_three():
    # An item rated only by the supervisor (80) in a 70/30 blend keeps 80; a naive mean of
    # (self, supervisor, HR) parts with a zero would give 80 × 0.7 = 56 or 80 / 3.
    item_score = blend(None, D(80), D("0.7")).score
    dims = [Dim("attitude", "Attitude", D(100), [Item("t", "T", D(100), item_score)])]
    assert weighted_total(dims).score == D("80.00")


def test_nothing_scored_gives_no_total():
    dims = sales_template(results=(None,) * 3, ability=(None,) * 4, attitude=(None,) * 4)
    total = weighted_total(dims)
    assert total.score is None
    assert total.working[-1] == "No dimension has a score: there is no total."


def test_single_dimension_total_line():
    dims = [Dim("a", "Only", D(100), [Item("x", "X", D(100), D("72.5"))])]
    total = weighted_total(dims)
    assert total.score == D("72.50")
    assert total.working[-1] == "Total: 72.50 (rounded half-up to two decimals)"


def test_rounding_half_up_at_the_end_only():
    # 84.995 rounds up to 85.00 (half-up, not banker's rounding to even)
    dims = [Dim("a", "A", D(100), [Item("x", "X", D(100), D("84.995"))])]
    assert weighted_total(dims).score == D("85.00")
    # 84.985 also rounds up: half-up, not half-even (which would give 84.98)
    dims = [Dim("a", "A", D(100), [Item("x", "X", D(100), D("84.985"))])]
    assert weighted_total(dims).score == D("84.99")
    # Only the end is rounded: two dimensions of 50 % × 70.005 give
    # 35.0025 + 35.0025 = 70.005 → 70.01; rounding the products first would give
    # 35.00 + 35.00 = 70.00.
    dims = [
        Dim("a", "A", D(50), [Item("x", "X", D(100), D("70.005"))]),
        Dim("b", "B", D(50), [Item("y", "Y", D(100), D("70.005"))]),
    ]
    assert weighted_total(dims).score == D("70.01")


def test_round_score_half_up():
    assert round_score(D("0.005")) == D("0.01")
    assert round_score(D("0.004999")) == D("0.00")
    assert round_score(D("2.675")) == D("2.68")
    assert round_score(None) is None
    assert format_number(D("2.675")) == "≈2.68"
    assert format_number(D("2.5")) == "2.50"


def test_weights_must_add_up_to_100():
    dims = sales_template()
    bad = [Dim(d.code, d.label, D(40) if d.code == "results" else d.weight, d.items) for d in dims]
    with pytest.raises(ValidationError, match="dimensions add up to 90%, not 100%"):
        weighted_total(bad)
    bad_items = [
        Dim("a", "Ability", D(100), [Item("x", "X", D(60), D(1)), Item("y", "Y", D(30), D(1))])
    ]
    with pytest.raises(ValidationError, match="weights of Ability add up to 90%"):
        weighted_total(bad_items)


def test_validate_weights():
    assert validate_weights(["50", 30, D(20)]) == [D(50), D(30), D(20)]
    assert validate_weights([D("33.33"), D("33.33"), D("33.34")])
    with pytest.raises(ValidationError, match="cannot be negative"):
        validate_weights([120, -20])
    with pytest.raises(ValidationError, match="add up to 99.5%"):
        validate_weights([D("49.5"), 50])


def test_item_score_out_of_range_is_refused():
    dims = [Dim("a", "A", D(100), [Item("x", "Premium", D(100), D(101))])]
    with pytest.raises(ValidationError, match="score of Premium must be between 0 and 100"):
        weighted_total(dims)


def test_zero_weight_item_does_not_count_or_show():
    dims = [
        Dim(
            "a",
            "A",
            D(100),
            [Item("x", "X", D(100), D(70)), Item("y", "Y", D(0), None)],
        )
    ]
    total = weighted_total(dims)
    assert total.score == D("70.00")
    assert not any("without a score" in line for line in total.working)


def test_working_is_translated():
    with translation.override("zh-hant"):
        total = weighted_total(sales_template(ability=(None,) * 4))
    assert total.working[-1].startswith("總分")


# -- grades ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (D("100"), "excellent"),
        (D("90.00"), "excellent"),
        (D("89.99"), "good"),
        (D("80"), "good"),
        (D("79.99"), "satisfactory"),
        (D("70"), "satisfactory"),
        (D("69.99"), "needs_improvement"),
        (D("60"), "needs_improvement"),
        (D("59.99"), "unsatisfactory"),
        (D("0"), "unsatisfactory"),
    ],
)
def test_default_grade_boundaries(score, grade):
    assert grade_for(score, DEFAULT_BANDS) == grade


def test_grade_of_no_score_and_custom_bands():
    assert grade_for(None) is None
    bands = [(95, "excellent"), (75, "satisfactory"), (0, "unsatisfactory")]
    assert grade_for(D("94.99"), bands) == "satisfactory"
    assert grade_for(D("95"), bands) == "excellent"
    assert grade_for(D("74.99"), bands) == "unsatisfactory"


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ([], "At least one grade band"),
        ([(90, "excellent"), (90, "good"), (0, "unsatisfactory")], "must decrease"),
        ([(90, "excellent"), (80, "good")], "last band must start at 0"),
        ([(90, "superb"), (0, "unsatisfactory")], "unknown grade “superb”"),
        ([(90, "good"), (80, "excellent"), (0, "unsatisfactory")], "must come before"),
        ([(90, "good"), (80, "good"), (0, "unsatisfactory")], "repeats the grade"),
        ([(120, "excellent"), (0, "unsatisfactory")], "between 0 and 100"),
        ([(90,), (0, "unsatisfactory")], "must be a pair"),
    ],
)
def test_validate_bands_messages(bands, message):
    with pytest.raises(ValidationError) as caught:
        validate_bands(bands)
    assert message in caught.value.messages[0]


def test_default_bands_are_valid():
    assert [code for _minimum, code in validate_bands(DEFAULT_BANDS)] == list(Grade.values)
