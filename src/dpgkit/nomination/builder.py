"""Build the registry's nominee and screening records from an Assessment and owner answers.

The builder never scans: it reads the Assessment (findings, their ``data`` and
``suggestions``, the ``licenses[]`` and ``sdgs[]`` sections, indicator verdicts) and the
owner's answers, so richer evidence from new probes flows in without changes here.
For each field it prefers, in order: the owner's answer, a value the scan found, a value
implied by the indicator's verdict, the format's default. What is still missing is listed
with its question and written as "Unknown" (only kept when the owner allows it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from dpgkit.answers import Answers
from dpgkit.inventory.classify import (
    is_example_path,
    is_served_script,
    is_test_path,
    is_third_party_path,
)
from dpgkit.licenses.expressions import parse_expression
from dpgkit.model import Assessment, Finding, IndicatorResult, Outcome, Verdict
from dpgkit.nomination.calibration import allowed
from dpgkit.nomination.links import Repo, is_web_link, looks_like_path, project_repository
from dpgkit.nomination.lists import Entry, Style, entries_from, render
from dpgkit.nomination.own_pages import (
    ProjectNames,
    is_own_page,
    is_page,
    project_names,
    repository_names,
)
from dpgkit.nomination.prose import sdg_evidence
from dpgkit.nomination.provenance import (
    EvidenceRef,
    FieldSource,
    MissingFact,
    ProjectRef,
    ProvenanceDocument,
    Source,
)
from dpgkit.nomination.records import NomineeRecord, ScreeningRecord
from dpgkit.redact import redact_text
from dpgkit.registry import RecordKind, load_schema, registry_slug
from dpgkit.standard import Standard, load_standard, normalise_spdx_id

UNKNOWN = "Unknown"
NOMINEE, SCREENING = RecordKind.NOMINEE.value, RecordKind.SCREENING.value
# How sure a value found by the scan is, when the probe gives no score of its own. An
# owner's answer is 1.0: it is a declaration, not a guess.
CONFIDENCE_SUGGESTION = 0.7  # a probe's suggested answer, meant for the owner to confirm
CONFIDENCE_VERDICT = 0.8  # implied by an indicator verdict that the probes settled
CONFIDENCE_FACT = 0.6  # project facts (name from a manifest, README or folder)
SDG_MIN_SCORE = 0.25  # the scan's goals after its best one are proposed from this score
SDG_MAX_PROPOSED = 3
# At most this many entries the scan found go into a field, strongest first; the rest stay
# in the provenance. Set from the registry's accepted records (166 screening records): 90%
# list at most 3 documentation links and 4 privacy steps, at most 8 standards or practices.
MAX_LINKED_ENTRIES = 3  # steps and documents, each with a link
MAX_NAMED_ENTRIES = 8  # names: standards, practices, laws, data types
MAX_SENTENCES = 4
REPOSITORY_QUESTION = "general.repository_url"
_YES_NO = re.compile(r"^\s*(yes|no)\b[\s.,:;!-]*(.*)$", re.IGNORECASE | re.DOTALL)
_NUMBER = re.compile(r"\d+")


class NominationInputError(ValueError):
    """An owner answer that cannot go into the registry's format (e.g. SDG 42)."""


@dataclass
class Nomination:
    nominee: NomineeRecord
    screening: ScreeningRecord
    provenance: ProvenanceDocument
    slug: str

    @property
    def missing_required(self) -> list[MissingFact]:
        return [fact for fact in self.provenance.missing if fact.required]

    @property
    def missing_recommended(self) -> list[MissingFact]:
        return [fact for fact in self.provenance.missing if not fact.required]


@dataclass
class _Value:
    """A value with where it came from, before it is placed in a record."""

    value: Any
    source: FieldSource


def _clean(value: Any) -> Any:
    """Owner answers pass the same secret redaction as everything else we write."""
    if isinstance(value, str):
        return redact_text(value.strip())
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    return [str(item).strip() for item in items if str(item).strip()]


def yes_no(value: Any) -> tuple[str, str] | None:
    """("Yes"|"No", the rest of the sentence) from a free answer, or None when it says neither."""
    if not isinstance(value, str):
        return None
    match = _YES_NO.match(value)
    if match is None:
        return None
    return match.group(1).capitalize(), match.group(2).strip()


def sdg_number(value: Any) -> int:
    """11 from 11, "11", "SDG 11" or "SDG 11: Sustainable cities"."""
    match = _NUMBER.search(str(value))
    number = int(match.group(0)) if match else 0
    if not 1 <= number <= 17:
        raise NominationInputError(f"1.sdgs: {value!r} does not name an SDG (1 to 17)")
    return number


def _registry_spdx() -> set[str]:
    schema = load_schema(RecordKind.NOMINEE)
    enum: list[str] = schema["properties"]["license"]["items"]["properties"]["spdx"]["enum"]
    return set(enum)


def registry_spdx(spdx: str) -> str | None:
    """The registry's spelling of an SPDX id (GPL-3.0-only -> GPL-3.0), or None if unlisted."""
    wanted = normalise_spdx_id(spdx).lower()
    for listed in _registry_spdx():
        if listed.lower() == wanted:
            return listed
    return None


