"""The default indicator rule, on real probe definitions and the real Standard."""

from __future__ import annotations

from dpgkit.analysis.probe import definitions
from dpgkit.answers import Answers
from dpgkit.model import Finding, Outcome, Verdict
from dpgkit.rules import evaluate, overall_verdict
from dpgkit.standard import load_standard


def _finding(probe: str, outcome: Outcome) -> Finding:
    return Finding(probe=probe, outcome=outcome, message=f"{probe} {outcome.value}")


def _verdicts(
    findings: list[Finding], answers: dict[str, object] | None = None
) -> dict[str, Verdict]:
    results = evaluate(
        load_standard(), findings, definitions(), Answers(values=answers or {}), ["software"]
    )
    return {result.id: result.verdict for result in results}


def test_required_probe_failure_is_not_met_and_pass_is_met() -> None:
    verdicts = _verdicts(
        [_finding("readme_install_usage", Outcome.FAIL), _finding("docs_available", Outcome.FAIL)]
    )
    assert verdicts["5"] is Verdict.NOT_MET
    verdicts = _verdicts(
        [_finding("readme_install_usage", Outcome.FAIL), _finding("docs_available", Outcome.PASS)]
    )
    assert verdicts["5"] is Verdict.MET
    verdicts = _verdicts([_finding("docs_available", Outcome.UNKNOWN)])
    assert verdicts["5"] is Verdict.NEEDS_ANSWER


def test_indicators_without_evidence_need_answers_never_a_fake_met() -> None:
    verdicts = _verdicts([])
    assert set(verdicts.values()) == {Verdict.NEEDS_ANSWER}


def test_owner_declared_indicator_is_met_only_once_answered() -> None:
    assert _verdicts([])["7"] is Verdict.NEEDS_ANSWER
    partly = _verdicts([], {"7.privacy_laws": ["GDPR"]})
    assert partly["7"] is Verdict.NEEDS_ANSWER
    full = _verdicts(
        [], {"7.privacy_laws": ["GDPR"], "7.privacy_evidence": "https://x.org/privacy"}
    )
    assert full["7"] is Verdict.MET


def test_gating_no_settles_as_the_standard_data_says() -> None:
    verdicts = _verdicts(
        [], {"9B.collects_content": "No", "4.closed_components": "No", "6.collects_non_pii": "No"}
    )
    assert verdicts["9B"] is Verdict.NOT_APPLICABLE
    assert verdicts["6"] is Verdict.NOT_APPLICABLE
    assert verdicts["4"] is Verdict.MET


def test_conditional_questions_follow_their_trigger() -> None:
    results = evaluate(
        load_standard(), [], definitions(), Answers(values={"9A.collects_pii": "Yes"}), ["software"]
    )
    nine_a = next(result for result in results if result.id == "9A")
    assert {q.id for q in nine_a.questions} == {
        "9A.pii_types",
        "9A.third_party_sharing",
        "9A.privacy_security_steps",
    }


def test_content_only_questions_do_not_apply_to_software() -> None:
    results = evaluate(load_standard(), [], definitions(), Answers(), ["software"])
    three = next(result for result in results if result.id == "3")
    assert "3.owns_all_content" not in {q.id for q in three.questions}
    results = evaluate(load_standard(), [], definitions(), Answers(), ["data"])
    three = next(result for result in results if result.id == "3")
    assert "3.owns_all_content" in {q.id for q in three.questions}


def test_overall_lists_blocking_indicators() -> None:
    results = evaluate(load_standard(), [], definitions(), Answers(), ["software"])
    overall = overall_verdict(results)
    assert overall.verdict.value == "not_eligible"
    assert overall.blocking == ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]
