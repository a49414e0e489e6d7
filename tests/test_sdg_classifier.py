"""The offline SDG classifier on real texts, and on bad input."""

from __future__ import annotations

import numpy as np
import pytest

from dpgkit.sdg import load_classifier
from dpgkit.sdg.aurora import QuerySyntaxError, matching_lines, parse_query
from dpgkit.sdg.features import FEATURE_NAMES, grouped_top_mean, per_goal_best
from dpgkit.sdg.head import fit_logistic

WATER = (
    "The project maps every village well and water point in the district, records water "
    "quality tests for E. coli and arsenic, and alerts the utility when a pump breaks, so "
    "that households keep access to safe drinking water and basic sanitation."
)
SCHOOL = (
    "Teachers in rural primary schools use the app to track reading and numeracy, and the "
    "ministry of education sees which pupils drop out so that every child completes free "
    "primary and secondary education of good quality."
)


def test_clear_english_texts_get_their_goal() -> None:
    classifier = load_classifier()
    water = classifier.classify(WATER)
    assert 6 in water.predicted
    assert water.goal(6).targets and water.goal(6).targets[0].startswith("6.")
    assert water.goal(6).evidence, "a supporting sentence is given"
    school = classifier.classify(SCHOOL)
    assert school.predicted[0] == 4 or 4 in school.predicted
    assert school.scores[4] > school.scores[14]
    assert set(school.scores) == set(range(1, 18))
    assert all(0.0 <= value <= 1.0 for value in school.scores.values())


def test_batch_and_single_agree() -> None:
    classifier = load_classifier()
    many = classifier.classify_many([WATER, SCHOOL])
    assert many[0].scores == classifier.classify(WATER, explain=False).scores
    assert many[1].predicted == classifier.classify(SCHOOL, explain=False).predicted


def test_russian_and_kazakh_texts_are_matched_with_un_texts_in_their_language() -> None:
    classifier = load_classifier()
    russian = classifier.classify(
        "Платформа помогает обеспечить всеобщий доступ к качественному начальному и среднему "
        "образованию: учителя сельских школ получают учебные материалы, а дети — бесплатное "
        "обучение чтению и математике."
    )
    assert russian.language == "cyrillic"
    assert russian.predicted and russian.predicted[0] == 4
    assert russian.goal(4).targets[0].startswith("4.")
    kazakh = classifier.classify(
        "Жоба ауылдық жерлердегі денсаулық сақтау қызметтеріне қолжетімділікті арттырады: "
        "ана өлімін азайту, балалардың вакцинациясы және медициналық көмекті жаппай қамту."
    )
    assert kazakh.predicted and kazakh.predicted[0] == 3


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        None,
        12345,
        "\x00\x01\x02\xff\ufffd" * 1000,
        bytes(range(256)).decode("latin-1") * 50,
        "Water 水 вода су ماء 🌊 " * 200,
        "a" * 100_000,
    ],
)
def test_bad_input_never_crashes(text: object) -> None:
    result = load_classifier().classify(text)
    assert set(result.scores) == set(range(1, 18))
    assert all(np.isfinite(value) for value in result.scores.values())


def test_empty_text_predicts_nothing() -> None:
    result = load_classifier().classify("")
    assert result.predicted == []
    assert max(result.scores.values()) == 0.0


@pytest.mark.slow
def test_five_megabytes_of_text_is_bounded() -> None:
    text = (WATER + " ") * (5_000_000 // len(WATER))
    result = load_classifier().classify(text)
    assert 6 in result.predicted


def test_aurora_queries_parse_and_match_with_proximity() -> None:
    query = parse_query(
        '( "renewable" OR "clean" ) W/3 ( "energy" OR "fuel*" ) AND NOT ( "marine" )'
    )
    assert matching_lines([query], "We promote clean and affordable energy for all.") == [0]
    assert (
        matching_lines(
            [query],
            "Clean water for the villages; elsewhere and a long way from here, they need energy.",
        )
        == []
    )
    assert matching_lines([query], "Clean energy from marine currents.") == []
    assert matching_lines([query], "renewable fuels") == [0]
    with pytest.raises(QuerySyntaxError):
        parse_query('( "unclosed" OR')


def test_logistic_regression_learns_a_separable_rule() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = x[:, 0] - 0.5 * x[:, 2] > 0
    mean, scale, weights, bias = fit_logistic(x, y, l2=0.1)
    predicted = ((x - mean) / scale) @ weights + bias > 0
    assert (predicted == y).mean() > 0.95


def test_grouped_top_mean_and_best_agree_with_a_plain_loop() -> None:
    rng = np.random.default_rng(1)
    similarity = rng.uniform(-1, 1, size=(5, 40)).astype(np.float32)
    # Goal 0 marks left-out columns; goal 4 has a single column, goals 10-17 none.
    repeated = [goal for goal in (1, 2, 3, 5, 6, 7, 8, 9) for _ in range(5)][:38]
    groups = np.array([0, 4, *repeated])
    top = grouped_top_mean(similarity, groups, k=3)
    best = per_goal_best(similarity, groups)
    for goal in range(1, 18):
        columns = similarity[:, groups == goal]
        if columns.shape[1] == 0:
            assert not top[:, goal - 1].any() and not best[:, goal - 1].any()
            continue
        expected = np.sort(columns, axis=1)[:, -3:].mean(axis=1)
        assert np.allclose(top[:, goal - 1], expected, atol=1e-6)
        assert np.allclose(best[:, goal - 1], columns.max(axis=1))


def test_model_space_view_keeps_empty_texts_empty_and_vectors_unit_length() -> None:
    classifier = load_classifier()
    static = classifier.embedder.embed(["", "Clean drinking water for rural schools."])
    mapped = classifier.model_map(static)
    assert mapped.shape == (2, classifier.model_knowledge.prototypes.shape[1])
    assert not mapped[0].any()
    assert np.isclose(np.linalg.norm(mapped[1]), 1.0, atol=1e-5)
    # In the model's space the water text is closest to goal 6's prototype, as in the static one.
    assert int(np.argmax(classifier.model_knowledge.prototypes @ mapped[1])) == 5


def test_features_match_the_head_and_feature_names() -> None:
    classifier = load_classifier()
    features, _ = classifier.features(["One sentence only", WATER, ""])
    assert features.shape == (3, 17, len(FEATURE_NAMES))
    assert classifier.head.weights.shape == (len(FEATURE_NAMES),)
    assert np.isfinite(features).all()
