"""Find committed secrets: known credential formats (dpgkit.redact's patterns) and
random-looking values assigned to secret-sounding keys (entropy).

What is reported never carries the secret: excerpts are masked here, and every value found
is handed to the redaction of the whole assessment (``ProbeContext.sensitive``).
Only the checked-out tree is read; the git history is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from dpgkit.fastregex import compile_scanner
from dpgkit.inventory import FileEntry, Inventory
from dpgkit.inventory.inventory import excerpt
from dpgkit.redact import MASK, patterns_for, redact_text
from dpgkit.secrets.context import SecretContext, secret_context
from dpgkit.secrets.entropy import looks_random

if TYPE_CHECKING:
    from dpgkit.analysis.context import ProbeContext

# Patterns that match "name = value" rather than a credential's own format: the value
# may be a placeholder ("changeme", "${DB_PASSWORD}") or a weak development default.
_ASSIGNMENT_KINDS = frozenset({"assigned password or secret", "password in configuration"})
_ASSIGNMENT_WORDS = (
    *("password", "passwd", "pwd", "secret", "token", "api_key", "api-key", "apikey"),
    *("access_key", "access-key", "accesskey", "private_key", "private-key", "privatekey"),
)
_PLACEHOLDER = re.compile(
    r"^(?:[<{\[(%$*#.x_-].*|.*[>}\])]$|(?:change[_-]?me|changeit|password|passwd|secret|token|"
    r"none|null|nil|undefined|true|false|empty|required|optional|string|your[_-].*|.*[_-]here|"
    r"\.\.\.|todo|tbd|redacted|hidden|masked|example.*|dummy.*|fake.*|sample.*|test|testing)|"
    r"(?-i:[A-Z][A-Z0-9_]+)|(?:os\.|process\.|env\.|settings\.|config\.|self\.|this\.|params\.|args\.).*|"
    r"(.)\1+)$",
    re.IGNORECASE,
)
# key = value, key: value, "key": "value", KEY=value; the key says it holds a secret.
# The search starts at the separator (a rare character the regex engine skips to quickly)
# and the key is read backwards from there: starting at every possible key is far slower.
_VALUE_AFTER_SEPARATOR = re.compile(
    r"(?::=|=>|[:=])[ \t]*[\"'`]?(?P<value>[A-Za-z0-9+/=_.~-]{16,400})"
)
_KEY_BEFORE = re.compile(r"(?P<key>[A-Za-z_][\w.-]{0,80})[\"']?[ \t]*$")
_SECRET_KEY_WORD = re.compile(
    r"key|secret|token|pass|pwd|auth|credential|salt|signature|private|cert|session|cookie|jwt|bearer|sig",
    re.I,
)
_NOT_SECRET_KEY_WORD = re.compile(
    r"integrity|sha\d*|hash|checksum|digest|etag|uuid|guid|commit|revision|version|public|"
    r"publishable|client[_-]?id|app[_-]?id|key[_-]?id|site[_-]?key|font|color|icon|path|file|url|name|type|format",
    re.I,
)
_CONFIG_SUFFIXES = frozenset(
    {
        ".env",
        ".yml",
        ".yaml",
        ".json",
        ".ini",
        ".cfg",
        ".conf",
        ".properties",
        ".toml",
        ".xml",
        ".tf",
        ".tfvars",
        ".plist",
        ".config",
        ".secrets",
        ".npmrc",
        ".pypirc",
        ".netrc",
    }
)
_LOCK_FILES = frozenset(
    {
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "poetry.lock",
        "pipfile.lock",
        "cargo.lock",
        "composer.lock",
        "gemfile.lock",
        "go.sum",
        "mix.lock",
        "pubspec.lock",
        "uv.lock",
        "pdm.lock",
        "bun.lockb",
        "flake.lock",
        "packages.lock.json",
    }
)
# Key stores that are binary: found by name, never read.
_KEY_STORE_SUFFIXES = {
    ".p12": "PKCS#12 key store",
    ".pfx": "PKCS#12 key store",
    ".jks": "Java key store",
    ".keystore": "key store",
    ".kdbx": "KeePass password database",
}
_KEY_FILE_NAMES = {"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".htpasswd", ".netrc", ".pgpass"}
_MAX_HITS_PER_FILE = 20
_MAX_HITS = 500
# Private key bodies: each base64 line is registered for redaction, so a probe that quotes
# any line of the key file still prints nothing of it.
_KEY_BODY_LINE = re.compile(r"^[A-Za-z0-9+/=]{16,}$")


class Confidence(StrEnum):
    HIGH = "high"  # a credential format or a random value: almost surely a real secret
    LOW = "low"  # a plain password in configuration: often a development default


@dataclass(frozen=True, slots=True)
class SecretHit:
    kind: str
    path: str
    line: int
    context: SecretContext
    confidence: Confidence
    excerpt: str  # masked

    @property
    def blocking(self) -> bool:
        return self.context is SecretContext.LIVE and self.confidence is Confidence.HIGH


@dataclass
class SecretScan:
    hits: list[SecretHit] = field(default_factory=list)
    files_scanned: int = 0
    # The secret values themselves: for redaction only, never for output.
    values: set[str] = field(default_factory=set, repr=False)

    @property
    def live(self) -> list[SecretHit]:
        return [hit for hit in self.hits if hit.blocking]


def _line_span(text: str, position: int) -> tuple[int, int, int]:
    """(1-based line number, line start, line end) of position in text."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text.count("\n", 0, position) + 1, start, end if end != -1 else len(text)


