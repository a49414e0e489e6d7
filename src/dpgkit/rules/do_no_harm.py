"""Rules for indicators 7, 9A, 9B and 9C: the owner declares them, the scan supplies the
evidence and decides what the evidence alone can decide.

- 7: needs the owner's declaration of the laws (the default rule); the summary says what
  was found so the owner knows where to start.
- 9A: a committed live secret makes it not met; no personal data found makes it not
  applicable; otherwise the owner describes the protection (needs_answer until answered).
- 9B: not applicable without user content; with user content, not met without any content
  policy, met when a policy naming illegal content and moderation are found (or declared).
- 9C: not applicable without interaction; met when the protections that fit the kind of
  interaction are found (a code of conduct with a contact for contributors; reporting,
  blocking and underage protection for users) or declared; not met when none is.

An owner's "No" to the gating question (collects_pii, collects_content, user_interaction)
settles the indicator as not applicable, and the summary says so when the scan found
evidence to the contrary, so a reviewer sees both.
"""

from __future__ import annotations

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import (
    RuleInput,
    RuleOutcome,
    default_rule,
    gated_off,
    open_questions,
    rule,
)


def _answered(item: RuleInput, local_id: str) -> bool:
    return item.answers.answered(item.spec.question_id(local_id))


def _gate(item: RuleInput, evidence_probe: str) -> RuleOutcome | None:
    """The owner's "No": not applicable, with the contrary evidence named if any."""
    gate = gated_off(item)
    if gate is None:
        return None
    summary = "Declared by the owner: No to “" + gate.text.split("?")[0] + "?”"
    evidence = item.finding(evidence_probe)
    if evidence is not None and evidence.outcome is not Outcome.NOT_APPLICABLE:
        summary += f" The scan found otherwise: {evidence.message}"
    return RuleOutcome(Verdict.NOT_APPLICABLE, summary)


def _declared(item: RuleInput) -> RuleOutcome | None:
    if item.spec.questions and not open_questions(item):
        return RuleOutcome(Verdict.MET, "Declared by the owner in the answers file.")
    return None


@rule("7")
def privacy_and_laws(item: RuleInput) -> RuleOutcome:
    outcome = default_rule(item)
    if outcome.verdict is not Verdict.NEEDS_ANSWER:
        return outcome
    found = [
        finding.message
        for probe_id in ("privacy_law_references", "privacy_policy_present")
        if (finding := item.finding(probe_id)) is not None and finding.outcome is Outcome.PASS
    ]
    if found:
        return RuleOutcome(
            Verdict.NEEDS_ANSWER,
            " ".join(found) + " The owner must still declare the laws the product complies with.",
        )
    return RuleOutcome(
        Verdict.NEEDS_ANSWER,
        "No privacy policy or law reference was found; the owner must declare the applicable "
        "laws and link the evidence of adherence.",
    )


@rule("9A")
def data_privacy_and_security(item: RuleInput) -> RuleOutcome:
    secrets = item.finding("committed_secrets")
    if secrets is not None and secrets.outcome is Outcome.FAIL:
        return RuleOutcome(Verdict.NOT_MET, secrets.message)
    gate = _gate(item, "personal_data_inventory")
    if gate is not None:
        return gate
    inventory = item.finding("personal_data_inventory")
    declared_yes = item.answer("collects_pii") == "Yes"
    if inventory is not None and inventory.outcome is Outcome.NOT_APPLICABLE and not declared_yes:
        return RuleOutcome(
            Verdict.NOT_APPLICABLE,
            inventory.message
            + " If the product does handle personal data, answer 9A.collects_pii with Yes.",
        )
    declared = _declared(item)
    if declared is not None:
        return declared
    summary = inventory.message if inventory is not None else "Personal data is declared."
    return RuleOutcome(
        Verdict.NEEDS_ANSWER,
        summary + " The owner must describe how this data is protected.",
    )


