"""Redaction applied to every string of an Assessment before any consumer sees it.

Secret detectors report where a secret is; this module makes sure no output ever carries
the secret itself, whichever probe or message happened to quote the line.

Three layers, from the broadest to the narrowest:

- credential *formats* (SECRET_PATTERNS) are masked in every string;
- values that could not be an ordinary word (provider-shaped or long and random-looking:
  ``Sensitive.anywhere``) are masked wherever they appear; which ones is decided in one
  place, dpgkit.secrets.exposure;
- every other secret is masked *at its place* (``Sensitive.places``): in any excerpt of its
  own line, and wherever its line's text around it is quoted. A weak test password that
  happens to be the project's name, "password" or a library's name is hidden on its line
  and nowhere else, so the report and nomination keep those words (issue 21).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel

from dpgkit.fastregex import compile_scanner, is_linear

# Patterns for well-known credential formats; group "secret" is what gets masked. This is
# the ONE list: the committed-secret scanner (dpgkit.secrets) reports what these match, and
# redaction masks the same, so a format added here is both found and hidden everywhere.
# Quoted values do not need their closing quote: an excerpt cut short must still be masked.
SECRET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "private key",
            r"(?P<secret>-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$))",
        ),
        (
            "AWS access key",
            r"(?P<secret>\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b)",
        ),
        (
            "AWS secret key",
            r"(?i)aws_?secret_?(?:access_?)?key[\"']?\s*[:=]\s*[\"']?(?P<secret>[A-Za-z0-9/+=]{40})\b",
        ),
        (
            "GitHub token",
            r"(?P<secret>\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b|\bgithub_pat_[A-Za-z0-9_]{40,255})",
        ),
        ("GitLab token", r"(?P<secret>\bgl(?:pat|dt|rt|ptt|cbt)-[A-Za-z0-9_-]{20,}\b)"),
        ("Slack token", r"(?P<secret>\bxox[abposre]-[A-Za-z0-9-]{10,}\b)"),
        (
            "Slack webhook",
            r"https://hooks\.slack\.com/(?:services|workflows)/(?P<secret>[A-Za-z0-9/_-]{20,})",
        ),
        ("Google API key", r"(?P<secret>\bAIza[0-9A-Za-z_-]{35}\b)"),
        ("Google OAuth client secret", r"(?P<secret>\bGOCSPX-[A-Za-z0-9_-]{20,})"),
        ("Stripe key", r"(?P<secret>\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}\b)"),
        ("OpenAI or Anthropic key", r"(?P<secret>\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,})"),
        ("Hugging Face token", r"(?P<secret>\bhf_[A-Za-z]{30,}\b)"),
        ("SendGrid key", r"(?P<secret>\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,})"),
        ("Mailgun key", r"(?P<secret>\bkey-[0-9a-zA-Z]{32}\b)"),
        ("Twilio key", r"(?P<secret>\bSK[0-9a-fA-F]{32}\b)"),
        ("npm token", r"(?P<secret>\bnpm_[A-Za-z0-9]{36}\b)"),
        ("PyPI token", r"(?P<secret>\bpypi-AgE[A-Za-z0-9_-]{50,})"),
        ("Telegram bot token", r"(?P<secret>\b\d{8,10}:AA[0-9A-Za-z_-]{33}\b)"),
        ("DigitalOcean token", r"(?P<secret>\bdo[por]_v1_[a-f0-9]{64}\b)"),
        ("Shopify token", r"(?P<secret>\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b)"),
        ("Databricks token", r"(?P<secret>\bdapi[a-f0-9]{32}\b)"),
        (
            "Azure storage key",
            r"(?i)AccountKey=(?P<secret>[A-Za-z0-9+/=]{40,})",
        ),
        (
            "JSON web token",
            r"(?P<secret>\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})",
        ),
        (
            "credentials in a URL",
            r"(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}://[^\s:/@]{1,200}:(?P<secret>[^\s@/]{3,200})@",
        ),
        (
            "assigned password or secret",
            r"(?i)(?<![\w.-])[\w.-]{0,60}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|private[_-]?key)[\w.-]{0,60}"
            r"[\"']?\s*(?::=|=>|[:=])\s*[\"'](?P<secret>[^\"'\s]{4,})",
        ),
        (
            # YAML, .env, .ini and .properties lines: the value is not quoted. Values that
            # look like code (calls, variables, templates) are left alone.
            "password in configuration",
            r"(?im)^[ \t]*(?:export[ \t]+)?[\w.-]{0,60}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)[\w.-]{0,60}"
            r"[ \t]*[:=][ \t]*(?P<secret>[^\s\"'#()$%{}<>,;\[\]`]{4,})[ \t]*(?:[#;].*)?$",
        ),
    )
)

# A fixed mask, never a prefix or length of the secret: both would leak something.
MASK = "[REDACTED]"


# A known secret longer than this is also masked where an excerpt cut it short.
_PREFIX_CHARS = 12


# One linear-time pass says whether any RE2-compatible secret pattern can match: most texts
# hold none, and running each backtracking pattern over them is most of a scan's cost.
# Patterns RE2 cannot run (look-arounds) are never gated: they always run.
_GATED = tuple(item for item in SECRET_PATTERNS if is_linear(compile_scanner(item[1].pattern)))
_ALWAYS = tuple(item for item in SECRET_PATTERNS if item not in _GATED)
_PREFILTER = compile_scanner(
    "|".join(f"(?:{pattern.pattern.replace('(?P<secret>', '(?:')})" for _, pattern in _GATED)
    or "(?!)"
)


def patterns_for(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The secret patterns worth running on text (every one that could match)."""
    if not is_linear(_PREFILTER) or _PREFILTER.search(text) is not None:
        return SECRET_PATTERNS
    return _ALWAYS


