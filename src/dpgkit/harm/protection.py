"""What the checkout shows about protecting personal data (hashing, authentication,
encryption, consent, erasure, retention, a security policy, dependency updates): the
pre-filled text of the owner's 9A answer.
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited
from dpgkit.evidence.community import community_file
from dpgkit.pii.derived import code_features

UPDATE_CONFIGS = (
    ".github/dependabot.yml",
    ".github/dependabot.yaml",
    "renovate.json",
    "renovate.json5",
    ".renovaterc",
    ".renovaterc.json",
    ".github/renovate.json",
    ".github/renovate.json5",
    ".gitlab/renovate.json",
    ".snyk",
)


def security_step_items(ctx: ProbeContext) -> list[Cited]:
    """Each protection the checkout shows, as a sentence's subject and where it shows."""
    signals = ctx.derive(code_features)
    steps = []
    for name, words in (
        ("password_hashing", "Passwords are hashed"),
        ("authentication", "Authentication uses a maintained library"),
        ("encryption", "Encryption or HTTPS is configured"),
        ("consent", "Consent is recorded"),
        ("erasure", "Accounts or personal data can be deleted"),
        ("retention", "Data is retained or anonymised by rule"),
    ):
        hits = signals.get(name)
        if hits:
            steps.append(Cited(words, path=hits[0].path, line=hits[0].line))
    policy = community_file(ctx, "security")
    if policy is not None:
        steps.append(
            Cited("A security policy says how to report vulnerabilities", path=policy.path)
        )
    update = next((path for path in UPDATE_CONFIGS if ctx.inventory.get(path)), None)
    if update is not None:
        steps.append(Cited("Dependency updates are automated", path=update))
    return steps


def security_steps(ctx: ProbeContext) -> str:
    """What the code shows about protecting personal data, for the owner's 9A answer."""
    return "; ".join(
        f"{item.title.lower()} ({item.path}{f':{item.line}' if item.line else ''})"
        for item in security_step_items(ctx)
    )
