"""SARIF 2.1.0: findings in code-scanning UIs (GitHub, GitLab, IDE viewers).

Every failing or undecided probe finding is a result under its probe's rule, placed at the
files and lines it points to; every indicator that is not met or needs the owner's answer
is a result under an ``indicator/<id>`` rule. Code-scanning services reject results
without a location, so a project-level result is anchored to the most relevant file
found (a location in the same indicator, else the README or license file).
Passing findings are left out: a code-scanning UI lists problems.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from dpgkit.analysis.probe import ProbeDefinition, definitions
from dpgkit.model import Assessment, Finding, IndicatorResult, Location, Outcome, Verdict
from dpgkit.nomination.links import project_repository
from dpgkit.reports import renderer
from dpgkit.standard import load_standard

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/dpgkit/dpgkit"
SRCROOT = "%SRCROOT%"
_ROLE_LEVEL = {"blocking": "error", "required": "error", "supporting": "warning"}
# SARIF 2.1.0 (3.27.9): a result whose kind is not "fail" must have level "none". Undecided
# findings and indicators awaiting the owner's answer are kind "review" (a person must look).
_VERDICT_LEVEL = {Verdict.NOT_MET: "error", Verdict.NEEDS_ANSWER: "none"}


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def _indicator_rule_id(indicator_id: str) -> str:
    return f"indicator/{indicator_id}"


def _probe_rule(definition: ProbeDefinition | None, finding: Finding) -> dict[str, Any]:
    if definition is None:  # an assessment from another version: describe from the finding
        return {
            "id": finding.probe,
            "shortDescription": _text(finding.probe),
            "help": _text(finding.remediation or finding.message),
            "defaultConfiguration": {"level": "warning"},
        }
    return {
        "id": definition.id,
        "name": "".join(part.capitalize() for part in definition.id.split("_")),
        "shortDescription": _text(definition.title),
        "fullDescription": _text(definition.motivation.strip()),
        "help": _text(definition.remediation.strip()),
        "defaultConfiguration": {"level": _ROLE_LEVEL.get(definition.role, "warning")},
        "properties": {
            "indicator": definition.indicator,
            "role": definition.role,
            "tags": ["dpg", f"dpg-indicator-{definition.indicator}"],
        },
    }


def _indicator_rule(result: IndicatorResult, requirement: str | None) -> dict[str, Any]:
    return {
        "id": _indicator_rule_id(result.id),
        "name": f"DpgIndicator{result.id}",
        "shortDescription": _text(f"DPG indicator {result.id}: {result.title}"),
        "fullDescription": _text(requirement or result.title),
        "help": _text(
            "Answer the open questions in the answers file (dpg answers init) or follow the "
            "remediation of the findings of this indicator."
        ),
        "defaultConfiguration": {"level": "error"},
        "properties": {"indicator": result.id, "tags": ["dpg", f"dpg-indicator-{result.id}"]},
    }


def _location(assessment: Assessment, location: Location) -> dict[str, Any]:
    # SRCROOT is the repository's root (versionControlProvenance maps it there, and code
    # scanning resolves paths from the root of the checkout): a project in a subfolder of
    # its repository ("samples/app") has its paths written from that root.
    inside = assessment.project.path_in_repository
    path = f"{inside.strip('/')}/{location.path}" if inside else location.path
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(path), "uriBaseId": SRCROOT}}
    if location.line and location.line >= 1:
        region: dict[str, Any] = {"startLine": location.line}
        if location.excerpt:
            region["snippet"] = _text(location.excerpt)
        physical["region"] = region
    return {"physicalLocation": physical}


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _anchor(assessment: Assessment, result: IndicatorResult) -> Location | None:
    """A file for a project-level result: one of the indicator's own, else README/license."""
    for finding in result.findings:
        if finding.locations:
            return Location(path=finding.locations[0].path)
    paths = [
        location.path
        for indicator in assessment.indicators
        for finding in indicator.findings
        for location in finding.locations
    ] + [entry.path for entry in assessment.licenses if entry.path]
    for prefix in ("readme", "license", "licence"):
        for path in paths:
            if path.lower().startswith(prefix):
                return Location(path=path)
    return Location(path=paths[0]) if paths else None


