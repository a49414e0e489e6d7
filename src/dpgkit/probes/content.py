"""Indicator 9B: user content, a content policy naming illegal content, and moderation."""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited, Result, not_applicable, passed, unknown
from dpgkit.harm.audience import Audience
from dpgkit.harm.content import user_content
from dpgkit.pii.derived import code_features, document_features, policies
from dpgkit.pii.signals import hit_locations
from dpgkit.probes.registry import probe


@probe("user_content_features")
def user_content_features(ctx: ProbeContext) -> Result:
    content = ctx.derive(user_content)
    data = {
        "kinds": sorted(content.kinds),
        "distribution": content.distribution,
        "judged": [
            {
                "kind": item.kind,
                "audience": item.audience.value,
                "path": item.location.path,
                "line": item.location.line,
                "reason": item.reason,
            }
            for item in content.judged
        ],
    }
    if not content.found:
        result = not_applicable(
            "No user content was found: no posts, comments, messages, uploads or media in the "
            "data models, and no upload handling in the code.",
            **data,
        )
        result.suggestions = {"collects_content": "No"}
        return result
    if content.distribution == "internal":
        kept = content.describe(Audience.INTERNAL)
        result = not_applicable(
            f"Content is collected and stored for the organisation's own use: {kept}. Nothing "
            "shows it is distributed: no forum, public post, public comment or public profile "
            "was found.",
            **data,
        )
        result.suggestions = {
            "collects_content": f"No — content is collected and stored but not distributed: {kept}"
        }
        return result
    if content.distribution == "unclear":
        unclear = content.describe(Audience.UNCLEAR)
        result = unknown(
            f"The product stores content, and whether it is distributed could not be told: "
            f"{unclear}. Answer 9B.collects_content with Yes if the public or other members "
            "read it, No if only the organisation's staff do.",
            content.locations(),
            **data,
        )
        result.suggestions = {
            "collects_content": (
                f"Unclear — {unclear}: Yes if the public or other members read it, No if only "
                "the organisation's staff do"
            ),
            "content_types": content.describe(),
        }
        return result
    shared = content.describe(Audience.OPEN)
    result = unknown(
        f"The product distributes content its users add: {shared}.",
        content.locations(),
        **data,
    )
    result.suggestions = {
        "collects_content": "Yes — " + shared,
        "content_types": content.describe(),
    }
    return result


def _applies(ctx: ProbeContext) -> bool:
    """Policies and moderation are asked about content that is or may be distributed."""
    return ctx.derive(user_content).distribution in ("public", "unclear")


def _policy_documents(ctx: ProbeContext) -> list[str]:
    found = ctx.derive(policies)
    return [
        entry.path
        for kind in ("content_policy", "terms", "child_safety")
        for entry in found.get(kind, [])
    ]


@probe("content_policy")
def content_policy(ctx: ProbeContext) -> Result:
    if not _applies(ctx):
        return not_applicable(
            "No content distributed to the public or to other members was found, so no "
            "content policy is needed."
        )
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
    # Absence in the repository is not absence: the operator's website or terms may hold it.
    return unknown(
        "No content policy or community guidelines were found in the repository; they may be "
        "published by the platform's operator (a website, terms of use)."
    )


@probe("content_moderation")
def content_moderation(ctx: ProbeContext) -> Result:
    if not _applies(ctx):
        return not_applicable(
            "No content distributed to the public or to other members was found, so no "
            "moderation is needed."
        )
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
        return unknown(
            "No reporting, moderation or removal feature was found in the code; moderation may "
            "be a process the platform's operator runs."
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
