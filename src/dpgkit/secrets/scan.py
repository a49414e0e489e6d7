"""Find committed secrets: known credential formats (dpgkit.redact's patterns) and
random-looking values assigned to secret-sounding keys (entropy).

Each match is then judged by dpgkit.secrets.classify: not a secret at all (dropped),
provider-shaped (blocks 9A outside tests and examples), or generic (listed for review).
What is reported never carries the secret: excerpts are masked here, and every secret's
place (and, for values that could not be a word: dpgkit.secrets.exposure, the value) is
handed to the redaction of the whole assessment (``ProbeContext.sensitive``). Only the checked-out tree is read; the
git history is not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from dpgkit.fastregex import compile_gate, compile_scanner, literal_source, utf8
from dpgkit.inventory import FileEntry, Inventory
from dpgkit.inventory.inventory import excerpt
from dpgkit.redact import MASK, SECRET_PATTERNS, SecretPlace, Sensitive, redact_text
from dpgkit.scan import Scanned, Scanner, register, run_scan
from dpgkit.secrets.classify import (
    NotSecret,
    classify,
    classify_file,
    local_certificate_folders,
    local_key_store,
    provider_shaped,
)
from dpgkit.secrets.context import SecretContext, declared_example, secret_context
from dpgkit.secrets.entropy import looks_random
from dpgkit.secrets.exposure import Candidate, ProjectWords, everywhere, project_words

if TYPE_CHECKING:
    from dpgkit.analysis.context import ProbeContext

# Patterns that match "name = value" rather than a credential's own format: the value
# may be a placeholder ("changeme", "${DB_PASSWORD}") or a weak development default.
_ASSIGNMENT_KINDS = frozenset({"assigned password or secret", "password in configuration"})
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
    HIGH = "high"  # a credential format or a random value
    LOW = "low"  # a plain password in configuration: often a development default


@dataclass(frozen=True, slots=True)
class SecretHit:
    kind: str
    path: str
    line: int
    context: SecretContext
    confidence: Confidence
    excerpt: str  # masked
    # A provider-issued credential format (dpgkit.secrets.classify.provider_shaped); only
    # these block 9A, and only outside tests and examples.
    provider: bool = False

    @property
    def blocking(self) -> bool:
        return self.context is SecretContext.LIVE and self.provider


@dataclass
class SecretScan:
    hits: list[SecretHit] = field(default_factory=list)
    files_scanned: int = 0
    # Where each secret is and the values that could not be a word: for redaction only,
    # never for output. Filled from places and candidates once the project is known.
    sensitive: Sensitive = field(default_factory=Sensitive, repr=False)
    # Every found value, for dpgkit.secrets.exposure to decide which are masked everywhere.
    candidates: set[Candidate] = field(default_factory=set, repr=False)
    # Matches that are not secrets, counted by reason (placeholder, local credential...).
    dismissed: Counter[str] = field(default_factory=Counter)

    @property
    def live(self) -> list[SecretHit]:
        return [hit for hit in self.hits if hit.blocking]

    @property
    def review(self) -> list[SecretHit]:
        """Possible secrets that do not block: generic matches, credentials in examples."""
        return [hit for hit in self.hits if not hit.blocking]


def _line_span(text: str, position: int) -> tuple[int, int, int]:
    """(1-based line number, line start, line end) of position in text."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return text.count("\n", 0, position) + 1, start, end if end != -1 else len(text)


# --- matching ---------------------------------------------------------------------
# One RE2 set per file says which detectors can match at all (dpgkit.fastregex gates:
# each a superset of its Python pattern); only those run, with Python's own semantics.
# Most files open none. Entropy is computed only for values on the lines the entropy
# gate points at, never line by line over whole files.
# Any value looks_random() accepts is 20+ characters of this alphabet right after a
# separator, with a digit in its first 400 unless it is 32+ mixed-case hex letters.
_ENTROPY_GATE = (
    r"(?::=|=>|[:=])[ \t]*[\"'`]?(?:"
    + "|".join(f"[A-Za-z0-9+/=_-]{{{i}}}[0-9][A-Za-z0-9+/=_-]{{{19 - i}}}" for i in range(20))
    + r"|[A-Za-z0-9+/=_-]{20}[A-Za-z0-9+/=_-]{0,379}[0-9]|[a-fA-F]{32})"
)


