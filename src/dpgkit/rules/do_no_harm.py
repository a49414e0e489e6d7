"""Rules for indicators 7, 9A, 9B and 9C: the owner declares them, the scan supplies the
evidence and decides what the evidence alone can decide.

- 7: needs the owner's declaration of the laws (the default rule); the summary says what
  was found so the owner knows where to start.
- 9A: a provider-shaped credential committed outside tests and examples (the blocking
  probe committed_secrets) makes it not met; generic matches never do; no personal data
  found in the data models read makes it not applicable; software of which no data model
  could be read (a language or framework no reader covers) is a question, not a claim of
  no personal data; otherwise the owner describes the protection (needs_answer until
  answered).
- 9B: not applicable without user content, or when the content is kept for the
  organisation's own use (not distributed); a question when whether it is distributed is
  unclear; with distributed content, met when a policy naming illegal content and
  moderation are found or declared, not met only when the owner declares there is no
  policy (a policy missing from the repository may be on the operator's website).
- 9C: not applicable without interaction between users or contributors (contact with the
  organisation's own staff is not that); met when the protections that fit the kind of
  interaction are found (a code of conduct with a contact for contributors; reporting,
  blocking and underage protection for users) or declared; not met only when users
  interact and the owner declares no protection.

An owner's "No" to the gating question (collects_pii, collects_content, user_interaction)
settles the indicator as not applicable, and the summary says so when the scan found
evidence to the contrary, so a reviewer sees both.
"""

from __future__ import annotations

import re

from dpgkit.model import Outcome, Verdict
from dpgkit.pii.scale import Scale
from dpgkit.rules.engine import (
    RuleInput,
    RuleOutcome,
    default_rule,
    gated_off,
    open_questions,
    rule,
)

# An answer that says there is none: "No", "None", "Not yet", "N/A" is not one (not applicable).
_NONE = re.compile(r"^\s*(?:no|none|nothing|not\s+yet|not\s+at\s+the\s+moment)\b", re.I)


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
    if inventory is not None and inventory.data.get("scale") == Scale.NOT_COLLECTED.value:
        return RuleOutcome(Verdict.NEEDS_ANSWER, inventory.message)  # nothing could be read
    summary = inventory.message if inventory is not None else "Personal data is declared."
    return RuleOutcome(
        Verdict.NEEDS_ANSWER,
        summary + " The owner must describe how this data is protected.",
    )


def _declared_none(item: RuleInput, local_id: str) -> bool:
    """The owner answered that there is none ("No", "None", "Not yet")."""
    value = item.answer(local_id)
    if isinstance(value, list):
        value = " ".join(str(part) for part in value)
    return isinstance(value, str) and bool(_NONE.match(value))


@rule("9B")
def inappropriate_content(item: RuleInput) -> RuleOutcome:
    gate = _gate(item, "user_content_features")
    if gate is not None:
        return gate
    content = item.finding("user_content_features")
    declared_yes = item.answer("collects_content") == "Yes"
    if content is not None and content.outcome is Outcome.NOT_APPLICABLE and not declared_yes:
        return RuleOutcome(
            Verdict.NOT_APPLICABLE,
            content.message
            + " If the product does distribute content, answer 9B.collects_content with Yes.",
        )
    policy_none = _declared_none(item, "content_policy")
    declared = None if policy_none else _declared(item)
    if declared is not None:
        return declared
    policy = item.finding("content_policy")
    moderation = item.finding("content_moderation")
    policy_ok = (policy is not None and policy.outcome is Outcome.PASS) or (
        _answered(item, "content_policy") and not policy_none
    )
    moderation_ok = (moderation is not None and moderation.outcome is Outcome.PASS) or (
        _answered(item, "illegal_content_detection")
        and not _declared_none(item, "illegal_content_detection")
    )
    if policy_ok and moderation_ok:
        parts = [
            f.message for f in (policy, moderation) if f is not None and f.outcome is Outcome.PASS
        ]
        return RuleOutcome(
            Verdict.MET, " ".join(parts) or "Declared by the owner in the answers file."
        )
    distributed = declared_yes or (
        content is not None and content.data.get("distribution") == "public"
    )
    if distributed and policy_none:
        # Proof a reviewer signs: content goes out, and its owner says there is no policy.
        return RuleOutcome(
            Verdict.NOT_MET,
            "Content is distributed, and the owner declares no content policy: "
            f"“{item.answer('content_policy')}”.",
        )
    if not distributed and content is not None:
        return RuleOutcome(Verdict.NEEDS_ANSWER, content.message)
    missing = []
    if not policy_ok:
        missing.append(policy.message if policy is not None else "No content policy was found.")
    if not moderation_ok:
        missing.append(moderation.message if moderation is not None else "No moderation was found.")
    lead = content.message + " " if content is not None and content.message else ""
    return RuleOutcome(Verdict.NEEDS_ANSWER, lead + " ".join(missing))


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
    declared_none = _declared_none(item, "harassment_protection")
    declared = None if declared_none else _declared(item)
    if declared is not None:
        return declared
    data = interaction.data if interaction is not None else {}
    open_users = bool(data.get("product")) or declared_yes
    unclear = bool(data.get("unclear"))
    conduct_finding = item.finding("code_of_conduct_present")
    conduct = conduct_finding.outcome if conduct_finding is not None else None
    harassment_answered = _answered(item, "harassment_protection") and not declared_none
    conduct_ok = conduct is Outcome.PASS or harassment_answered
    if open_users and declared_none:
        return RuleOutcome(
            Verdict.NOT_MET,
            "Users interact, and the owner declares no protection from harassment: "
            f"“{item.answer('harassment_protection')}”.",
        )
    if not open_users and not unclear:
        if conduct_ok:
            return RuleOutcome(
                Verdict.MET,
                "Contributors interact, and a code of conduct names whom to tell about abuse.",
            )
        if conduct_finding is not None and conduct_finding.data.get("file"):
            return RuleOutcome(
                Verdict.NEEDS_ANSWER,
                f"{conduct_finding.message} Say whom contributors tell about abuse.",
            )
        return RuleOutcome(
            Verdict.NEEDS_ANSWER,
            "Contributors interact, and no code of conduct was found in the repository. The "
            "hosting platform's own community guidelines, reporting and blocking apply; say "
            "whether the project has its own code of conduct and whom to tell about abuse.",
        )
    reporting = item.outcome("reporting_and_blocking")
    underage = item.outcome("underage_protection")
    reporting_ok = reporting is Outcome.PASS or harassment_answered
    underage_ok = underage is Outcome.PASS or (
        _answered(item, "underage_safety") and not _declared_none(item, "underage_safety")
    )
    if open_users and conduct_ok and reporting_ok and underage_ok:
        return RuleOutcome(
            Verdict.MET,
            "Users interact, and a code of conduct, reporting and blocking, and underage "
            "protections were found or declared.",
        )
    if not open_users:
        return RuleOutcome(
            Verdict.NEEDS_ANSWER,
            (interaction.message if interaction is not None else "")
            + " Answer 9C.user_interaction with Yes if users reach each other in the product, "
            "No if they only reach the organisation's staff.",
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
