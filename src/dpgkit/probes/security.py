"""Indicator 9A, security side: security policy, committed secrets, password hashing and
authentication, encryption, dependency-update automation.
"""

from __future__ import annotations

import re
from typing import Any

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, not_applicable, passed, unknown
from dpgkit.evidence.community import community_file
from dpgkit.harm.protection import UPDATE_CONFIGS
from dpgkit.model import Location
from dpgkit.pii.derived import code_features, personal_data
from dpgkit.pii.signals import hit_locations
from dpgkit.probes.registry import probe
from dpgkit.secrets.scan import SecretHit, committed_secrets, describe
from dpgkit.wording import counted

_PRIVATE_CHANNEL = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
    r"|security/advisories|private vulnerability reporting|report a vulnerability"
    r"|https?://\S+(security|vulnerab|disclos)\S*",
    re.IGNORECASE,
)
_AUDIT_STEP = re.compile(
    r"codeql|dependency-review-action|pip-audit|npm audit|yarn audit|pnpm audit|osv-scanner|"
    r"trivy|snyk|grype|bundler-audit|bundle audit|govulncheck|dependency-check|safety check|"
    r"composer audit|cargo audit|cargo-deny|gitleaks|detect-secrets|trufflehog|"
    r"dependency_scanning|Dependency-Scanning|secret_detection",
    re.IGNORECASE,
)
_CI_FILES = re.compile(
    r"^(\.github/workflows/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.circleci/config\.ya?ml|"
    r"azure-pipelines\.ya?ml|\.pre-commit-config\.ya?ml|Jenkinsfile|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml)$"
)
_PASSWORD_FIELD = re.compile(r"(^|_)(password|passwd|pwd|pass_?hash|password_?digest)($|_)")


def _secret_location(hit: SecretHit) -> Location:
    return Location(path=hit.path, line=hit.line, excerpt=hit.excerpt)


@probe("security_policy_present")
def security_policy_present(ctx: ProbeContext) -> Result:
    entry = community_file(ctx, "security")
    if entry is None:
        return failed("No security policy (SECURITY.md) was found.")
    channel = ctx.find(entry, _PRIVATE_CHANNEL, limit=1)
    if channel:
        return passed(f"{entry.path} names a private reporting channel.", channel)
    return unknown(
        f"{entry.path} exists but names no private reporting channel.",
        [ctx.location(entry, 1)],
    )


def _secret_rows(hits: list[SecretHit]) -> list[dict[str, Any]]:
    return [
        {
            "kind": hit.kind,
            "path": hit.path,
            "line": hit.line,
            "context": hit.context.value,
            "confidence": hit.confidence.value,
            "provider": hit.provider,
        }
        for hit in hits
    ]


@probe("committed_secrets")
def committed_secrets_probe(ctx: ProbeContext) -> Result:
    scan = ctx.derive(committed_secrets)
    live = scan.live
    data: dict[str, Any] = {"files_scanned": scan.files_scanned, "secrets": _secret_rows(live)}
    if live:
        kinds = ", ".join(sorted({hit.kind for hit in live}))
        return failed(
            f"{counted(len(live), 'provider-issued credential')} committed outside tests and "
            "examples "
            f"({kinds}); first: {describe(live[0])}. Values are not shown.",
            [_secret_location(hit) for hit in live[:10]],
            **data,
        )
    return passed(
        f"No provider-issued credential (cloud, repository or service token, private key) "
        f"committed outside tests and examples in {scan.files_scanned} text files.",
        (),
        **data,
    )


@probe("secrets_to_review")
def secrets_to_review(ctx: ProbeContext) -> Result:
    scan = ctx.derive(committed_secrets)
    review = scan.review
    dismissed = dict(scan.dismissed.most_common())
    data: dict[str, Any] = {"secrets": _secret_rows(review), "dismissed": dismissed}
    not_secrets = sum(dismissed.values())
    note = (
        f" {not_secrets} other match(es) are not secrets "
        f"({', '.join(f'{reason}: {count}' for reason, count in dismissed.items())})."
        if not_secrets
        else ""
    )
    if review:
        kinds = ", ".join(sorted({hit.kind for hit in review}))
        places = "this place" if len(review) == 1 else f"these {len(review)} places"
        return unknown(
            f"Review {places} where a value may be a credential ({kinds}): "
            f"check none is a real one in use. Values are not shown.{note}",
            [_secret_location(hit) for hit in review[:10]],
            **data,
        )
    return passed(f"No other secret-looking value to review.{note}", (), **data)


def _stored_password_fields(ctx: ProbeContext) -> list[Location]:
    report = ctx.derive(personal_data)
    return [
        Location(path=f.path, line=f.line, excerpt=f"{f.entity}.{f.name} ({f.source})")
        for f in report.fields
        if f.stored and _PASSWORD_FIELD.search(f.name.lower()) and f.type != "inherited"
    ]


@probe("password_hashing_and_auth")
def password_hashing_and_auth(ctx: ProbeContext) -> Result:
    signals = ctx.derive(code_features)
    hashing = signals.get("password_hashing")
    auth = signals.get("authentication")
    passwords = _stored_password_fields(ctx)
    if hashing or auth:
        parts = []
        if hashing:
            parts.append(f"password hashing ({hashing[0].path}:{hashing[0].line})")
        if auth:
            parts.append(f"authentication library ({auth[0].path}:{auth[0].line})")
        return passed(
            "Found " + " and ".join(parts) + ".",
            hit_locations(hashing, 3) + hit_locations(auth, 2),
        )
    if passwords:
        return unknown(
            "Password fields are stored but no password hashing or authentication library was found.",
            passwords[:5],
        )
    return not_applicable("No user accounts, passwords or authentication were found.")


@probe("encryption_hints")
def encryption_hints(ctx: ProbeContext) -> Result:
    hits = ctx.derive(code_features).get("encryption")
    report = ctx.derive(personal_data)
    if hits:
        return passed(
            f"Encryption settings or libraries are used ({counted(len(hits), 'place')}).",
            hit_locations(hits),
        )
    if not report.personal:
        return not_applicable("No personal data was found, so encryption of it is not assessed.")
    return unknown(
        "Personal data is handled, but no HTTPS enforcement or data encryption was found in the code."
    )


@probe("dependency_update_automation")
def dependency_update_automation(ctx: ProbeContext) -> Result:
    configs = [ctx.location(path, 1) for path in UPDATE_CONFIGS if ctx.inventory.get(path)]
    audits: list[Location] = []
    for entry in ctx.inventory.files:
        if _CI_FILES.match(entry.path):
            audits += ctx.find(entry, _AUDIT_STEP, limit=1)
    if configs or audits:
        what = []
        if configs:
            what.append("dependency updates are automated")
        if audits:
            what.append("CI audits dependencies or code")
        return passed("; ".join(what).capitalize() + ".", configs + audits[:4])
    return failed("No dependency-update automation (Dependabot, Renovate) or security audit in CI.")