@dataclass(frozen=True)
class _RunStart:
    """A pattern that starts with ``(?<![C])`` and up to ``longest`` C-characters before a
    literal anchor: a match can only start where the run of C-characters ending at an
    anchor starts, so the pattern is tried there and nowhere else (finditer's result)."""

    anchor: Any  # finds every anchor occurrence (RE2, Python's case rules)
    run: re.Pattern[str]  # C-characters, matched backwards from the anchor
    longest: int
    shortest: int = 0


_ASSIGNMENT_ANCHOR = (
    *("password", "passwd", "pwd", "secret", "token", "api_key", "api-key", "apikey"),
    *("access_key", "access-key", "accesskey", "client_secret", "client-secret"),
    *("clientsecret", "private_key", "private-key", "privatekey"),
)
# Keyed by the pattern's own source: if dpgkit.redact changes a pattern, its fast path
# no longer applies and the pattern runs over the whole text (correct, only slower).
_RUN_STARTS = {
    r"(?i)(?<![\w.-])[\w.-]{0,60}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|private[_-]?key)[\w.-]{0,60}"
    r"[\"']?\s*(?::=|=>|[:=])\s*[\"'](?P<secret>[^\"'\s]{4,})": (
        "|".join(literal_source(word) for word in _ASSIGNMENT_ANCHOR),
        re.compile(r"[\w.-]*"),
        60,
        0,
    ),
    r"(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}://[^\s:/@]{1,200}:(?P<secret>[^\s@/]{3,200})@": (
        re.escape("://"),
        re.compile(r"[a-z0-9+.-]*", re.IGNORECASE),
        31,
        1,
    ),
}


@dataclass(frozen=True)
class _Detectors:
    # One RE2 set: a gate per secret pattern that has one. The entropy gate is not in it:
    # its counted runs ("a digit among 20 key characters") multiply the set's automaton
    # states, which each process builds as it reads (a set with it cost a worker ~0.1 s
    # more on iaso's and opencrvs's files than the set without it plus the gate alone);
    # _gated_lines searches with it on its own.
    gates: Any
    owners: tuple[int, ...]  # set index -> SECRET_PATTERNS index
    always: frozenset[int]  # patterns without a gate: they always run
    run_starts: dict[int, _RunStart]
    entropy: Any  # the entropy gate, compiled on its own


@cache
def _detectors() -> _Detectors:
    """Built once per process (workers build their own, from the same patterns)."""
    import re2

    options = re2.Options()
    options.log_errors = False
    options.max_mem = 256 << 20
    gates = re2.Set.SearchSet(options)
    owners: list[int] = []
    always: set[int] = set()
    run_starts: dict[int, _RunStart] = {}
    for index, (_kind, pattern) in enumerate(SECRET_PATTERNS):
        gate = compile_gate(pattern.pattern)
        if gate is None:
            always.add(index)
        else:
            gates.Add(gate.pattern)
            owners.append(index)
        fast = _RUN_STARTS.get(pattern.pattern)
        if fast is not None:
            anchor, run, longest, shortest = fast
            run_starts[index] = _RunStart(compile_scanner(anchor), run, longest, shortest)
    gates.Compile()
    entropy = compile_scanner(_ENTROPY_GATE)
    return _Detectors(gates, tuple(owners), frozenset(always), run_starts, entropy)


def _open_detectors(text: str) -> frozenset[int]:
    """SECRET_PATTERNS indices that can match text: one RE2 pass."""
    detectors = _detectors()
    matched = detectors.gates.Match(utf8(text)) or ()  # one encoding shared by the pass
    return detectors.always | frozenset(detectors.owners[index] for index in matched)