@rule("9B")
def inappropriate_content(item: RuleInput) -> RuleOutcome:
    gate = _gate(item, "user_content_features")
    if gate is not None:
        return gate
    content = item.finding("user_content_features")
    declared_yes = item.answer("collects_content") == "Yes"
    if content is not None and content.outcome is Outcome.NOT_APPLICABLE and not declared_yes:
        return RuleOutcome(Verdict.NOT_APPLICABLE, content.message)
    declared = _declared(item)
    if declared is not None:
        return declared
    policy = item.finding("content_policy")
    moderation = item.finding("content_moderation")
    policy_ok = (policy is not None and policy.outcome is Outcome.PASS) or _answered(
        item, "content_policy"
    )
    moderation_ok = (moderation is not None and moderation.outcome is Outcome.PASS) or _answered(
        item, "illegal_content_detection"
    )
    if policy_ok and moderation_ok:
        parts = [
            f.message for f in (policy, moderation) if f is not None and f.outcome is Outcome.PASS
        ]
        return RuleOutcome(
            Verdict.MET, " ".join(parts) or "Declared by the owner in the answers file."
        )
    if (
        policy is not None
        and policy.outcome is Outcome.FAIL
        and not _answered(item, "content_policy")
    ):
        return RuleOutcome(Verdict.NOT_MET, policy.message)
    missing = []
    if not policy_ok:
        missing.append(policy.message if policy is not None else "no content policy")
    if not moderation_ok:
        missing.append(moderation.message if moderation is not None else "no moderation")
    return RuleOutcome(Verdict.NEEDS_ANSWER, " ".join(missing))


@rule("9C")
def protection_from_harassment(item: RuleInput) -> RuleOutcome:
    gate = _gate(item, "user_interaction_features")
    if gate is not None:
        return gate
    interaction = item.finding("user_interaction_features")
    declared_yes = item.answer("user_interaction") == "Yes"
    if (
        interaction is not None
        and interaction.outcome is Outcome.NOT_APPLICABLE
        and not declared_yes
    ):
        return RuleOutcome(Verdict.NOT_APPLICABLE, interaction.message)
    declared = _declared(item)
    if declared is not None:
        return declared
    product_users = (
        bool(interaction is not None and interaction.data.get("product")) or declared_yes
    )
    conduct = item.outcome("code_of_conduct_present")
    harassment_answered = _answered(item, "harassment_protection")
    conduct_ok = conduct is Outcome.PASS or harassment_answered
    if not product_users:
        if conduct_ok:
            return RuleOutcome(
                Verdict.MET,
                "Contributors interact, and a code of conduct names whom to tell about abuse.",
            )
        if conduct is Outcome.FAIL:
            return RuleOutcome(
                Verdict.NOT_MET, "Contributors interact, but no code of conduct was found."
            )
        return RuleOutcome(
            Verdict.NEEDS_ANSWER, "The code of conduct names no contact for reports of abuse."
        )
    reporting = item.outcome("reporting_and_blocking")
    underage = item.outcome("underage_protection")
    reporting_ok = reporting is Outcome.PASS or harassment_answered
    underage_ok = underage is Outcome.PASS or _answered(item, "underage_safety")
    if conduct_ok and reporting_ok and underage_ok:
        return RuleOutcome(
            Verdict.MET,
            "Users interact, and a code of conduct, reporting and blocking, and underage "
            "protections were found or declared.",
        )
    if (
        conduct is Outcome.FAIL
        and reporting is Outcome.FAIL
        and underage is Outcome.FAIL
        and not harassment_answered
    ):
        return RuleOutcome(
            Verdict.NOT_MET,
            "Users interact, but no code of conduct, reporting or blocking feature, or underage "
            "protection was found.",
        )
    missing = [
        label
        for label, ok in (
            ("a code of conduct with a contact", conduct_ok),
            ("reporting and blocking of users", reporting_ok),
            ("protection of underage users", underage_ok),
        )
        if not ok
    ]
    return RuleOutcome(
        Verdict.NEEDS_ANSWER,
        "Users interact; not found or declared yet: " + ", ".join(missing) + ".",
    )
