"""What the checkout shows about protecting personal data (hashing, authentication,
encryption, consent, erasure, retention, a security policy, dependency updates): the
pre-filled text of the owner's 9A answer.
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
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


def security_steps(ctx: ProbeContext) -> str:
    """What the code shows about protecting personal data, for the owner's 9A answer."""
    signals = ctx.derive(code_features)
    steps = []
    for name, words in (
        ("password_hashing", "passwords are hashed"),
        ("authentication", "authentication uses a maintained library"),
        ("encryption", "encryption/HTTPS settings"),
        ("consent", "consent is recorded"),
        ("erasure", "accounts or personal data can be deleted"),
        ("retention", "data retention/anonymisation"),
    ):
        hits = signals.get(name)
        if hits:
            steps.append(f"{words} ({hits[0].path}:{hits[0].line})")
    policy = community_file(ctx, "security")
    if policy is not None:
        steps.append(f"security policy {policy.path}")
    if any(ctx.inventory.get(path) for path in UPDATE_CONFIGS):
        steps.append("automated dependency updates")
    return "; ".join(steps)