def _run_start_matches(
    fast: _RunStart, pattern: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` yields, trying the pattern only where it can start."""
    starts: set[int] = set()
    for anchor in fast.anchor.finditer(text):
        position = anchor.start()
        window = text[max(0, position - fast.longest - 1) : position]
        found = fast.run.match(window[::-1])
        run = len(found.group(0)) if found else 0
        # A full window means a run longer than the pattern allows before its anchor.
        if fast.shortest <= run <= fast.longest:
            starts.add(position - run)
    last_end = 0
    for start in sorted(starts):
        if start < last_end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            last_end = match.end()


def _pattern_hits(text: str, opened: frozenset[int]) -> Iterator[tuple[str, int, int, str]]:
    """(kind, start, end, value) for every SECRET_PATTERNS match."""
    run_starts = _detectors().run_starts
    # Only the patterns whose gate matched (the others cannot), in the patterns' order.
    for index in sorted(opened):
        kind, pattern = SECRET_PATTERNS[index]
        fast = run_starts.get(index)
        matches = _run_start_matches(fast, pattern, text) if fast else pattern.finditer(text)
        for match in matches:
            start, end = match.span("secret")
            yield kind, start, end, match.group("secret")


def _gated_lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the lines holding a value the entropy gate accepts, in order."""
    gate = _detectors().entropy
    if text.isascii():
        # As bytes (the same offsets; RE2's wrapper then maps no offsets back to
        # characters), and from the end of each line found: the gate never matches across
        # a line end, so the first match after a line is the first match of a later line,
        # and the rest of a line (a minified file's megabytes) is never searched again.
        data = text.encode("ascii")
        position = 0
        while position <= len(text):
            found = gate.search(data, position)
            if found is None:
                return
            begin = found.start()
            end = text.find("\n", begin)
            end = end if end != -1 else len(text)
            yield text.rfind("\n", 0, begin) + 1, end
            position = end + 1
        return
    last = -1
    for match in gate.finditer(text):
        # A line starts at or before its matches: a match starting before the end of the
        # last line yielded is on it, known without searching back for the line's start
        # (on a minified bundle's one line of megabytes, a long scan per match).
        if match.start() <= last:
            continue
        start = text.rfind("\n", 0, match.start()) + 1
        if start <= last:
            continue
        end = text.find("\n", match.start())
        last = end = end if end != -1 else len(text)
        yield start, end


def _separator_matches(text: str) -> Iterator[re.Match[str]]:
    # A value never crosses a line, so finditer over the gated lines alone yields what
    # it yields over the whole text on those lines; other lines hold no acceptable value.
    for start, end in _gated_lines(text):
        yield from _VALUE_AFTER_SEPARATOR.finditer(text, start, end)


_KEY_RUN = re.compile(r"[\w.-]*")
_KEY_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")


def _key_before(text: str, end: int) -> str | None:
    """What ``_KEY_BEFORE.search(text, max(0, end - 90), end)`` finds as its key, read
    backwards from the separator instead of trying every start in the window."""
    window = max(0, end - 90)
    if end > window and text[end - 1] == "\n":
        end -= 1  # "$" also matches before a newline that ends the window
    while end > window and text[end - 1] in " \t":
        end -= 1
    if end > window and text[end - 1] in "\"'":
        end -= 1
    run = _KEY_RUN.match(text[window:end][::-1])
    start = max(end - (len(run.group(0)) if run else 0), end - 81)
    for index in range(start, end):
        if text[index] in _KEY_START:
            return text[index:end]
    return None


def _entropy_hits(entry: FileEntry, text: str) -> Iterator[tuple[str, int, int, str]]:
    config = entry.suffix in _CONFIG_SUFFIXES or entry.name.lower().startswith(".env")
    for match in _separator_matches(text):
        value = match.group("value")
        if not config and len(value) < 20:
            continue
        key = _key_before(text, match.start())
        if key is None:
            continue
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
    opened = _open_detectors(text)
    candidates = [*_pattern_hits(text, opened)]
    candidates += _entropy_hits(entry, text)
    for kind, start, end, value in candidates:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        # A span judged once is judged for every later (broader) pattern that covers it.
        taken.append((start, end))
        reason = classify(kind, value, text, start, entry)
        if reason is not None:
            scan.dismissed[reason.value] += 1
            continue
        found.append((kind, start, end, value))
    for kind, start, end, value in sorted(found, key=lambda item: item[1])[:_MAX_HITS_PER_FILE]:
        line_no, line_start, line_end = _line_span(text, start)
        line = text[line_start:line_end]
        provider = provider_shaped(kind, value, text)
        if kind == "private key":
            # Every base64 line of the body, also where a JSON string escapes the newlines.
            for body_line in re.split(r"\n|\\n", value):
                if _KEY_BODY_LINE.match(body_line.strip()):
                    scan.candidates.add(Candidate(body_line.strip(), provider))
            shown = f"{MASK} (the key itself)"
        else:
            place = SecretPlace(
                entry.path, line_no, line, start - line_start, min(end, line_end) - line_start
            )
            scan.sensitive.places.append(place)
            scan.candidates.add(Candidate(value, provider))
            shown = excerpt(redact_text(line[: place.start] + MASK + line[place.end :]))
        random_value = kind not in _ASSIGNMENT_KINDS or looks_random(value, min_length=12)
        context = secret_context(entry.path, value)
        if context is SecretContext.LIVE and declared_example(text, start, end):
            context = SecretContext.EXAMPLE
        scan.hits.append(
            SecretHit(
                kind=kind,
                path=entry.path,
                line=line_no,
                context=context,
                confidence=Confidence.HIGH if random_value else Confidence.LOW,
                excerpt=shown,
                provider=provider,
            )
        )


# --- the driving loop: one scanner on the pass over the files (dpgkit.scan) ---------
def _wanted(entry: FileEntry) -> bool:
    return entry.own and entry.name.lower() not in _LOCK_FILES


def _scan_file(entry: FileEntry, text: str) -> SecretScan | None:
    """One text file's secrets (in a worker process when the pass runs on several)."""
    found = SecretScan()
    _scan_text(entry, text, found)
    name = entry.name.lower()
    if name in _KEY_FILE_NAMES and not found.hits and text.strip():
        # .htpasswd holds password hashes, .netrc and .pgpass plain passwords.
        confidence = Confidence.LOW if name == ".htpasswd" else Confidence.HIGH
        _add_file_hit(found, entry, "credential file", confidence)
    return found if found.hits or found.dismissed or found.candidates else None


def _key_store(entry: FileEntry) -> SecretScan | None:
    store = _KEY_STORE_SUFFIXES.get(entry.suffix)
    if store is None:
        return None
    found = SecretScan()
    _add_file_hit(found, entry, store, Confidence.HIGH)
    return found


def _add_file_hit(scan: SecretScan, entry: FileEntry, kind: str, confidence: Confidence) -> None:
    reason = classify_file(entry)
    if reason is not None:
        scan.dismissed[reason.value] += 1
    else:
        scan.hits.append(_file_hit(entry, kind, confidence))


SECRETS: Scanner[SecretScan] = register(
    Scanner(
        "committed secrets",
        wants=_wanted,
        scan=_scan_file,
        on_binary=_key_store,
        prepare=_detectors,
    )
)


def _assemble(entries: Iterable[FileEntry], scanned: Scanned[SecretScan]) -> SecretScan:
    """The files' results in inventory order, up to the cap on hits."""
    scan = SecretScan()
    by_path = scanned.by_path()
    for entry in entries:
        if len(scan.hits) >= _MAX_HITS:
            break
        if not _wanted(entry):
            continue
        if entry.path in scanned.texts:
            scan.files_scanned += 1
        found = by_path.get(entry.path)
        if found is not None:
            scan.hits += found.hits
            scan.candidates |= found.candidates
            scan.sensitive.places += found.sensitive.places
            scan.dismissed.update(found.dismissed)
    return scan


def _settle_local(scan: SecretScan, inventory: Inventory) -> SecretScan:
    """What needs more than one file: private keys beside a certificate for localhost, and
    key stores whose certificates name localhost, are a local stack's TLS material."""
    keys = [hit for hit in scan.hits if hit.kind == "private key" and hit.blocking]
    folders = local_certificate_folders(inventory, {hit.path.rpartition("/")[0] for hit in keys})
    local = [hit for hit in keys if hit.path.rpartition("/")[0] in folders]
    local += [
        hit
        for hit in scan.hits
        if hit.kind in _KEY_STORE_SUFFIXES.values() and local_key_store(inventory, hit.path)
    ]
    for hit in local:
        scan.hits.remove(hit)
        scan.dismissed[NotSecret.LOCAL.value] += 1
    return scan


def scan_secrets(inventory: Inventory) -> SecretScan:
    """Every secret-looking value in the project's own files, with file, line and context."""
    scanned = run_scan(inventory, [SECRETS])[SECRETS.name]
    scan = _settle_local(_assemble(inventory.files, scanned), inventory)
    places = [(place.path, place.line) for place in scan.sensitive.places]
    return _settle_exposure(scan, project_words(inventory, places))


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
    """The scan for ``ctx.derive``: its places and values join the assessment's redaction."""
    scan = _settle_local(_assemble(ctx.inventory.files, ctx.scanned(SECRETS)), ctx.inventory)
    places = [(place.path, place.line) for place in scan.sensitive.places]
    words = project_words(ctx.inventory, places, ctx.facts.name, ctx.facts.manifests)
    _settle_exposure(scan, words)
    ctx.sensitive.places.extend(scan.sensitive.places)
    ctx.sensitive.anywhere.update(scan.sensitive.anywhere)
    return scan


def _settle_exposure(scan: SecretScan, words: ProjectWords) -> SecretScan:
    """Which found values are masked everywhere, not only at their place (see exposure)."""
    scan.sensitive.anywhere = everywhere(scan.candidates, words)
    return scan