@dataclass
class _Builder:
    assessment: Assessment
    answers: Answers
    standard: Standard
    repo: Repo | None
    repo_origin: str = "the checkout's git remote (origin)"
    # What the project's own pages would name (its name, the repository's owner and name).
    names: ProjectNames = field(default_factory=ProjectNames)
    fields: dict[str, dict[str, FieldSource]] = field(
        default_factory=lambda: {NOMINEE: {}, SCREENING: {}}
    )
    missing: list[MissingFact] = field(default_factory=list)

    # --- sources -------------------------------------------------------------------------

    def question_text(self, question: str) -> str:
        spec = self.standard.all_questions().get(question)
        return spec.text if spec else question

    def answer(self, question: str) -> _Value | None:
        if not self.answers.answered(question):
            return None
        return _Value(
            _clean(self.answers.get(question)),
            FieldSource(source=Source.ANSWER, question=question, confidence=1.0),
        )

    def indicator(self, indicator_id: str) -> IndicatorResult | None:
        try:
            return self.assessment.indicator(indicator_id)
        except KeyError:
            return None

    def evidence(self, finding: Finding, text: str | None = None) -> list[EvidenceRef]:
        refs = [
            EvidenceRef(
                probe=finding.probe,
                path=location.path,
                line=location.line,
                url=self.file_url(location.path, location.line),
                text=location.excerpt,
            )
            for location in finding.locations[:5]
        ]
        return refs or [EvidenceRef(probe=finding.probe, text=text or finding.message)]

    def suggestion(self, question: str) -> _Value | None:
        """A probe's suggested answer for this question (its finding is the evidence)."""
        indicator_id, _, local = question.partition(".")
        result = self.indicator(indicator_id)
        if result is None:
            return None
        for finding in result.findings:
            suggestions = finding.data.get("suggestions")
            if isinstance(suggestions, Mapping) and suggestions.get(local):
                return _Value(
                    suggestions[local],
                    FieldSource(
                        source=Source.EVIDENCE,
                        question=question,
                        confidence=CONFIDENCE_SUGGESTION,
                        note=f"suggested by the scan: {finding.message}",
                        evidence=self.evidence(finding),
                    ),
                )
        return None

    def answer_or_suggestion(self, question: str) -> _Value | None:
        return self.answer(question) or self.suggestion(question)

    def from_verdict(
        self, indicator_id: str, mapping: Mapping[Verdict, str], question: str
    ) -> _Value | None:
        """A Yes/No implied by an indicator verdict that the probes (not answers) settled."""
        result = self.indicator(indicator_id)
        if result is None or result.verdict not in mapping or not result.findings:
            return None
        deciding = {
            Verdict.MET: Outcome.PASS,
            Verdict.NOT_MET: Outcome.FAIL,
            Verdict.NOT_APPLICABLE: Outcome.NOT_APPLICABLE,
        }.get(result.verdict)
        findings = [f for f in result.findings if f.outcome is deciding]
        if not findings:
            return None
        refs = [ref for finding in findings for ref in self.evidence(finding)]
        return _Value(
            mapping[result.verdict],
            FieldSource(
                source=Source.EVIDENCE,
                question=question,
                confidence=CONFIDENCE_VERDICT,
                note=f"indicator {indicator_id} is {result.verdict.value}: {result.summary}",
                evidence=refs,
            ),
        )

    def file_url(self, path: str, line: int | None = None) -> str | None:
        return self.repo.file_url(path, line) if self.repo else None

    def link(self, value: str, record: str = SCREENING, pointer: str | None = None) -> str:
        """An answer naming a file of the checkout becomes its permalink.

        Without a public repository address the path is kept, and the field is listed as
        needing a link (a reviewer cannot open a path).
        """
        if not looks_like_path(value):
            return value
        url = self.file_url(value.strip())
        if url is not None:
            return url
        if pointer is not None:
            self.needs_link(record, pointer)
        return value

    def needs_link(self, record: str, pointer: str) -> None:
        """List a field whose evidence is a path as needing the repository's address.

        Required when the registry requires the field (a license's URL); else recommended.
        """
        if any(f.record == record and f.field == pointer for f in self.missing):
            return
        self.missing.append(
            MissingFact(
                record=record,
                field=pointer,
                question=REPOSITORY_QUESTION,
                text=(
                    "This field names a file of the checkout, which a reviewer cannot open: "
                    "give the repository's public address (--repository-url, or "
                    f"{REPOSITORY_QUESTION} in the answers file) so it becomes a link."
                ),
                required=record == NOMINEE and pointer.endswith("/licenseURL"),
            )
        )

    def found_entries(self, question: str) -> tuple[list[Entry], list[str]]:
        """Every entry the probes found for a question, each once, with their findings' messages.

        Several probes may answer one question (a code of conduct, a report button); their
        entries are merged in the order the probes ran.
        """
        indicator_id, _, local = question.partition(".")
        result = self.indicator(indicator_id)
        entries: list[Entry] = []
        notes: list[str] = []
        for finding in result.findings if result else []:
            found = entries_from(finding.data.get("items"), local, finding.probe)
            if found:
                entries += found
                notes.append(finding.message)
        return list({entry.key: entry for entry in reversed(entries)}.values())[::-1], notes

    def own_documentation(self, entry: Entry) -> bool:
        """A page to read that is the project's own: its files, or a site that names it."""
        if entry.url is None:
            return entry.path is None or is_page(entry.path)
        return is_page(entry.url) and is_own_page(entry.url, self.names)

    def cited(
        self, question: str, keep: Callable[[Entry], bool] | None = None
    ) -> tuple[list[Entry], FieldSource] | None:
        """The entries the probes found for a list-or-link question, with their evidence.

        Entries citing someone else's files are never kept, nor those ``keep`` turns down;
        the note says which were set aside.
        """
        unique, notes = self.found_entries(question)
        own = [e for e in unique if not e.third_party and (keep is None or keep(e))]
        if not own:
            return None
        refs = [
            EvidenceRef(
                probe=entry.probe,
                path=entry.path,
                line=entry.line,
                url=entry.url or (self.file_url(entry.path, entry.line) if entry.path else None),
                text=entry.title,
            )
            for entry in own
        ]
        note = "found by the scan: " + " ".join(notes)
        if len(own) < len(unique):
            skipped = ", ".join(e.url or e.path or e.title for e in unique if e not in own)
            note += f" Not cited (someone else's files or pages): {skipped}."
        source = FieldSource(
            source=Source.EVIDENCE,
            question=question,
            confidence=CONFIDENCE_SUGGESTION,
            note=note,
            evidence=refs,
        )
        return own, source

    def listed(
        self,
        record: str,
        pointer: str,
        question: str,
        style: Style,
        limit: int,
        keep: Callable[[Entry], bool] | None = None,
    ) -> list[str] | None:
        """A list field from the owner's answer, else from the entries the scan found.

        At most ``limit`` entries are written, strongest first; all of them stay in the
        provenance file. None when neither the owner nor the scan gave anything.
        """
        given = self.answer(question)
        if given is not None:
            values = [self.link(item, record, pointer) for item in as_list(given.value)]
            return list(self.put(record, pointer, _Value(values, given.source)))
        found = self.cited(question, keep)
        if found is not None:
            entries, source = found
            values = []
            for entry in entries[:limit]:
                text, linked = render(entry, style, self.repo)
                if not linked:
                    self.needs_link(record, pointer)
                values.append(text)
            if len(entries) > limit:
                source = source.model_copy(
                    update={"note": f"{source.note} ({len(entries) - limit} more in the evidence)"}
                )
            return list(self.put(record, pointer, _Value(values, source)))
        suggested = self.older_suggestion(question)
        if suggested is not None:
            # An assessment without entries (saved by an older dpgkit) joins them with "; ".
            parts = [p for item in as_list(suggested.value) for p in item.split("; ") if p.strip()]
            values = [self.link(item.strip(), record, pointer) for item in parts]
            return list(self.put(record, pointer, _Value(values, suggested.source)))
        return None

    def older_suggestion(self, question: str) -> _Value | None:
        """The probe's one-line suggestion, only when it gave no entries for the question
        (an assessment saved by an older dpgkit): entries all set aside stay set aside."""
        if self.found_entries(question)[0]:
            return None
        return self.suggestion(question)

    # --- recording -----------------------------------------------------------------------

    def put(self, record: str, pointer: str, value: _Value) -> Any:
        self.fields[record][pointer] = value.source
        return value.value

    def derived(self, record: str, pointer: str, value: Any, basis: _Value, note: str) -> Any:
        """A field implied by another one (a Yes because the details were given)."""
        source = basis.source.model_copy(update={"note": note})
        self.fields[record][pointer] = source
        return value

    def lack(
        self,
        record: str,
        pointer: str,
        question: str | None,
        required: bool,
        placeholder: Any,
        written: bool = True,
    ) -> Any:
        """A fact nobody supplied: listed once per question; the placeholder is what gets written.

        ``written=False`` is for optional fields that are simply left out of the record.
        """
        text = self.question_text(question) if question else pointer
        listed = next((f for f in self.missing if question and f.question == question), None)
        if listed is None:
            self.missing.append(
                MissingFact(
                    record=record, field=pointer, question=question, text=text, required=required
                )
            )
        elif required and not listed.required:
            listed.required = True
            listed.record, listed.field = record, pointer
        if written:
            self.fields[record][pointer] = FieldSource(
                source=Source.MISSING, question=question, confidence=0.0, note="not answered yet"
            )
        return placeholder

    def gate(
        self,
        pointer: str,
        question: str,
        verdicts: Mapping[Verdict, str] | None = None,
        found_means_yes: bool = False,
    ) -> str:
        """A required Yes/No field of the screening record, answered by one owner question.

        The owner's answer first. Else the scan's answer (a probe's suggested Yes/No, with
        ``found_means_yes`` any suggestion at all, else the indicator's verdict through
        ``verdicts``), written only where the calibration shows reviewers accept it
        (``dpgkit.nomination.calibration``); otherwise the field stays for the owner and
        the scan's answer goes to the provenance file with its evidence.
        """
        given = self.answer(question)
        parsed = yes_no(given.value) if given is not None else None
        if given is not None and parsed is not None:
            given.value = parsed[0]
            return str(self.put(SCREENING, pointer, given))
        scan = self.scan_answer(question, verdicts, found_means_yes)
        if scan is not None:
            measured = allowed(question, str(scan.value))
            if measured is not None:
                scan.source = scan.source.model_copy(
                    update={
                        "confidence": measured.agreement,
                        "note": f"{scan.source.note}; reviewers accepted {scan.value} on "
                        f"{measured.agree} of {measured.projects} calibration projects where "
                        f"the scan gave it",
                    }
                )
                return str(self.put(SCREENING, pointer, scan))
        written = str(self.lack(SCREENING, pointer, question, True, UNKNOWN))
        if scan is not None:
            self.fields[SCREENING][pointer] = FieldSource(
                source=Source.MISSING,
                question=question,
                confidence=0.0,
                suggested=str(scan.value),
                note=f"left for the owner: the scan suggests {scan.value} ({scan.source.note}), "
                "an answer the calibration does not show reviewers accepting",
                evidence=scan.source.evidence,
            )
        return written

    def scan_answer(
        self,
        question: str,
        verdicts: Mapping[Verdict, str] | None = None,
        found_means_yes: bool = False,
    ) -> _Value | None:
        """What the scan would answer to a yes/no question, with its evidence; not yet vetted."""
        suggested = self.suggestion(question)
        if suggested is not None:
            parsed = yes_no(suggested.value)
            if parsed is not None:
                suggested.value = parsed[0]
                return suggested
            if found_means_yes:
                suggested.value = "Yes"
                return suggested
        if verdicts:
            return self.from_verdict(question.split(".")[0], verdicts, question)
        return None

    def documented(self, question: str) -> _Value | None:
        """Yes when the indicator is met or a passing probe points at documents (a README of
        substance, a docs site, setup guides, an API reference)."""
        indicator_id = question.split(".")[0]
        result = self.indicator(indicator_id)
        if result is None:
            return None
        findings = [f for f in result.findings if f.outcome is Outcome.PASS and f.locations]
        if result.verdict is not Verdict.MET and not findings:
            return None
        return _Value(
            "Yes",
            FieldSource(
                source=Source.EVIDENCE,
                question=question,
                confidence=CONFIDENCE_VERDICT,
                note="documents found: " + " ".join(f.message for f in findings[:3]),
                evidence=[ref for finding in findings for ref in self.evidence(finding)][:8],
            ),
        )

    def text(self, record: str, pointer: str, question: str, required: bool) -> str | None:
        """A free-text field: the owner's answer, else the scan's findings as sentences."""
        found = self.answer(question)
        if found is None and (cited := self.cited(question)) is not None:
            entries, source = cited
            sentences = []
            for entry in entries[:MAX_SENTENCES]:
                text, linked = render(entry, Style.LINK, self.repo)
                if not linked:
                    self.needs_link(record, pointer)
                sentences.append(f"{entry.title} ({text})." if text != entry.title else entry.title)
            found = _Value(" ".join(sentences), source)
        found = found or self.older_suggestion(question)
        if found is not None:
            value = found.value
            text = "\n".join(as_list(value)) if isinstance(value, list) else str(value)
            found.value = self.link(text, record, pointer)
            return str(self.put(record, pointer, found))
        if required:
            return str(self.lack(record, pointer, question, True, UNKNOWN))
        self.lack(record, pointer, question, False, None, written=False)
        return None

    def link_field(self, record: str, pointer: str, question: str) -> str | None:
        """A field holding one address (copyrightURL): the owner's, else the strongest found."""
        values = self.listed(record, pointer, question, Style.LINK, 1)
        if values:
            return values[0]
        self.lack(record, pointer, question, False, None, written=False)
        return None

    def link_text(self, record: str, pointer: str, question: str, required: bool) -> str | None:
        """A follow-up field holding one address (a content policy's link)."""
        values = self.listed(record, pointer, question, Style.LINK, 1)
        if values:
            return values[0]
        return self.text(record, pointer, question, required)

    def items(
        self,
        record: str,
        pointer: str,
        question: str,
        required: bool,
        style: Style = Style.TITLE_LINK,
        limit: int = MAX_LINKED_ENTRIES,
        keep: Callable[[Entry], bool] | None = None,
    ) -> list[str] | None:
        found = self.listed(record, pointer, question, style, limit, keep)
        if found:
            return found
        if required:
            return list(self.lack(record, pointer, question, True, [UNKNOWN]))
        self.lack(record, pointer, question, False, None, written=False)
        return None

    # --- nominee record ------------------------------------------------------------------

    def name(self) -> _Value:
        given = self.answer("general.name")
        if given is not None:
            return given
        return _Value(
            self.assessment.project.name,
            FieldSource(
                source=Source.EVIDENCE,
                question="general.name",
                confidence=CONFIDENCE_FACT,
                note="project name found in the checkout (manifest, README title or folder)",
            ),
        )

    def description(self) -> str:
        given = self.answer("general.description")
        if given is None and self.assessment.project.description:
            given = _Value(
                self.assessment.project.description,
                FieldSource(
                    source=Source.EVIDENCE,
                    question="general.description",
                    confidence=CONFIDENCE_FACT,
                    note="one-line description found in a manifest or the README",
                ),
            )
        if given is None:
            return str(self.lack(NOMINEE, "/description", "general.description", True, UNKNOWN))
        return str(self.put(NOMINEE, "/description", given))

    def licenses(self) -> list[dict[str, str]]:
        declared = self.answer("2.licenses")
        urls = self.answer("2.license_evidence")
        found = self._licenses_found()
        if declared is not None:
            chosen = [(spdx, declared.source) for spdx in as_list(declared.value)]
        elif found:
            chosen = [(spdx, value.source) for spdx, (value, _url) in found.items()]
        else:
            self.lack(NOMINEE, "/license", "2.licenses", True, None)
            return []
        entries: list[dict[str, str]] = []
        for index, (spdx, source) in enumerate(chosen):
            listed = registry_spdx(spdx)
            if listed is None:
                raise NominationInputError(
                    f"2.licenses: {spdx!r} is not on the registry's list of approved licenses"
                )
            if any(entry["spdx"] == listed for entry in entries):
                continue
            pointer = f"/license/{len(entries)}"
            self.fields[NOMINEE][f"{pointer}/spdx"] = source
            entry = {"spdx": listed, "licenseURL": ""}
            given_urls = as_list(urls.value) if urls else []
            if urls is not None and given_urls:
                url_value = _Value(
                    self.link(
                        given_urls[min(index, len(given_urls) - 1)],
                        NOMINEE,
                        f"{pointer}/licenseURL",
                    ),
                    urls.source,
                )
                entry["licenseURL"] = self.put(NOMINEE, f"{pointer}/licenseURL", url_value)
            elif (found_url := found.get(listed, (None, None))[1]) is not None:
                entry["licenseURL"] = self.put(NOMINEE, f"{pointer}/licenseURL", found_url)
                if not is_web_link(entry["licenseURL"]):
                    self.needs_link(NOMINEE, f"{pointer}/licenseURL")
            else:
                entry["licenseURL"] = self.lack(
                    NOMINEE, f"{pointer}/licenseURL", "2.license_evidence", True, UNKNOWN
                )
            entries.append(entry)
        return entries

    def _licenses_found(self) -> dict[str, tuple[_Value, _Value | None]]:
        """Approved licenses the scan found, best first: registry id -> (id, link)."""
        found: dict[str, tuple[_Value, _Value | None]] = {}
        suggested = self.suggestion("2.licenses")
        # The project's license is what indicator 2 judged it to be (its expression): a
        # nested package's manifest ("license": "ISC", npm's default, in common/) speaks
        # for that part, and the registry lists the project's license, not its parts'.
        project = self._listed_ids(str(suggested.value)) if suggested is not None else []
        # Another project's license (a library copied under static/, LICENSES-3RD-PARTY/) is
        # not the project's: never offered as its license or the link to it.
        own = [e for e in self.assessment.licenses if not (e.path and is_third_party_path(e.path))]
        primary = [e for e in own if e.source in ("file", "manifest", "tag")]
        for entry in sorted(primary or own, key=lambda e: -e.score):
            listed = registry_spdx(entry.spdx) if entry.spdx and entry.approved else None
            if listed is None or listed in found or (project and listed not in project):
                continue
            ref = EvidenceRef(
                path=entry.path,
                line=entry.line,
                url=self.file_url(entry.path) if entry.path else None,
                text=f"{entry.spdx} ({entry.source})",
            )
            source = FieldSource(
                source=Source.EVIDENCE,
                question="2.licenses",
                confidence=round(min(max(entry.score, 0.0), 1.0), 3),
                note=f"license found in {entry.path or 'the checkout'}",
                evidence=[ref],
            )
            url = None
            if ref.url or entry.path:
                # Without a public repository the path is kept, and listed as needing a link.
                url = _Value(
                    ref.url or entry.path,
                    source.model_copy(
                        update={
                            "question": "2.license_evidence",
                            "note": "link to the license file",
                        }
                    ),
                )
            found[listed] = (_Value(listed, source), url)
        if suggested is not None:
            # The project's licenses no file entry stands for (a README's statement).
            for listed in self._listed_ids(str(suggested.value)):
                if listed not in found:
                    found[listed] = (
                        _Value(listed, suggested.source),
                        self._suggested_url(suggested),
                    )
        return found

    @staticmethod
    def _listed_ids(expression: str) -> list[str]:
        """The registry's ids of the licenses an expression names, in its order."""
        parsed = parse_expression(expression)
        names = parsed.keys or tuple(re.split(r"[,;\s]+(?:and|AND|OR|or)?\s*", expression))
        listed = (registry_spdx(name) for name in names if name)
        return list(dict.fromkeys(spdx for spdx in listed if spdx))

    def _suggested_url(self, suggested: _Value) -> _Value | None:
        for ref in suggested.source.evidence:
            if ref.url:
                return _Value(
                    ref.url, suggested.source.model_copy(update={"question": "2.license_evidence"})
                )
        return None

    def sdgs(self) -> list[dict[str, Any]]:
        declared = self.answer("1.sdgs")
        evidence_text = self.answer("1.sdg_evidence")
        entries: list[dict[str, Any]] = []
        if declared is not None:
            for number in dict.fromkeys(sdg_number(item) for item in as_list(declared.value)):
                pointer = f"/SDGs/{len(entries)}"
                entry: dict[str, Any] = {
                    "SDGNumber": self.put(
                        NOMINEE, f"{pointer}/SDGNumber", _Value(number, declared.source)
                    )
                }
                if evidence_text is not None:
                    entry["evidenceText"] = self.put(
                        NOMINEE,
                        f"{pointer}/evidenceText",
                        _Value(str(evidence_text.value), evidence_text.source),
                    )
                entries.append(entry)
            if evidence_text is None:
                self.lack(NOMINEE, "/SDGs/0/evidenceText", "1.sdg_evidence", False, None, False)
            return entries
        # No owner answer: the scan's proposal (best goal always, others above the bar),
        # marked as such in the provenance file. 1.sdgs stays a required question, so the
        # records are written this way only with --allow-incomplete, and they validate.
        ranked = sorted(self.assessment.sdgs, key=lambda entry: -entry.score)
        proposed = [e for i, e in enumerate(ranked) if i == 0 or e.score >= SDG_MIN_SCORE]
        if proposed:
            self.lack(NOMINEE, "/SDGs", "1.sdgs", True, None, False)
        for found in proposed[:SDG_MAX_PROPOSED]:
            pointer = f"/SDGs/{len(entries)}"
            source = FieldSource(
                source=Source.EVIDENCE,
                question="1.sdgs",
                confidence=round(min(found.score, 1.0), 3),
                note="proposed by the scan's SDG relevance analysis, not confirmed by the "
                "owner; confirm or replace it in the answers file (1.sdgs)",
                evidence=[EvidenceRef(text=text) for text in found.evidence[:5]],
            )
            entry = {
                "SDGNumber": self.put(NOMINEE, f"{pointer}/SDGNumber", _Value(found.sdg, source))
            }
            text = (
                evidence_text.value
                if evidence_text
                else sdg_evidence(found.targets[:3], found.evidence)
            )
            if text:
                basis = evidence_text or _Value(
                    text, source.model_copy(update={"question": "1.sdg_evidence"})
                )
                entry["evidenceText"] = self.put(
                    NOMINEE, f"{pointer}/evidenceText", _Value(str(text), basis.source)
                )
            entries.append(entry)
        if entries:
            return entries
        suggested = self.suggestion("1.sdgs")
        if suggested is not None:
            numbers = [n for n in _NUMBER.findall(str(suggested.value)) if 1 <= int(n) <= 17]
            for number in dict.fromkeys(int(n) for n in numbers):
                pointer = f"/SDGs/{len(entries)}"
                entries.append(
                    {
                        "SDGNumber": self.put(
                            NOMINEE, f"{pointer}/SDGNumber", _Value(number, suggested.source)
                        )
                    }
                )
        # Still the owner's question: required, whether a suggestion filled it or not.
        self.lack(NOMINEE, "/SDGs", "1.sdgs", True, None, written=not entries)
        return entries

    def types(self) -> list[str]:
        allowed = set(load_schema(RecordKind.NOMINEE)["properties"]["type"]["items"]["enum"])
        types = [t for t in self.assessment.project.types if t in allowed]
        if types:
            source = FieldSource(
                source=Source.EVIDENCE,
                confidence=CONFIDENCE_FACT,
                note="project type(s) detected in the checkout, or set with --type",
            )
            return list(self.put(NOMINEE, "/type", _Value(types, source)))
        default = FieldSource(source=Source.DEFAULT, confidence=0.0, note="no type detected")
        return list(self.put(NOMINEE, "/type", _Value(["software"], default)))

    def repositories(self) -> list[dict[str, str]] | None:
        project = self.assessment.project
        url = self.repo.web_url if self.repo else project.repository_url
        if not url or not url.startswith(("https://", "http://")):
            return None
        source = FieldSource(
            source=Source.EVIDENCE,
            confidence=1.0,
            note=self.repo_origin,
            evidence=[EvidenceRef(text=url)],
        )
        label = FieldSource(
            source=Source.DEFAULT, confidence=1.0, note="the registry's label for a main repository"
        )
        return [
            {
                "name": self.put(NOMINEE, "/repositories/0/name", _Value("main", label)),
                "url": self.put(NOMINEE, "/repositories/0/url", _Value(url, source)),
            }
        ]

    def organizations(self) -> list[dict[str, str]]:
        owner = self.answer_or_suggestion("3.owner")
        if owner is None:
            name = self.lack(NOMINEE, "/organizations/0/name", "3.owner", True, UNKNOWN)
        else:
            name = self.put(
                NOMINEE, "/organizations/0/name", _Value(str(owner.value), owner.source)
            )
        role = FieldSource(source=Source.DEFAULT, confidence=1.0, note="the nominating owner")
        self.fields[NOMINEE]["/organizations/0/org_type"] = role
        return [{"name": name, "org_type": "owner"}]

    def nominee(self, name: str) -> NomineeRecord:
        data: dict[str, Any] = {"name": name, "description": self.description()}
        website = self.text(NOMINEE, "/website", "general.website", required=False)
        if website:
            data["website"] = website
        data["license"] = self.licenses()
        data["SDGs"] = self.sdgs()
        data["type"] = self.types()
        repositories = self.repositories()
        if repositories:
            data["repositories"] = repositories
        data["organizations"] = self.organizations()
        stage = FieldSource(source=Source.DEFAULT, confidence=1.0, note="a new nomination")
        data["stage"] = self.put(NOMINEE, "/stage", _Value("nominee", stage))
        # Keep the registry's field order (the model's), so files diff cleanly.
        ordered = {key: data[key] for key in NomineeRecord.model_fields if key in data}
        return NomineeRecord.model_validate(ordered)

    # --- screening record ----------------------------------------------------------------

    def ownership(self) -> dict[str, Any]:
        owner = self.answer("3.owner")
        block: dict[str, Any] = {}
        if owner is not None:
            block["isOwnershipExplicit"] = self.derived(
                SCREENING, "/clearOwnership/isOwnershipExplicit", "Yes", owner, "the owner is named"
            )
        else:
            block["isOwnershipExplicit"] = self.gate(
                "/clearOwnership/isOwnershipExplicit",
                "3.owner",
                {Verdict.MET: "Yes", Verdict.NOT_MET: "No"},
                found_means_yes=True,
            )
        url = self.link_field(SCREENING, "/clearOwnership/copyrightURL", "3.ownership_evidence")
        if url:
            block["copyrightURL"] = url
        return block

    def follow_up_flag(self, pointer: str, detail: _Value | None) -> str:
        """The "does it ... ?" Yes that goes with a described follow-up."""
        if detail is None:
            return UNKNOWN
        return str(self.derived(SCREENING, pointer, "Yes", detail, "described by the owner"))

    def platform(self) -> dict[str, Any]:
        base = "/platformIndependence"
        restrictive = self.gate(
            f"{base}/mandatoryDepsCreateMoreRestrictions",
            "4.closed_components",
            {Verdict.MET: "No", Verdict.NOT_MET: "Yes"},
        )
        block: dict[str, Any] = {"mandatoryDepsCreateMoreRestrictions": restrictive}
        if restrictive == "Yes":
            text = self.text(SCREENING, f"{base}/pltIndependenceDesc", "4.open_alternatives", True)
            detail = self.answer_or_suggestion("4.open_alternatives")
            block["isSoftwarePltIndependent"] = self.follow_up_flag(
                f"{base}/isSoftwarePltIndependent", detail
            )
            block["pltIndependenceDesc"] = text
        return block

    def documentation(self) -> dict[str, Any]:
        base = "/documentation"
        links = self.items(
            SCREENING,
            f"{base}/documentationURL",
            "5.documentation_links",
            False,
            Style.LINK,
            keep=self.own_documentation,
        )
        given = self.answer("5.documentation_links")
        pointer = f"{base}/isDocumentationAvailable"
        found = self.documented("5.documentation_links")
        measured = allowed("5.documentation_links", "Yes")
        if given is not None and links:
            available = self.derived(SCREENING, pointer, "Yes", given, "documentation is linked")
        elif found is not None and measured is not None:
            found.source = found.source.model_copy(update={"confidence": measured.agreement})
            available = str(self.put(SCREENING, pointer, found))
        else:
            # The absence of documents in the repository is never a "No": the docs may
            # live on a site, a wiki or in PDFs elsewhere.
            available = self.gate(pointer, "5.documentation_links")
        block: dict[str, Any] = {"isDocumentationAvailable": available}
        if links:
            block["documentationURL"] = links
        return block

    def non_pii(self) -> dict[str, Any]:
        base = "/NonPII"
        collects = self.gate(
            f"{base}/collectsNonPII", "6.collects_non_pii", {Verdict.NOT_APPLICABLE: "No"}
        )
        block: dict[str, Any] = {"collectsNonPII": collects}
        if collects == "Yes":
            text = self.text(
                SCREENING, f"{base}/nonPIIAccessMechanism", "6.extraction_mechanism", True
            )
            detail = self.answer_or_suggestion("6.extraction_mechanism")
            block["checkNonPIIAccessMechanism"] = self.follow_up_flag(
                f"{base}/checkNonPIIAccessMechanism", detail
            )
            block["nonPIIAccessMechanism"] = text
        return block

    def privacy(self) -> dict[str, Any]:
        base = "/privacy"
        laws = self.answer("7.privacy_laws")
        block: dict[str, Any] = {}
        if laws is not None:
            block["isPrivacyCompliant"] = self.derived(
                SCREENING,
                f"{base}/isPrivacyCompliant",
                "Yes",
                laws,
                "laws complied with are listed",
            )
        else:
            # Compliance is the owner's declaration: laws named in the documents suggest it.
            block["isPrivacyCompliant"] = self.gate(
                f"{base}/isPrivacyCompliant",
                "7.privacy_laws",
                {Verdict.MET: "Yes", Verdict.NOT_MET: "No"},
                found_means_yes=True,
            )
        listed = self.items(
            SCREENING,
            f"{base}/privacyComplianceList",
            "7.privacy_laws",
            False,
            Style.TITLE,
            MAX_NAMED_ENTRIES,
        )
        if listed:
            block["privacyComplianceList"] = listed
        steps = self.items(SCREENING, f"{base}/adherenceSteps", "7.privacy_evidence", False)
        if steps:
            block["adherenceSteps"] = steps
        return block

    def standards(self) -> dict[str, Any]:
        base = "/standards"
        block: dict[str, Any] = {}
        for flag, listing, question in (
            ("supportStandards", "standardsList", "8.open_standards"),
            ("implementBestPractices", "bestPracticesList", "8.best_practices"),
        ):
            given = self.answer(question)
            if given is not None:
                block[flag] = self.derived(SCREENING, f"{base}/{flag}", "Yes", given, "listed")
            else:
                block[flag] = self.gate(
                    f"{base}/{flag}",
                    question,
                    {Verdict.MET: "Yes", Verdict.NOT_MET: "No"},
                    found_means_yes=True,
                )
            if block[flag] == "Yes":
                block[listing] = self.items(
                    SCREENING, f"{base}/{listing}", question, False, Style.TITLE, MAX_NAMED_ENTRIES
                )
                if listing == "standardsList" and given is None:
                    support = self.evidence_of_support()
                    if support:
                        block["evidenceStandardSupport"] = support
        order = (
            "supportStandards",
            "standardsList",
            "evidenceStandardSupport",
            "implementBestPractices",
            "bestPracticesList",
        )
        return {key: block[key] for key in order if key in block}

    def evidence_of_support(self) -> list[str] | None:
        """Where each standard found shows ("GeoJSON - <link to the line>"), a few of them."""
        found = self.cited("8.open_standards")
        if found is None:
            return None
        entries, source = found
        # The product's own files show support best: a test's or an example's file after them,
        # and never a script served as it is (static/js/bootstrap.js), likely a library's.
        shown = sorted(
            (
                entry
                for entry in entries
                if entry.url or (entry.path and not is_served_script(entry.path))
            ),
            key=lambda entry: bool(
                entry.path and (is_test_path(entry.path) or is_example_path(entry.path))
            ),
        )[:MAX_LINKED_ENTRIES]
        pointer = "/standards/evidenceStandardSupport"
        values = []
        for entry in shown:
            text, linked = render(entry, Style.TITLE_LINK, self.repo)
            if not linked:
                self.needs_link(SCREENING, pointer)
            values.append(text)
        if not values:
            return None
        return list(self.put(SCREENING, pointer, _Value(values, source)))

    def data_privacy(self) -> dict[str, Any]:
        base = "/doNoHarm/dataPrivacySecurity"
        collects = self.gate(
            f"{base}/collectsPII", "9A.collects_pii", {Verdict.NOT_APPLICABLE: "No"}
        )
        block: dict[str, Any] = {"collectsPII": collects}
        if collects != "Yes":
            return block
        block["typesOfDataCollected"] = self.items(
            SCREENING,
            f"{base}/typesOfDataCollected",
            "9A.pii_types",
            True,
            Style.TITLE,
            MAX_NAMED_ENTRIES,
        )
        sharing = self.answer_or_suggestion("9A.third_party_sharing")
        parsed = yes_no(sharing.value) if sharing else None
        if sharing is None:
            block["thirdPartyDataSharing"] = self.lack(
                SCREENING, f"{base}/thirdPartyDataSharing", "9A.third_party_sharing", True, UNKNOWN
            )
        elif parsed is None:
            # A description without a leading Yes/No: keep it, but do not guess the flag.
            block["thirdPartyDataSharing"] = self.derived(
                SCREENING,
                f"{base}/thirdPartyDataSharing",
                UNKNOWN,
                sharing,
                "the answer does not start with Yes or No",
            )
            block["dataSharingCircumstances"] = self.put(
                SCREENING,
                f"{base}/dataSharingCircumstances",
                _Value([str(sharing.value)], sharing.source),
            )
        else:
            block["thirdPartyDataSharing"] = self.put(
                SCREENING, f"{base}/thirdPartyDataSharing", _Value(parsed[0], sharing.source)
            )
            if parsed[1]:
                block["dataSharingCircumstances"] = self.put(
                    SCREENING,
                    f"{base}/dataSharingCircumstances",
                    _Value([parsed[1]], sharing.source),
                )
        self.follow_up(
            block, base, "ensurePrivacySecurity", "privacySecurityDescription",
            "9A.privacy_security_steps", self.text,
        )  # fmt: skip
        return block

    def content(self) -> dict[str, Any]:
        base = "/doNoHarm/inappropriateIllegalContent"
        collects = self.gate(
            f"{base}/collectStoreDistribute", "9B.collects_content", {Verdict.NOT_APPLICABLE: "No"}
        )
        block: dict[str, Any] = {"collectStoreDistribute": collects}
        if collects != "Yes":
            return block
        self.follow_up(
            block, base, "contentFilter", "policyGuidelinesDocumentationLink",
            "9B.content_policy", self.link_text,
        )  # fmt: skip
        self.follow_up(
            block, base, "illegalContentDetection", "illegalContentDetectionMechanism",
            "9B.illegal_content_detection", self.text,
        )  # fmt: skip
        return block

    def harassment(self) -> dict[str, Any]:
        base = "/doNoHarm/protectionFromHarassment"
        interaction = self.gate(
            f"{base}/userInteraction", "9C.user_interaction", {Verdict.NOT_APPLICABLE: "No"}
        )
        block: dict[str, Any] = {"userInteraction": interaction}
        if interaction != "Yes":
            return block
        for flag, listing, question in (
            (
                "addressSafetySecurityUnderageUsers",
                "stepsAddressRiskPreventSafetyUnderageUsers",
                "9C.underage_safety",
            ),
            (
                "griefAbuseHarassmentProtection",
                "harassmentProtectionSteps",
                "9C.harassment_protection",
            ),
        ):
            self.follow_up(block, base, flag, listing, question, self.items)
        return block

    def follow_up(
        self,
        block: dict[str, Any],
        base: str,
        flag: str,
        field: str,
        question: str,
        read: Callable[..., Any],
    ) -> None:
        """A Yes/No flag and the text or list that describes it, both from one question:
        the value is read first (it records its provenance), then the flag follows it."""
        value = read(SCREENING, f"{base}/{field}", question, True)
        block[flag] = self.follow_up_flag(f"{base}/{flag}", self.answer_or_suggestion(question))
        block[field] = value

    def prevent_harm(self, parts: Iterable[str]) -> dict[str, Any]:
        """Steps to prevent harm, on the whole: implied by the 9A-9C answers and verdicts."""
        pointer = "/doNoHarm/preventHarm/stepsToPreventHarm"
        results = [self.indicator(i) for i in ("9A", "9B", "9C")]
        verdicts = {r.verdict for r in results if r is not None}
        open_parts = [
            p
            for p in parts
            if self.fields[SCREENING].get(p, None) is not None
            and self.fields[SCREENING][p].source is Source.MISSING
        ]
        if open_parts or Verdict.NOT_MET in verdicts:
            # A line not met is for the owner to answer or fix: the scan never writes "No"
            # to the whole of "do no harm" for them.
            return {"stepsToPreventHarm": UNKNOWN}
        value = "Yes"
        sources = {self.fields[SCREENING][p].source for p in parts if p in self.fields[SCREENING]}
        origin = Source.ANSWER if sources <= {Source.ANSWER} else Source.EVIDENCE
        self.fields[SCREENING][pointer] = FieldSource(
            source=origin,
            confidence=1.0 if origin is Source.ANSWER else CONFIDENCE_VERDICT,
            note="implied by the answers and verdicts of indicators 9A, 9B and 9C",
        )
        return {"stepsToPreventHarm": value}

    def screening(self, name: str, name_source: FieldSource) -> ScreeningRecord:
        self.fields[SCREENING]["/name"] = name_source
        data: dict[str, Any] = {
            "name": name,
            "clearOwnership": self.ownership(),
            "platformIndependence": self.platform(),
            "documentation": self.documentation(),
            "NonPII": self.non_pii(),
            "privacy": self.privacy(),
            "standards": self.standards(),
        }
        harm = {
            "dataPrivacySecurity": self.data_privacy(),
            "inappropriateIllegalContent": self.content(),
            "protectionFromHarassment": self.harassment(),
        }
        harm_fields = [p for p in self.fields[SCREENING] if p.startswith("/doNoHarm/")]
        prevent = self.prevent_harm(harm_fields)
        if prevent["stepsToPreventHarm"] == UNKNOWN:
            pointer = "/doNoHarm/preventHarm/stepsToPreventHarm"
            self.fields[SCREENING][pointer] = FieldSource(
                source=Source.MISSING,
                confidence=0.0,
                note="follows once the 9A, 9B and 9C questions are answered and no line is not met",
            )
            not_met = [
                f"{result.id} ({result.summary})"
                for i in ("9A", "9B", "9C")
                if (result := self.indicator(i)) is not None and result.verdict is Verdict.NOT_MET
            ]
            if not_met:
                # No owner question answers it: the line must be fixed. Listed as a required
                # fact, so the records are not written as if complete (they were, with exit 0).
                self.missing.append(
                    MissingFact(
                        record=SCREENING,
                        field=pointer,
                        question=None,
                        text="Steps to prevent harm: fix what is not met first: "
                        + "; ".join(not_met),
                        required=True,
                    )
                )
        data["doNoHarm"] = {"preventHarm": prevent, **harm}
        data["locations"] = {
            "developmentCountries": self.items(
                SCREENING, "/locations/developmentCountries", "general.development_countries", True
            ),
            "deploymentCountries": self.items(
                SCREENING, "/locations/deploymentCountries", "general.deployment_countries", True
            ),
        }
        return ScreeningRecord.model_validate(data)