def _masked_excerpt(line: str, values: set[str]) -> str:
    return excerpt(redact_text(line, sorted(values, key=len, reverse=True)))


def _is_placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.match(value)) or len(set(value)) <= 2


# Credential formats are gated by one linear-time RE2 pass (dpgkit.redact.patterns_for);
# the patterns RE2 cannot run (look-arounds) are gated by the words they need.
# A text holding none of a pattern's words cannot match it; the words run as one RE2 pass.
_WORD_GATED: dict[str, Any] = {
    kind: compile_scanner("|".join(re.escape(word) for word in words), ignore_case=True)
    for kind, words in (
        ("assigned password or secret", _ASSIGNMENT_WORDS),
        ("password in configuration", _ASSIGNMENT_WORDS),
        ("credentials in a URL", ("://",)),
    )
}


def _triggered(kind: str, text: str) -> bool:
    words = _WORD_GATED.get(kind)
    return words is None or words.search(text) is not None


def _pattern_hits(text: str) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, value) for every SECRET_PATTERNS match."""
    for kind, pattern in patterns_for(text):
        if not _triggered(kind, text):
            continue
        for match in pattern.finditer(text):
            start, end = match.span("secret")
            yield kind, start, end, match.group("secret")


def _entropy_hits(entry: FileEntry, text: str) -> Iterator[tuple[str, int, int, str]]:
    config = entry.suffix in _CONFIG_SUFFIXES or entry.name.lower().startswith(".env")
    for match in _VALUE_AFTER_SEPARATOR.finditer(text):
        value = match.group("value")
        if not config and len(value) < 20:
            continue
        before = _KEY_BEFORE.search(text, max(0, match.start() - 90), match.start())
        if before is None:
            continue
        key = before.group("key")
        if _NOT_SECRET_KEY_WORD.search(key):
            continue
        secretish = _SECRET_KEY_WORD.search(key) is not None
        if not secretish and not (config and len(value) >= 32):
            continue
        if looks_random(value):
            yield "random-looking secret value", match.start("value"), match.end("value"), value


def _scan_text(entry: FileEntry, text: str, scan: SecretScan) -> None:
    found: list[tuple[str, int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for kind, start, end, value in [*_pattern_hits(text), *_entropy_hits(entry, text)]:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        if kind in _ASSIGNMENT_KINDS and _is_placeholder(value):
            continue
        taken.append((start, end))
        found.append((kind, start, end, value))
    for kind, start, _end, value in sorted(found, key=lambda item: item[1])[:_MAX_HITS_PER_FILE]:
        if kind == "private key":
            for body_line in value.splitlines():
                if _KEY_BODY_LINE.match(body_line.strip()):
                    scan.values.add(body_line.strip())
        elif len(value) >= 8:
            scan.values.add(value)
        line_no, line_start, line_end = _line_span(text, start)
        line = text[line_start:line_end]
        if kind == "private key":
            line = f"{MASK} (the key itself)"
        random_value = kind not in _ASSIGNMENT_KINDS or looks_random(value, min_length=12)
        scan.hits.append(
            SecretHit(
                kind=kind,
                path=entry.path,
                line=line_no,
                context=secret_context(entry.path, value),
                confidence=Confidence.HIGH if random_value else Confidence.LOW,
                excerpt=_masked_excerpt(line, {value} if MASK not in value else set()),
            )
        )


def scan_secrets(inventory: Inventory) -> SecretScan:
    """Every secret-looking value in the project's own files, with file, line and context."""
    scan = SecretScan()
    for entry in inventory.own_files():
        if len(scan.hits) >= _MAX_HITS:
            break
        name = entry.name.lower()
        if name in _LOCK_FILES:
            continue
        store = _KEY_STORE_SUFFIXES.get(entry.suffix)
        if store is not None and inventory.is_binary(entry):
            scan.hits.append(_file_hit(entry, store, Confidence.HIGH))
            continue
        text = inventory.text(entry)
        if text is None:
            continue
        scan.files_scanned += 1
        before = len(scan.hits)
        _scan_text(entry, text, scan)
        if name in _KEY_FILE_NAMES and len(scan.hits) == before and text.strip():
            # .htpasswd holds password hashes, .netrc and .pgpass plain passwords.
            confidence = Confidence.LOW if name == ".htpasswd" else Confidence.HIGH
            scan.hits.append(_file_hit(entry, "credential file", confidence))
    return scan


def _file_hit(entry: FileEntry, kind: str, confidence: Confidence) -> SecretHit:
    return SecretHit(
        kind=kind,
        path=entry.path,
        line=1,
        context=secret_context(entry.path),
        confidence=confidence,
        excerpt=f"({kind} committed)",
    )


def describe(hit: SecretHit) -> str:
    where = PurePosixPath(hit.path).as_posix()
    return f"{hit.kind} in {where}:{hit.line} ({hit.context.value})"


def committed_secrets(ctx: ProbeContext) -> SecretScan:
    """The scan for ``ctx.derive``: its values join the assessment's redaction list."""
    scan = scan_secrets(ctx.inventory)
    ctx.sensitive.update(scan.values)
    return scan