def may_hold_secret(text: str) -> bool:
    return bool(patterns_for(text))


def redact_text(text: str, known: Iterable[str] = ()) -> str:
    """Mask every pattern match, and every ``known`` secret value a scanner found.

    ``known`` holds values that no pattern describes (found by entropy, or the lines of a
    private key's body); their first characters are masked too, so a truncated excerpt
    does not leak the start of one.
    """
    for value in known:
        if value and value in text:
            text = text.replace(value, MASK)
        if len(value) >= _PREFIX_CHARS + 4 and value[:_PREFIX_CHARS] in text:
            text = re.sub(re.escape(value[:_PREFIX_CHARS]) + r"\S*", MASK, text)
    for name, pattern in patterns_for(text):
        text = pattern.sub(_mask_generic if name in _GENERIC_KINDS else _mask_group, text)
    return text


# Credentials their providers publish for everyone to use, which open nothing: the Azure
# storage emulator's account key (Azurite) and AWS documentation's example keys (their
# values end in EXAMPLE or EXAMPLEKEY; a random key does so once in 36^7). The scan drops
# them (dpgkit.secrets.classify); redaction leaves them, whole or cut short in an excerpt.
PUBLISHED_KEYS = frozenset(
    {
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    }
)
_MIN_PUBLISHED_PREFIX = 20


def is_published_value(value: str) -> bool:
    """One of PUBLISHED_KEYS (or its start, at least 20 characters), or an AWS docs example."""
    if len(value) >= _MIN_PUBLISHED_PREFIX and any(key.startswith(value) for key in PUBLISHED_KEYS):
        return True
    return len(value) >= _MIN_PUBLISHED_PREFIX and value.endswith(("EXAMPLE", "EXAMPLEKEY"))


def _mask_group(match: re.Match[str]) -> str:
    if is_published_value(match.group("secret")):
        return match.group(0)
    whole = match.group(0)
    start, end = match.span("secret")
    offset = match.start()
    return whole[: start - offset] + MASK + whole[end - offset :]


# Patterns that match a secret-sounding name or a URL's password, not a credential's own
# format: what they match may be a template reference or a filler word.
_GENERIC_KINDS = frozenset(
    {"assigned password or secret", "password in configuration", "credentials in a URL"}
)
# Values no one would hide: references to the real value and filler words. The scan drops
# these too (dpgkit.secrets.classify.is_placeholder, a broader rule that also reads the
# line around), so neither feeds them to redaction: masked, ``token=changeit`` quoted as
# evidence reads as if a secret were there (issue 21). Values with a character outside
# these forms are masked: the rule errs on hiding.
_PLACEHOLDER_VALUE = re.compile(
    r"\$\{[^{}]*\}|\$\(\w+\)|\{\{[^{}]*\}\}|%\(\w+\)s|<[A-Za-z_ -]*>?|\[[^\[\]]*\]|%\w+%|@\w+@|"
    r"__\w+__|\$[A-Za-z_]\w*|(?-i:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)|(.)\1{2,}|"
    r"(?i:change[_.-]?(?:me|it)\w*|password\d?|passwd|pass|secret|token|key|apikey|none|null|"
    r"nil|undefined|empty|blank|required|string|value|todo|tbd|fixme|redacted|hidden|masked|"
    r"placeholder|your[_.-]\w+(?:[_.-]\w+)*|(?:example|dummy|fake|sample)[\w.-]*|x{3,}\w*)"
)


def is_placeholder_value(value: str) -> bool:
    """A template reference or filler word (``${DB_PASSWORD}``, ``changeit``), no secret."""
    return _PLACEHOLDER_VALUE.fullmatch(value) is not None


def _mask_generic(match: re.Match[str]) -> str:
    if is_placeholder_value(match.group("secret")):
        return match.group(0)
    return _mask_group(match)


@dataclass(frozen=True, slots=True)
class SecretPlace:
    """Where a secret was found: file, 1-based line, the line's text and the value's span.

    Held in memory for the redaction of one assessment only; never written anywhere.
    """

    path: str
    line: int
    text: str = field(repr=False)
    start: int  # the value's span within text
    end: int

    @property
    def value(self) -> str:
        return self.text[self.start : self.end]

    def anchor(self) -> str:
        """The words just before the value on its line, which any quotation repeats."""
        return self.text[: self.start].lstrip()[-_ANCHOR_CHARS:]


