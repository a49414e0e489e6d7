"""Indicator 9B: user content, a content policy naming illegal content, and moderation."""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited, Result, failed, not_applicable, passed, unknown
from dpgkit.harm.content import user_content
from dpgkit.pii.derived import code_features, document_features, policies
from dpgkit.pii.signals import hit_locations
from dpgkit.probes.registry import probe


@probe("user_content_features")
def user_content_features(ctx: ProbeContext) -> Result:
    content = ctx.derive(user_content)
    if not content.found:
        result = not_applicable(
            "No user content was found: no posts, comments, messages, uploads or media in the "
            "data models, and no upload handling in the code."
        )
        result.suggestions = {"collects_content": "No"}
        return result
    result = unknown(
        f"The product handles user content: {content.describe()}.",
        content.locations(),
        kinds=sorted(content.kinds),
    )
    result.suggestions = {
        "collects_content": "Yes — " + ", ".join(content.kinds),
        "content_types": content.describe(),
    }
    return result


def _policy_documents(ctx: ProbeContext) -> list[str]:
    found = ctx.derive(policies)
    return [
        entry.path
        for kind in ("content_policy", "terms", "child_safety")
        for entry in found.get(kind, [])
    ]


@probe("content_policy")
def content_policy(ctx: ProbeContext) -> Result:
    if not ctx.derive(user_content).found:
        return not_applicable("No user content was found, so no content policy is needed.")
    documents = _policy_documents(ctx)
    signals = ctx.derive(document_features)
    illegal = signals.get("illegal_content")
    rules = signals.get("content_rules")
    if illegal:
        where = [hit.path for hit in illegal]
        result = passed(
            f"A policy names illegal or harmful content ({illegal[0].path}:{illegal[0].line}).",
            hit_locations(illegal, 3) + hit_locations(rules, 2),
        )
        result.suggestions = {"content_policy": "; ".join(dict.fromkeys(documents[:3] + where[:3]))}
        result.items = {
            "content_policy": [Cited("Content policy", path=path) for path in documents[:3]]
            + [Cited("Content policy", path=hit.path, line=hit.line) for hit in illegal[:1]]
        }
        return result
    if documents or rules:
        places = documents or [hit.path for hit in rules]
        result = unknown(
            f"Content rules exist ({', '.join(places[:3])}) but name no illegal content "
            "such as child sexual abuse material.",
            [ctx.location(path, 1) for path in documents[:3]] + hit_locations(rules, 3),
        )
        result.suggestions = {"content_policy": "; ".join(places[:3])}
        result.items = {
            "content_policy": [Cited("Content rules", path=path) for path in places[:3]]
        }
        return result
    return failed(
        "User content is collected, but no content policy or community guidelines were found."
    )


@probe("content_moderation")
def content_moderation(ctx: ProbeContext) -> Result:
    if not ctx.derive(user_content).found:
        return not_applicable("No user content was found, so no moderation is needed.")
    code = ctx.derive(code_features)
    docs = ctx.derive(document_features)
    present = code.found("reporting", "moderation", "content_screening")
    process = docs.get("moderation_process")
    locations = [loc for name in present for loc in hit_locations(code.get(name), 2)]
    locations += hit_locations(process, 2)
    labels = [code.label(name) for name in present]
    if process:
        labels.append(f"a moderation process described in {process[0].path}")
    if not labels:
        return failed(
            "User content is collected, but no reporting, moderation or removal feature was found."
        )
    summary = "; ".join(labels)
    complete = ("reporting" in present and "moderation" in present) or (
        bool(present) and bool(process)
    )
    outcome = passed if complete else unknown
    result = outcome(f"Found {summary}.", locations, features=present)
    result.suggestions = {
        "illegal_content_detection": "; ".join(
            f"{code.label(name)} ({code.get(name)[0].path}:{code.get(name)[0].line})"
            for name in present
        )
        + (f"; process described in {process[0].path}" if process else "")
    }
    cited = [
        Cited(code.label(name), path=code.get(name)[0].path, line=code.get(name)[0].line)
        for name in present
    ]
    cited += [Cited("Moderation process", path=h.path, line=h.line) for h in process[:1]]
    result.items = {"illegal_content_detection": cited}
    return result
