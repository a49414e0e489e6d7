"""Indicator 9C: interaction between users or contributors, code of conduct, reporting and
blocking, and protection of underage users.
"""

from __future__ import annotations

import re

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited, Result, not_applicable, passed, unknown
from dpgkit.evidence.community import community_file
from dpgkit.harm.audience import Audience
from dpgkit.harm.interaction import Interaction, interaction
from dpgkit.pii.derived import code_features, document_features
from dpgkit.pii.signals import hit_locations
from dpgkit.probes.registry import probe

_CONTACT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|https?://\S+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[INSERT CONTACT METHOD\]|\[INSERT EMAIL ADDRESS\]", re.IGNORECASE)


def _judged(found: Interaction) -> list[dict[str, object]]:
    return [
        {
            "kind": item.kind,
            "audience": item.audience.value,
            "path": item.location.path,
            "line": item.location.line,
            "reason": item.reason,
        }
        for item in found.judged
    ]


@probe("user_interaction_features")
def user_interaction_features(ctx: ProbeContext) -> Result:
    found = ctx.derive(interaction)
    internal = found.describe(Audience.INTERNAL)
    data = {
        "product": sorted({item.kind for item in found.with_audience(Audience.OPEN)}),
        "unclear": sorted({item.kind for item in found.with_audience(Audience.UNCLEAR)}),
        "internal": sorted({item.kind for item in found.with_audience(Audience.INTERNAL)}),
        "contributors": bool(found.community),
        "judged": _judged(found),
    }
    if not found.found:
        message = (
            "No interaction between users or contributors was found: no forums, public posts "
            "or comments, public profiles or messages between members in the product, and no "
            "contributing guide or community channel."
        )
        if internal:
            message += (
                f" Contact with the organisation itself is not interaction between users: "
                f"{internal}."
            )
        result = not_applicable(message, **data)
        result.suggestions = {"user_interaction": "No"}
        return result
    parts = []
    if found.open:
        parts.append("between users: " + found.describe(Audience.OPEN))
    if found.with_audience(Audience.UNCLEAR):
        parts.append("possibly between users: " + found.describe(Audience.UNCLEAR))
    if found.community:
        parts.append(f"a contributor community ({found.community[0].path})")
    locations = [item.location for item in found.judged if item.audience is not Audience.INTERNAL]
    result = unknown(
        "People interact here: " + "; ".join(parts) + ".",
        locations[:6] + found.community[:2],
        **data,
    )
    result.suggestions = {"user_interaction": "Yes — " + "; ".join(parts)}
    return result


@probe("code_of_conduct_present")
def code_of_conduct_present(ctx: ProbeContext) -> Result:
    entry = community_file(ctx, "code_of_conduct", "code-of-conduct", "conduct")
    if entry is None:
        # Not a failure by itself: the hosting platform's community guidelines apply, and a
        # project's code of conduct may live on its website or its organisation's profile.
        return unknown("No code of conduct was found in the repository.")
    placeholder = ctx.find(entry, _PLACEHOLDER, limit=1)
    if placeholder:
        return unknown(
            f"{entry.path} still has the template's placeholder instead of a contact.",
            placeholder,
            file=entry.path,
        )
    contact = ctx.find(entry, _CONTACT, limit=1)
    if contact:
        result = passed(
            f"{entry.path} is a code of conduct with a contact for reports.",
            contact,
            file=entry.path,
        )
        result.suggestions = {
            "harassment_protection": f"Code of conduct with an enforcement contact: {entry.path}"
        }
        result.items = {"harassment_protection": [Cited("Code of conduct", path=entry.path)]}
        return result
    return unknown(
        f"{entry.path} names no contact for reports.", [ctx.location(entry, 1)], file=entry.path
    )


@probe("reporting_and_blocking")
def reporting_and_blocking(ctx: ProbeContext) -> Result:
    if not ctx.derive(interaction).product:
        return not_applicable(
            "Users do not interact with each other in the product, so no reporting or blocking "
            "is needed."
        )
    code = ctx.derive(code_features)
    docs = ctx.derive(document_features).get("harassment")
    present = code.found("reporting", "blocking")
    locations = [
        loc for name in present for loc in hit_locations(code.get(name), 2)
    ] + hit_locations(docs, 2)
    if not present and not docs:
        return unknown(
            "No way to report or block other users was found in the code or the documentation."
        )
    labels = [code.label(name) for name in present] + (
        [f"harassment handling in {docs[0].path}"] if docs else []
    )
    outcome = passed if len(present) == 2 else unknown
    result = outcome(f"Found {'; '.join(labels)}.", locations, features=present)
    result.suggestions = {
        "harassment_protection": "; ".join(
            f"{code.label(n)} ({code.get(n)[0].path}:{code.get(n)[0].line})" for n in present
        )
        or f"described in {docs[0].path}"
    }
    result.items = {
        "harassment_protection": [
            Cited(code.label(n), path=code.get(n)[0].path, line=code.get(n)[0].line)
            for n in present
        ]
        + ([Cited("Harassment policy", path=docs[0].path, line=docs[0].line)] if docs else [])
    }
    return result


@probe("underage_protection")
def underage_protection(ctx: ProbeContext) -> Result:
    if not ctx.derive(interaction).product:
        return not_applicable(
            "Users do not interact with each other in the product, so no underage protection "
            "is assessed."
        )
    code = ctx.derive(code_features).get("underage")
    docs = ctx.derive(document_features).get("underage")
    if not code and not docs:
        return unknown(
            "No age gate, parental consent or underage policy was found in the repository; "
            "the product's terms may set a minimum age."
        )
    locations = hit_locations(code, 3) + hit_locations(docs, 3)
    parts = []
    if code:
        parts.append(f"an age check or parental consent in code ({code[0].path}:{code[0].line})")
    if docs:
        parts.append(f"an underage policy ({docs[0].path}:{docs[0].line})")
    outcome = passed if code and docs else unknown
    result = outcome("Found " + " and ".join(parts) + ".", locations)
    result.suggestions = {"underage_safety": "; ".join(parts)}
    cited = [Cited("Age check or parental consent", path=h.path, line=h.line) for h in code[:1]]
    cited += [Cited("Underage users policy", path=h.path, line=h.line) for h in docs[:1]]
    result.items = {"underage_safety": cited}
    return result