_ANCHOR_CHARS = 24
_MIN_ANCHOR_WORD = re.compile(r"[A-Za-z0-9_]{3}")
_ELLIPSIS = "…"


@dataclass
class Sensitive:
    """What one assessment's outputs must hide (see the module docstring)."""

    anywhere: set[str] = field(default_factory=set)
    places: list[SecretPlace] = field(default_factory=list)


def _masked_excerpt(excerpt: str, line: str, spans: list[tuple[int, int]]) -> str | None:
    """The excerpt with the spans masked, when it is (the start of) line; else None.

    Excerpts strip the line and may cut it short with an ellipsis, possibly inside a value.
    """
    stripped = line.strip()
    offset = len(line) - len(line.lstrip())
    cut_short = excerpt.endswith(_ELLIPSIS)
    shown = excerpt[:-1] if cut_short else excerpt
    if not stripped.startswith(shown) or (not cut_short and shown != stripped):
        return None
    parts: list[str] = []
    position = 0
    for start, end in sorted((start - offset, end - offset) for start, end in spans):
        if start >= len(shown):
            break
        parts += [shown[position:start], MASK]
        position = max(position, end)
    parts.append(shown[position:])
    return "".join(parts) + (_ELLIPSIS if cut_short else "")


def _mask_quotations(text: str, places: list[SecretPlace]) -> str:
    """Mask each value where text quotes the words before it on its line, even cut short."""
    for place in places:
        anchor, value = place.anchor(), place.value
        if not value or not _MIN_ANCHOR_WORD.search(anchor) or anchor not in text:
            continue
        prefixes = "|".join(re.escape(value[:cut]) for cut in range(len(value) - 1, 0, -1))
        cut_short = f"|(?P<cut>{prefixes}){re.escape(_ELLIPSIS)}" if prefixes else ""
        pattern = re.compile(f"{re.escape(anchor)}(?:{re.escape(value)}{cut_short})")
        masked = anchor + MASK

        def replace(match: re.Match[str], masked: str = masked) -> str:
            return masked + (_ELLIPSIS if match.groupdict().get("cut") else "")

        text = pattern.sub(replace, text)
    return text


@dataclass
class _Redactor:
    known: tuple[str, ...]
    by_line: dict[tuple[str, int], list[SecretPlace]]
    places: list[SecretPlace]
    anchors: re.Pattern[str] | None

    def string(self, value: str) -> str:
        if self.anchors is not None and self.anchors.search(value):
            value = _mask_quotations(value, self.places)
        return redact_text(value, self.known)

    def excerpt(self, excerpt: str, here: list[SecretPlace]) -> str:
        masked = _masked_excerpt(excerpt, here[0].text, [(p.start, p.end) for p in here])
        if masked is not None:
            return masked
        # Another rendering of the line: mask its values wherever they appear in it.
        for place in sorted(here, key=lambda p: len(p.value), reverse=True):
            excerpt = _mask_quotations(excerpt, [place])
            if place.value:
                excerpt = excerpt.replace(place.value, MASK)
        return excerpt

    def walk(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.string(value)
        if isinstance(value, list):
            return [self.walk(item) for item in value]
        if isinstance(value, dict):
            path, line = value.get("path"), value.get("line")
            here = (
                self.by_line.get((path, line))
                if isinstance(path, str) and isinstance(line, int)
                else None
            )
            if here and isinstance(value.get("excerpt"), str):
                value = {**value, "excerpt": self.excerpt(value["excerpt"], here)}
            return {key: self.walk(item) for key, item in value.items()}
        return value


ModelT = TypeVar("ModelT", bound=BaseModel)


def redact_model(
    model: ModelT, known: Iterable[str] = (), places: Iterable[SecretPlace] = ()
) -> ModelT:
    """A copy of model with every string passed through redact_text, and every secret
    masked at its place: in any excerpt of its line, where its line is quoted."""
    # Longest first, so a value that contains another is masked whole.
    values = tuple(sorted({value for value in known if value}, key=len, reverse=True))
    listed = [place for place in places if place.value]
    by_line: dict[tuple[str, int], list[SecretPlace]] = defaultdict(list)
    for place in listed:
        by_line[(place.path, place.line)].append(place)
    anchors = {p.anchor() for p in listed if _MIN_ANCHOR_WORD.search(p.anchor())}
    redactor = _Redactor(
        known=values,
        by_line=dict(by_line),
        places=listed,
        anchors=re.compile("|".join(map(re.escape, anchors))) if anchors else None,
    )
    data = redactor.walk(model.model_dump(mode="json"))
    return type(model).model_validate(data)


def redact_assessment_model(model: ModelT, sensitive: Sensitive) -> ModelT:
    """redact_model with everything one assessment's scanners found."""
    return redact_model(model, known=sensitive.anywhere, places=sensitive.places)