def _finding_result(
    assessment: Assessment,
    indicator: IndicatorResult,
    finding: Finding,
    rule: dict[str, Any],
    rule_index: int,
) -> dict[str, Any]:
    unknown = finding.outcome is Outcome.UNKNOWN
    level = "none" if unknown else rule["defaultConfiguration"]["level"]
    message = finding.message
    if finding.remediation:
        message += f" What to do: {finding.remediation.strip()}"
    locations = [_location(assessment, location) for location in finding.locations[:20]]
    if not locations:
        anchor = _anchor(assessment, indicator)
        locations = [_location(assessment, anchor)] if anchor else []
    first = finding.locations[0] if finding.locations else None
    return {
        "ruleId": finding.probe,
        "ruleIndex": rule_index,
        "kind": "review" if unknown else "fail",
        "level": level,
        "message": _text(message),
        "locations": locations,
        "partialFingerprints": {
            "dpgkitFinding/v1": _fingerprint(
                finding.probe, first.path if first else "", (first.excerpt or "") if first else ""
            )
        },
        "properties": {"indicator": indicator.id, "outcome": finding.outcome.value},
    }


def _indicator_result(
    assessment: Assessment, indicator: IndicatorResult, rule_index: int
) -> dict[str, Any]:
    lines = [f"Indicator {indicator.id} ({indicator.title}): {indicator.summary}"]
    if indicator.questions:
        lines.append("Open questions for the owner:")
        lines += [f"- [{question.id}] {question.text}" for question in indicator.questions]
    anchor = _anchor(assessment, indicator)
    return {
        "ruleId": _indicator_rule_id(indicator.id),
        "ruleIndex": rule_index,
        "kind": "fail" if indicator.verdict is Verdict.NOT_MET else "review",
        "level": _VERDICT_LEVEL[indicator.verdict],
        "message": _text("\n".join(lines)),
        "locations": [_location(assessment, anchor)] if anchor else [],
        "partialFingerprints": {"dpgkitIndicator/v1": _fingerprint("indicator", indicator.id)},
        "properties": {"indicator": indicator.id, "verdict": indicator.verdict.value},
    }


def sarif_log(assessment: Assessment) -> dict[str, Any]:
    known = definitions()
    try:
        requirements = {
            spec.id: spec.requirement
            for spec in load_standard(assessment.standard_version).indicators
        }
    except FileNotFoundError:
        requirements = {}
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []

    def rule_index(rule: dict[str, Any]) -> int:
        if rule["id"] not in index:
            index[rule["id"]] = len(rules)
            rules.append(rule)
        return index[rule["id"]]

    for indicator in assessment.indicators:
        for finding in indicator.findings:
            if finding.outcome not in (Outcome.FAIL, Outcome.UNKNOWN):
                continue
            rule = _probe_rule(known.get(finding.probe), finding)
            position = rule_index(rule)
            results.append(
                _finding_result(assessment, indicator, finding, rules[position], position)
            )
        if indicator.verdict in _VERDICT_LEVEL:
            position = rule_index(_indicator_rule(indicator, requirements.get(indicator.id)))
            results.append(_indicator_result(assessment, indicator, position))

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": assessment.tool.name,
                "version": assessment.tool.version,
                "semanticVersion": assessment.tool.version,
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }
        },
        "automationDetails": {"id": "dpgkit/dpg-readiness/"},
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "warning", "message": _text(warning)}
                    for warning in assessment.warnings
                ],
            }
        ],
        "results": results,
        "properties": {
            "standardVersion": assessment.standard_version,
            "overall": assessment.overall.verdict.value,
            "met": assessment.overall.met,
            "total": assessment.overall.total,
            "blocking": assessment.overall.blocking,
        },
    }
    project = assessment.project
    repo = project_repository(project)
    if repo is not None:
        # Code scanning tools resolve each result's SRCROOT-relative path in this repository
        # at this commit: the same file a reviewer opens from the HTML and Markdown reports.
        provenance: dict[str, Any] = {"repositoryUri": repo.web_url}
        if project.commit:
            provenance["revisionId"] = project.commit
        if project.default_branch:
            provenance["branch"] = project.default_branch
        provenance["mappedTo"] = {"uriBaseId": SRCROOT}
        run["versionControlProvenance"] = [provenance]
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


@renderer("sarif")
def render_sarif(assessment: Assessment) -> str:
    return json.dumps(sarif_log(assessment), indent=2, ensure_ascii=False) + "\n"