def repository_for(
    assessment: Assessment, answers: Answers, repository_url: str | None = None
) -> tuple[Repo | None, str]:
    """The public repository evidence links point into, pinned at the assessed commit.

    ``--repository-url`` first, then the answers file's ``general.repository_url``, then
    the checkout's git remote; with where it came from. Raises NominationInputError for an
    address that is not one.
    """
    project = assessment.project
    for given, where in (
        (repository_url, "--repository-url"),
        (answers.get(REPOSITORY_QUESTION) if answers.answered(REPOSITORY_QUESTION) else None,
         f"the answers file's {REPOSITORY_QUESTION}"),
    ):  # fmt: skip
        if given is None:
            continue
        repo = project_repository(project, str(given))
        if repo is None:
            raise NominationInputError(
                f"{where}: {redact_text(str(given))!r} is not a public repository address "
                "(use https://host/owner/name)"
            )
        return repo, where
    return project_repository(project), "the checkout's git remote (origin)"


def build_nomination(
    assessment: Assessment,
    answers: Answers,
    standard: Standard | None = None,
    repository_url: str | None = None,
) -> Nomination:
    """Nominee and screening records, each field with its provenance, and what is missing.

    Evidence files become links at the assessed commit in the repository that
    ``repository_url``, the answers or the checkout's remote name (see ``repository_for``).
    Raises NominationInputError when an answer cannot be expressed in the registry's
    format (an SDG number out of range, a license the registry does not list).
    """
    standard = standard or load_standard(assessment.standard_version)
    project = assessment.project
    repo, origin = repository_for(assessment, answers, repository_url)
    names = project_names([project.name, *repository_names(repo.web_url if repo else None)])
    builder = _Builder(assessment, answers, standard, repo, origin, names=names)
    name = builder.name()
    name_text = str(builder.put(NOMINEE, "/name", name))
    nominee = builder.nominee(name_text)
    screening = builder.screening(name_text, name.source)
    # A name in Cyrillic has no registry slug of its own ("Доступный Казахстан"): the
    # repository's own name (its last part) gives one before the generic "project", which
    # every such nomination written to one folder would share.
    parts = repository_names(repo.web_url if repo else None)
    slugs = (registry_slug(text) for text in [name_text, *reversed(parts)])
    slug = next((found for found in slugs if found), "project")
    provenance = ProvenanceDocument(
        tool=f"{assessment.tool.name} {assessment.tool.version}",
        standard_version=assessment.standard_version,
        project=ProjectRef(
            name=project.name,
            repository_url=repo.web_url if repo else project.repository_url,
            commit=project.commit,
        ),
        records={NOMINEE: f"nominees/{slug}.json", SCREENING: f"digitalpublicgoods/{slug}.json"},
        fields=builder.fields,
        missing=builder.missing,
    )
    return Nomination(nominee=nominee, screening=screening, provenance=provenance, slug=slug)
