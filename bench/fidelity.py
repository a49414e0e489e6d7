"""Fidelity harness: does dpgkit judge accepted Digital Public Goods the way their reviewers did?

For every project of the calibration corpus (a folder of checkouts named by registry slug), it
runs, as subprocesses with a timeout,

    python -m dpgkit assess PATH --format json -o OUT/<slug>/assessment.json
    python -m dpgkit nominate PATH --allow-incomplete --out OUT/<slug>/nomination

with ``--repository-url https://github.com/<repository>`` from the calibration list (the
clones' remotes are local mirrors, which name no owner), caches the outputs under --out,
and compares them with the registry's accepted records:

  a) indicator lines called `not_met` (every project was accepted, so each is a false alarm
     unless shown to be a real defect), with the failing findings behind each;
  b) the nominate screening record's nine yes/no answers against the accepted screening record;
  c) the project license in the assessment against the nominee record's license;
  d) the assessment's SDGs against the nominee record's SDGs (top-1 and top-3).

It reads only dpgkit's outputs (JSON files), never its internals, so it can measure any dpgkit
source tree: --python picks the interpreter, --pythonpath the source folder (e.g. src/).

Usage:
  .venv/bin/python bench/fidelity.py --corpus /work/calib \\
      --registry /work/shared/dpga/registry \\
      --calibration /work/shared/calibration/dpg-repos.tsv \\
      [--jobs 2] [--only slug,slug] [--markdown report.md] [--pythonpath src]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

ROOT = Path(__file__).resolve().parents[1]
LINES: tuple[str, ...] = ("1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C")

# The nine yes/no answers of the screening record that a nomination can pre-fill from evidence:
# (label, JSON path in the screening record).
SCREENING_FIELDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("3 isOwnershipExplicit", ("clearOwnership", "isOwnershipExplicit")),
    (
        "4 mandatoryDepsCreateMoreRestrictions",
        ("platformIndependence", "mandatoryDepsCreateMoreRestrictions"),
    ),
    ("5 isDocumentationAvailable", ("documentation", "isDocumentationAvailable")),
    ("6 collectsNonPII", ("NonPII", "collectsNonPII")),
    ("8 supportStandards", ("standards", "supportStandards")),
    ("8 implementBestPractices", ("standards", "implementBestPractices")),
    ("9A collectsPII", ("doNoHarm", "dataPrivacySecurity", "collectsPII")),
    (
        "9B collectStoreDistribute",
        ("doNoHarm", "inappropriateIllegalContent", "collectStoreDistribute"),
    ),
    ("9C userInteraction", ("doNoHarm", "protectionFromHarassment", "userInteraction")),
)

Json = dict[str, Any]


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalibrationRow:
    slug: str
    repository: str
    types: tuple[str, ...]
    screening_record: bool


def load_calibration(path: Path) -> list[CalibrationRow]:
    """The calibration TSV: comment lines (#), a header, then slug, repository, types, yes/no."""
    rows: list[CalibrationRow] = []
    header_seen = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            header_seen = True
            if cells[0] == "registry_slug":
                continue
        slug, repository = cells[0], cells[1] if len(cells) > 1 else ""
        types = tuple(t for t in (cells[2] if len(cells) > 2 else "").split(",") if t)
        screening = (cells[3] if len(cells) > 3 else "").strip().lower() == "yes"
        rows.append(CalibrationRow(slug, repository, types, screening))
    return rows


def read_json(path: Path) -> Json | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


@dataclass
class Registry:
    """The registry's accepted records, by slug."""

    root: Path

    def nominee(self, slug: str) -> Json | None:
        return read_json(self.root / "nominees" / f"{slug}.json")

    def screening(self, slug: str) -> Json | None:
        return read_json(self.root / "digitalpublicgoods" / f"{slug}.json")


@dataclass
class Outputs:
    """What dpgkit wrote for one project (any part may be missing)."""

    slug: str
    status: str  # ok, timeout, error, missing
    assessment: Json | None = None
    nominee: Json | None = None
    screening: Json | None = None
    provenance: Json | None = None
    seconds: float = 0.0
    detail: str = ""


def _single(folder: Path, pattern: str) -> Path | None:
    found = sorted(folder.glob(pattern))
    return found[0] if found else None


def load_outputs(project_dir: Path, slug: str) -> Outputs:
    """Read the cached outputs of one project from OUT/<slug>/."""
    run = read_json(project_dir / "run.json") or {}
    status = str(run.get("status", "missing" if not project_dir.is_dir() else "ok"))
    out = Outputs(
        slug, status, seconds=float(run.get("seconds", 0.0)), detail=str(run.get("detail", ""))
    )
    out.assessment = read_json(project_dir / "assessment.json")
    nomination = project_dir / "nomination"
    nominee = _single(nomination / "nominees", "*.json")
    screening = _single(nomination / "digitalpublicgoods", "*.json")
    provenance = _single(nomination, "*.provenance.json")
    out.nominee = read_json(nominee) if nominee else None
    out.screening = read_json(screening) if screening else None
    out.provenance = read_json(provenance) if provenance else None
    if out.assessment is None and out.status == "ok":
        out.status = "missing"
    return out


# ---------------------------------------------------------------------------------------------
# Running dpgkit
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Runner:
    python: str
    pythonpath: str | None
    out: Path
    timeout: float

    def env(self) -> dict[str, str]:
        env = {**os.environ, "COLUMNS": "250"}
        if self.pythonpath:
            env["PYTHONPATH"] = self.pythonpath
        return env


def source_fingerprint(runner: Runner) -> str:
    """Identifies the dpgkit being run: the files (size, mtime) of the package the runner's
    Python imports, whether from --pythonpath or installed (an editable install's sources
    change without its version), or, where they cannot be found, its version."""
    digest = hashlib.sha256(runner.python.encode())
    located = subprocess.run(
        [runner.python, "-c", "import dpgkit, os; print(os.path.dirname(dpgkit.__file__))"],
        capture_output=True,
        text=True,
        env=runner.env(),
        timeout=120,
    )
    package = Path(located.stdout.strip()) if located.returncode == 0 else None
    if package is not None and package.is_dir():
        for path in sorted(package.rglob("*")):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            stat = path.stat()
            digest.update(
                f"{path.relative_to(package)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode()
            )
    else:
        version = subprocess.run(
            [runner.python, "-m", "dpgkit", "--version"],
            capture_output=True,
            text=True,
            env=runner.env(),
            timeout=120,
        )
        digest.update(version.stdout.encode())
    return digest.hexdigest()[:16]


def project_head(path: Path) -> str:
    result = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    return result.stdout.strip() if result.returncode == 0 else "no-git"


def _run(cmd: Sequence[str], runner: Runner, cwd: Path) -> tuple[int | None, float, str]:
    start = time.monotonic()
    try:
        done = subprocess.run(
            list(cmd),
            capture_output=True,
            text=True,
            env=runner.env(),
            cwd=cwd,
            timeout=runner.timeout,
        )
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - start, f"timed out after {runner.timeout:.0f} s"
    return done.returncode, time.monotonic() - start, done.stderr[-2000:]


def run_project(
    slug: str,
    path: Path,
    runner: Runner,
    fingerprint: str,
    force: bool = False,
    repository_url: str | None = None,
) -> Outputs:
    """Assess and nominate one project, or reuse the cached outputs of the same inputs.

    ``repository_url``: the project's public repository, given to both commands as
    ``--repository-url`` (the corpus's clones have local mirrors for remotes).
    """
    final = runner.out / slug
    key = {"source": fingerprint, "project_head": project_head(path), "path": str(path)}
    if repository_url:
        key["repository_url"] = repository_url
    cached = read_json(final / "run.json")
    # Only successful runs are reused: a timeout or an error (e.g. a killed run) is retried.
    if not force and cached and cached.get("key") == key and cached.get("status") == "ok":
        return load_outputs(final, slug)
    work = runner.out / f"{slug}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run: Json = {"key": key, "status": "ok", "detail": "", "steps": {}}
    total = 0.0
    given = ["--repository-url", repository_url] if repository_url else []
    steps = (
        (
            "assess",
            ["assess", str(path), "--format", "json", "-o", str(work / "assessment.json"), *given],
        ),
        (
            "nominate",
            [
                "nominate",
                str(path),
                "--allow-incomplete",
                "--out",
                str(work / "nomination"),
                *given,
            ],
        ),
    )
    for name, args in steps:
        rc, seconds, stderr = _run([runner.python, "-m", "dpgkit", *args], runner, work)
        total += seconds
        run["steps"][name] = {"rc": rc, "seconds": round(seconds, 2), "stderr": stderr}
        if rc is None:
            run["status"], run["detail"] = "timeout", f"{name}: {stderr}"
            break
        if rc not in (0, 1):
            run["status"] = "error"
            run["detail"] = f"{name} exited {rc}: {stderr.strip().splitlines()[-1:] or ''}"
    run["seconds"] = round(total, 2)
    (work / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)
    work.rename(final)
    return load_outputs(final, slug)


def run_corpus(
    projects: Mapping[str, Path],
    runner: Runner,
    jobs: int,
    force: bool = False,
    log: TextIO | None = sys.stderr,
    repositories: Mapping[str, str] | None = None,
) -> dict[str, Outputs]:
    runner.out.mkdir(parents=True, exist_ok=True)
    fingerprint = source_fingerprint(runner)
    results: dict[str, Outputs] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {
            pool.submit(
                run_project,
                slug,
                path,
                runner,
                fingerprint,
                force,
                (repositories or {}).get(slug),
            ): slug
            for slug, path in projects.items()
        }
        for number, future in enumerate(as_completed(futures), 1):
            slug = futures[future]
            results[slug] = future.result()
            done = results[slug]
            if log is None:
                continue
            print(
                f"[{number}/{len(projects)}] {slug}: {done.status} ({done.seconds:.0f} s)",
                file=log,
                flush=True,
            )
    return dict(sorted(results.items()))


# ---------------------------------------------------------------------------------------------
# a) indicator lines
# ---------------------------------------------------------------------------------------------


@dataclass
class Cause:
    slug: str
    probe: str
    outcome: str
    message: str
    location: str
    # The finding the line's summary names (the rule's reason); the others were failing too.
    primary: bool = True


@dataclass
class IndicatorTable:
    projects: int
    verdicts: dict[str, Counter[str]]
    causes: dict[str, list[Cause]]

    @property
    def not_met_lines(self) -> int:
        return sum(c["not_met"] for c in self.verdicts.values())

    @property
    def total_lines(self) -> int:
        return self.projects * len(LINES)

    @property
    def not_met_percent(self) -> float:
        return 100.0 * self.not_met_lines / self.total_lines if self.total_lines else 0.0


def first_location(finding: Mapping[str, Any]) -> str:
    locations = finding.get("locations") or []
    if not locations:
        return ""
    loc = locations[0]
    text = str(loc.get("path") or "")
    if loc.get("line") is not None:
        text += f":{loc['line']}"
    if loc.get("excerpt"):
        excerpt = " ".join(str(loc["excerpt"]).split())
        text += f' "{excerpt[:120]}"'
    return text


def indicator_table(assessments: Mapping[str, Json]) -> IndicatorTable:
    verdicts: dict[str, Counter[str]] = {line: Counter() for line in LINES}
    causes: dict[str, list[Cause]] = {line: [] for line in LINES}
    for slug, assessment in sorted(assessments.items()):
        by_id = {str(i.get("id")): i for i in assessment.get("indicators", [])}
        for line in LINES:
            indicator = by_id.get(line)
            verdict = str(indicator.get("verdict")) if indicator else "absent"
            verdicts[line][verdict] += 1
            if verdict != "not_met" or indicator is None:
                continue
            findings = indicator.get("findings", [])
            failing = [f for f in findings if f.get("outcome") == "fail"]
            if not failing:  # not_met without a failing finding: show what was not passing
                failing = [
                    f for f in findings if f.get("outcome") not in ("pass", "not_applicable")
                ]
            summary = " ".join(str(indicator.get("summary", "")).split())
            named = {
                id(f)
                for f in failing
                if (m := " ".join(str(f.get("message", "")).split())) and m in summary
            }
            for f in failing:
                causes[line].append(
                    Cause(
                        slug,
                        str(f.get("probe")),
                        str(f.get("outcome")),
                        " ".join(str(f.get("message", "")).split()),
                        first_location(f),
                        primary=not named or id(f) in named,
                    )
                )
            if not failing:
                causes[line].append(Cause(slug, "-", "-", summary, ""))
    return IndicatorTable(len(assessments), verdicts, causes)


# ---------------------------------------------------------------------------------------------
# b) screening answers
# ---------------------------------------------------------------------------------------------


def dig(record: Mapping[str, Any] | None, path: Sequence[str]) -> Any:
    node: Any = record
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def yes_no(value: Any) -> str | None:
    """'Yes' / 'No', or None for a blank, 'Unknown' or missing answer."""
    if isinstance(value, str) and value.strip().lower() in ("yes", "no"):
        return value.strip().capitalize()
    return None


@dataclass
class FieldRow:
    label: str
    compared: int = 0  # projects whose registry answer is Yes or No (and dpgkit produced a record)
    agree: int = 0
    disagree: int = 0
    left_to_owner: int = 0  # dpgkit wrote Unknown, blank or nothing
    registry_unknown: int = 0  # not comparable: the registry itself holds no Yes/No
    said_yes_registry_no: int = 0
    said_no_registry_yes: int = 0

    @property
    def answered(self) -> int:
        return self.agree + self.disagree

    @property
    def agreement_answered(self) -> float | None:
        return self.agree / self.answered if self.answered else None

    @property
    def agreement_all(self) -> float | None:
        return self.agree / self.compared if self.compared else None


@dataclass
class Mismatch:
    slug: str
    label: str
    ours: str
    registry: str
    note: str


@dataclass
class ScreeningTable:
    projects: int
    rows: list[FieldRow]
    mismatches: list[Mismatch] = field(default_factory=list)

    def totals(self) -> FieldRow:
        total = FieldRow("all nine fields")
        for row in self.rows:
            for name in (
                "compared",
                "agree",
                "disagree",
                "left_to_owner",
                "registry_unknown",
                "said_yes_registry_no",
                "said_no_registry_yes",
            ):
                setattr(total, name, getattr(total, name) + getattr(row, name))
        return total


def provenance_note(provenance: Json | None, path: Sequence[str]) -> str:
    entry = dig(provenance, ("fields", "screening", "/" + "/".join(path)))
    if not isinstance(entry, Mapping):
        return ""
    note = str(entry.get("note") or "")
    evidence = entry.get("evidence") or []
    if evidence and isinstance(evidence[0], Mapping):
        ev = evidence[0]
        where = str(ev.get("path") or "")
        if ev.get("line") is not None:
            where += f":{ev['line']}"
        text = " ".join(str(ev.get("text") or "").split())[:120]
        note += f" [{where}" + (f' "{text}"' if text else "") + "]"
    return note


def screening_table(ours: Mapping[str, Outputs], registry: Mapping[str, Json]) -> ScreeningTable:
    """Compare nominate's screening answers with the accepted records (slugs present in both)."""
    rows = [FieldRow(label) for label, _ in SCREENING_FIELDS]
    table = ScreeningTable(0, rows)
    for slug in sorted(ours):
        accepted = registry.get(slug)
        produced = ours[slug].screening
        if accepted is None or produced is None:
            continue
        table.projects += 1
        for row, (label, path) in zip(rows, SCREENING_FIELDS, strict=True):
            theirs = yes_no(dig(accepted, path))
            if theirs is None:
                row.registry_unknown += 1
                continue
            row.compared += 1
            mine = yes_no(dig(produced, path))
            if mine is None:
                row.left_to_owner += 1
            elif mine == theirs:
                row.agree += 1
            else:
                row.disagree += 1
                if mine == "Yes":
                    row.said_yes_registry_no += 1
                else:
                    row.said_no_registry_yes += 1
                note = provenance_note(ours[slug].provenance, path)
                table.mismatches.append(Mismatch(slug, label, mine, theirs, note))
    return table


# ---------------------------------------------------------------------------------------------
# c) license
# ---------------------------------------------------------------------------------------------

_VARIANT = re.compile(r"(-only|-or-later|\+)$", re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9.+:-]+")


def license_ids(expression: str) -> list[str]:
    """The license identifiers of an SPDX expression (operators and WITH exceptions dropped)."""
    ids: list[str] = []
    skip_next = False
    for token in _TOKEN.findall(expression or ""):
        upper = token.upper()
        if skip_next:
            skip_next = False
            continue
        if upper == "WITH":
            skip_next = True
            continue
        if upper in ("AND", "OR"):
            continue
        ids.append(token)
    return ids


def license_family(spdx: str) -> tuple[str, str]:
    """(family, variant): 'GPL-3.0-or-later' -> ('GPL-3.0', 'or-later'); bare 'GPL-3.0' -> ''.

    The registry mostly writes the bare, deprecated ids (GPL-3.0, AGPL-3.0) without saying
    only or or-later, so a bare id matches either variant; only an explicit -only against an
    explicit -or-later is a variant difference, and even that counts as agreement on the license
    (it is listed apart).
    """
    match = _VARIANT.search(spdx)
    variant = ""
    if match:
        variant = "or-later" if match.group(1) in ("+", "-or-later") else "only"
        spdx = spdx[: match.start()]
    return spdx.upper(), variant


def project_license_expression(assessment: Json) -> str:
    """The project's license as the assessment states it (indicator 2), else root license files."""
    for indicator in assessment.get("indicators", []):
        if str(indicator.get("id")) != "2":
            continue
        for finding in indicator.get("findings", []):
            expression = dig(finding, ("data", "expression"))
            if finding.get("probe") == "license_file_identified" and expression:
                return str(expression)
        for finding in indicator.get("findings", []):
            expression = dig(finding, ("data", "expression"))
            if expression:
                return str(expression)
    root = [
        str(entry.get("spdx"))
        for entry in assessment.get("licenses", [])
        if entry.get("spdx") and "/" not in str(entry.get("path") or "")
    ]
    return " AND ".join(dict.fromkeys(root))


def registry_license_ids(nominee: Json) -> list[str]:
    return [str(x.get("spdx")) for x in nominee.get("license", []) if x.get("spdx")]


@dataclass
class LicenseRow:
    slug: str
    ours: str
    registry: str
    verdict: str  # exact, superset, overlap, disagree, none
    variant_differs: bool = False


@dataclass
class LicenseTable:
    rows: list[LicenseRow]

    def count(self, *verdicts: str) -> int:
        return sum(1 for r in self.rows if r.verdict in verdicts)


def compare_licenses(ours: Iterable[str], theirs: Iterable[str]) -> tuple[str, bool]:
    mine = {license_family(x) for x in ours}
    reg = {license_family(x) for x in theirs}
    mine_fam = {f for f, _ in mine}
    reg_fam = {f for f, _ in reg}
    if not mine_fam:
        return "none", False
    variant_differs = any(f1 == f2 and v1 and v2 and v1 != v2 for f1, v1 in mine for f2, v2 in reg)
    if mine_fam == reg_fam:
        return "exact", variant_differs
    if reg_fam <= mine_fam:
        return "superset", variant_differs
    if reg_fam & mine_fam:
        return "overlap", variant_differs
    return "disagree", False


def license_table(
    assessments: Mapping[str, Json], nominees: Mapping[str, Json], source: str = "assessment"
) -> LicenseTable:
    """source='assessment': the indicator-2 project license; 'nominee': nominate's nominee record."""
    rows: list[LicenseRow] = []
    for slug in sorted(assessments):
        accepted = nominees.get(slug)
        if accepted is None:
            continue
        if source == "assessment":
            ours = license_ids(project_license_expression(assessments[slug]))
        else:
            ours = registry_license_ids(assessments[slug])
        theirs = registry_license_ids(accepted)
        verdict, variant = compare_licenses(ours, theirs)
        rows.append(LicenseRow(slug, " AND ".join(ours), ", ".join(theirs), verdict, variant))
    return LicenseTable(rows)


# ---------------------------------------------------------------------------------------------
# d) SDGs
# ---------------------------------------------------------------------------------------------


@dataclass
class SdgRow:
    slug: str
    ours: list[int]
    registry: list[int]

    @property
    def top1(self) -> bool:
        return bool(self.ours) and self.ours[0] in self.registry

    @property
    def top3(self) -> bool:
        return any(s in self.registry for s in self.ours[:3])


def assessment_sdgs(assessment: Json) -> list[int]:
    scored = [
        (float(s.get("score") or 0.0), index, int(s["sdg"]))
        for index, s in enumerate(assessment.get("sdgs", []))
        if s.get("sdg") is not None
    ]
    return [sdg for _, _, sdg in sorted(scored, key=lambda t: (-t[0], t[1]))]


def sdg_table(assessments: Mapping[str, Json], nominees: Mapping[str, Json]) -> list[SdgRow]:
    rows: list[SdgRow] = []
    for slug in sorted(assessments):
        accepted = nominees.get(slug)
        if accepted is None:
            continue
        registry = [int(s["SDGNumber"]) for s in accepted.get("SDGs", []) if s.get("SDGNumber")]
        rows.append(SdgRow(slug, assessment_sdgs(assessments[slug]), registry))
    return rows


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------


def pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def ratio(value: float | None) -> str:
    return f"{100.0 * value:.1f}%" if value is not None else "-"


def md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


@dataclass
class Report:
    outputs: dict[str, Outputs]
    indicators: IndicatorTable
    screening: ScreeningTable
    licenses: LicenseTable
    nominee_licenses: LicenseTable
    sdgs: list[SdgRow]


def build_report(outputs: Mapping[str, Outputs], registry: Registry) -> Report:
    assessed = {s: o.assessment for s, o in outputs.items() if o.assessment is not None}
    nominees = {s: n for s in outputs if (n := registry.nominee(s)) is not None}
    screenings = {s: r for s in outputs if (r := registry.screening(s)) is not None}
    produced_nominees = {s: o.nominee for s, o in outputs.items() if o.nominee is not None}
    return Report(
        dict(outputs),
        indicator_table(assessed),
        screening_table(outputs, screenings),
        license_table(assessed, nominees),
        license_table(produced_nominees, nominees, source="nominee"),
        sdg_table(assessed, nominees),
    )


def render_markdown(report: Report, title: str = "dpgkit fidelity on accepted DPGs") -> str:
    out: list[str] = [f"# {title}", ""]
    statuses = Counter(o.status for o in report.outputs.values())
    out.append(
        f"Projects: {len(report.outputs)} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
        + f"); assessed: {report.indicators.projects}."
    )
    failed = [o for o in report.outputs.values() if o.status != "ok"]
    for o in failed:
        out.append(f"- {o.slug}: {o.status} {md_cell(o.detail)}")
    out.append("")

    # a) indicators
    ind = report.indicators
    out += [
        "## a) Indicator lines called not_met on accepted DPGs",
        "",
        f"False not_met lines: **{ind.not_met_lines} / {ind.total_lines} = {ind.not_met_percent:.1f}%** "
        f"({ind.projects} projects x {len(LINES)} lines).",
        "",
        "| line | not_met | needs_answer | met | not_applicable |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for line in LINES:
        c = ind.verdicts[line]
        out.append(
            f"| {line} | {c['not_met']} | {c['needs_answer']} | {c['met']} | {c['not_applicable']} |"
        )
    out.append("")
    for line in LINES:
        causes = ind.causes[line]
        if not causes:
            continue
        probes = Counter(c.probe for c in causes if c.primary)
        out.append(
            f"### Line {line}: {ind.verdicts[line]['not_met']} not_met (reason: "
            + ", ".join(f"{p} x{n}" for p, n in probes.most_common())
            + ")"
        )
        out.append("")
        out.append(
            "First per project: the finding the line's summary names (the rule's reason); "
            "*also failing*: the line's other failing findings (they may block as well, but "
            "the summary names only the first)."
        )
        out.append("")
        for c in sorted(causes, key=lambda c: (c.slug, not c.primary)):
            where = f" — `{md_cell(c.location)}`" if c.location else ""
            also = "" if c.primary else "*also failing* "
            out.append(f"- **{c.slug}** {also}`{c.probe}`: {md_cell(c.message)}{where}")
        out.append("")

    # b) screening
    scr = report.screening
    out += [
        "## b) Screening answers vs the accepted screening records",
        "",
        f"{scr.projects} projects with both an accepted screening record and a nominate output. "
        "A field is compared when the registry answer is Yes or No; dpgkit's blank, missing or "
        "`Unknown` answer counts as *left to owner* (neither agree nor disagree). "
        "Agreement is given over the answered fields (agree / (agree + disagree)) and over all "
        "compared fields (agree / compared, left-to-owner counting as not agreeing).",
        "",
        "| field | compared | agree | disagree | left to owner | agree/answered | agree/all | we Yes, reg No | we No, reg Yes | reg not Yes/No |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in [*scr.rows, scr.totals()]:
        out.append(
            f"| {row.label} | {row.compared} | {row.agree} | {row.disagree} | {row.left_to_owner} | "
            f"{ratio(row.agreement_answered)} | {ratio(row.agreement_all)} | "
            f"{row.said_yes_registry_no} | {row.said_no_registry_yes} | {row.registry_unknown} |"
        )
    out.append("")
    if scr.mismatches:
        out.append("### Disagreements (dpgkit answer vs accepted answer, with dpgkit's provenance)")
        out.append("")
        for label, _ in SCREENING_FIELDS:
            group = [m for m in scr.mismatches if m.label == label]
            if not group:
                continue
            out.append(f"**{label}** ({len(group)})")
            out.append("")
            for m in group:
                out.append(
                    f"- {m.slug}: dpgkit {m.ours}, registry {m.registry} — {md_cell(m.note)}"
                )
            out.append("")

    # c) licenses
    out += [
        "## c) Project license vs the nominee record's license",
        "",
        "Identifiers are compared by family: `-only`, `-or-later` and `+` are stripped and case is "
        "ignored, so the registry's bare (deprecated) `GPL-3.0` matches `GPL-3.0-only` and "
        "`GPL-3.0-or-later`; an explicit `-only` against an explicit `-or-later` still counts as "
        "the same license and is listed as a variant difference. WITH exceptions are dropped. "
        "*exact*: same set of licenses; *superset*: dpgkit names every registry license and more "
        "(e.g. a content license beside the code license); *overlap*: some shared; *disagree*: "
        "none shared; *none*: dpgkit found no project license.",
        "",
    ]
    for name, table in (
        ("assessment (indicator 2 project license)", report.licenses),
        ("nominate's nominee record", report.nominee_licenses),
    ):
        n = len(table.rows)
        agree = table.count("exact", "superset", "overlap")
        out.append(
            f"- **{name}**: {n} projects; exact {table.count('exact')}, superset "
            f"{table.count('superset')}, overlap {table.count('overlap')}, disagree "
            f"{table.count('disagree')}, none {table.count('none')}; shares the registry license "
            f"{agree}/{n} = {pct(agree, n)}; exact {pct(table.count('exact'), n)}; variant "
            f"differences {sum(r.variant_differs for r in table.rows)}."
        )
    out.append("")
    out.append(
        "| project | assessment license | registry | verdict | nominee-record license | verdict |"
    )
    out.append("| --- | --- | --- | --- | --- | --- |")
    nominee_rows = {r.slug: r for r in report.nominee_licenses.rows}
    for r in report.licenses.rows:
        if (
            r.verdict == "exact"
            and not r.variant_differs
            and nominee_rows.get(r.slug, r).verdict == "exact"
        ):
            continue
        nr = nominee_rows.get(r.slug)
        out.append(
            f"| {r.slug} | {md_cell(r.ours) or '-'} | {md_cell(r.registry)} | {r.verdict}"
            f"{' (variant)' if r.variant_differs else ''} | {md_cell(nr.ours) if nr else '-'} | "
            f"{nr.verdict if nr else '-'} |"
        )
    out.append("")
    out.append("(Rows where both comparisons are exact are left out.)")
    out.append("")

    # d) SDGs
    rows = report.sdgs
    top1 = sum(r.top1 for r in rows)
    top3 = sum(r.top3 for r in rows)
    empty = sum(not r.ours for r in rows)
    out += [
        "## d) SDGs vs the nominee record's SDGs",
        "",
        f"{len(rows)} projects; top-1 SDG among the registry's: **{top1} = {pct(top1, len(rows))}**; "
        f"any of the top 3: **{top3} = {pct(top3, len(rows))}**; no SDG found: {empty}.",
        "",
        "| project | dpgkit SDGs (by score) | registry SDGs | top-1 | top-3 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        if r.top1:
            continue
        out.append(
            f"| {r.slug} | {', '.join(map(str, r.ours)) or '-'} | "
            f"{', '.join(map(str, r.registry))} | {'yes' if r.top1 else 'no'} | {'yes' if r.top3 else 'no'} |"
        )
    out.append("")
    out.append("(Rows with a top-1 hit are left out.)")
    out.append("")

    # timing
    seconds = sorted(((o.seconds, o.slug) for o in report.outputs.values()), reverse=True)
    out += ["## Run time (assess + nominate)", ""]
    out.append(
        f"Total {sum(s for s, _ in seconds):.0f} s; slowest: "
        + ", ".join(f"{slug} {s:.0f} s" for s, slug in seconds[:8])
        + "."
    )
    out.append("")
    return "\n".join(out)


def summary_json(report: Report) -> Json:
    ind = report.indicators
    return {
        "projects": len(report.outputs),
        "assessed": ind.projects,
        "not_met_lines": ind.not_met_lines,
        "total_lines": ind.total_lines,
        "not_met_percent": round(ind.not_met_percent, 2),
        "not_met_by_line": {line: ind.verdicts[line]["not_met"] for line in LINES},
        "screening": {
            row.label: {
                "compared": row.compared,
                "agree": row.agree,
                "disagree": row.disagree,
                "left_to_owner": row.left_to_owner,
            }
            for row in report.screening.rows
        },
        "license": {
            v: report.licenses.count(v)
            for v in ("exact", "superset", "overlap", "disagree", "none")
        },
        "sdg": {
            "projects": len(report.sdgs),
            "top1": sum(r.top1 for r in report.sdgs),
            "top3": sum(r.top3 for r in report.sdgs),
        },
    }


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------


def select_projects(
    corpus: Path, rows: Sequence[CalibrationRow], only: Sequence[str]
) -> dict[str, Path]:
    wanted = set(only)
    projects: dict[str, Path] = {}
    for row in rows:
        if wanted and row.slug not in wanted:
            continue
        path = corpus / row.slug
        if path.is_dir():
            projects[row.slug] = path
    return projects


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--corpus", type=Path, required=True, help="folder of checkouts named by slug"
    )
    parser.add_argument(
        "--registry",
        type=Path,
        required=True,
        help="registry folder (nominees/, digitalpublicgoods/)",
    )
    parser.add_argument(
        "--calibration", type=Path, required=True, help="calibration TSV (slug, repository, ...)"
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "bench" / ".fidelity-cache", help="output cache folder"
    )
    parser.add_argument("--jobs", type=int, default=1, help="projects run in parallel")
    parser.add_argument("--only", default="", help="comma-separated slugs")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per dpgkit command")
    parser.add_argument("--python", default=sys.executable, help="interpreter that runs dpgkit")
    parser.add_argument(
        "--pythonpath", default=None, help="PYTHONPATH for dpgkit (e.g. a src/ folder)"
    )
    parser.add_argument("--force", action="store_true", help="rerun even when cached outputs match")
    parser.add_argument(
        "--report-only", action="store_true", help="do not run dpgkit; report the cache"
    )
    parser.add_argument("--markdown", type=Path, default=None, help="also write the report here")
    args = parser.parse_args(argv)

    rows = load_calibration(args.calibration)
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(only) - {r.slug for r in rows})
    if unknown:
        parser.error(f"not in the calibration list: {', '.join(unknown)}")
    projects = select_projects(args.corpus, rows, only)
    missing = [r.slug for r in rows if (not only or r.slug in only) and r.slug not in projects]
    if missing:
        print(f"not in the corpus (skipped): {', '.join(missing)}", file=sys.stderr)
    out = args.out.resolve()
    pythonpath = (
        os.pathsep.join(str(Path(p).resolve()) for p in args.pythonpath.split(os.pathsep))
        if args.pythonpath
        else None
    )
    if args.report_only:
        outputs = {slug: load_outputs(out / slug, slug) for slug in projects}
    else:
        runner = Runner(args.python, pythonpath, out, args.timeout)
        repositories = {
            row.slug: f"https://github.com/{row.repository}"
            for row in rows
            if re.fullmatch(r"[\w.-]+/[\w.-]+", row.repository)
        }
        outputs = run_corpus(
            projects, runner, args.jobs, force=args.force, repositories=repositories
        )
    report = build_report(outputs, Registry(args.registry))
    text = render_markdown(report)
    if missing:
        text += "\nNot in the corpus (not run): " + ", ".join(missing) + "\n"
    print(text)
    out.mkdir(parents=True, exist_ok=True)
    (out / "summary.json").write_text(
        json.dumps(summary_json(report), indent=2) + "\n", encoding="utf-8"
    )
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
