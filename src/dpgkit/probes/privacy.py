"""Indicator 7 (privacy and applicable laws) and the personal-data inventory of 9A."""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited, Result, failed, not_applicable, passed, unknown
from dpgkit.facts import MARKUP_LANGUAGES
from dpgkit.harm.protection import security_step_items, security_steps
from dpgkit.model import Location
from dpgkit.pii.analysis import PersonalData
from dpgkit.pii.derived import (
    code_features,
    document_features,
    law_references,
    personal_data,
    policies,
)
from dpgkit.pii.signals import hit_locations
from dpgkit.probes.registry import probe
from dpgkit.wording import counted

_POLICY_KINDS = {
    "privacy": "privacy policy",
    "terms": "terms",
    "data_protection": "data-protection document",
    "cookies": "cookie policy",
}


def _field_label(report: PersonalData) -> dict[str, list[dict[str, object]]]:
    return {
        category.id: [
            {
                "entity": item.field.entity,
                "field": item.field.name,
                "path": item.field.path,
                "line": item.field.line,
                "source": item.field.source,
            }
            for item in items[:50]
        ]
        for category, items in report.by_category().items()
    }


def _inventory_locations(report: PersonalData, limit: int = 12) -> list[Location]:
    """One location per category first, so every category shows evidence."""
    firsts = [items[0] for items in report.by_category().values()]
    rest = [item for item in report.personal if item not in firsts]
    return [
        Location(
            path=item.field.path,
            line=item.field.line,
            excerpt=f"{item.field.entity}.{item.field.name} → {item.category.label}",
        )
        for item in (firsts + rest)[:limit]
    ]


# Languages whose data models the readers parse (Django and SQLAlchemy, Rails, Laravel,
# JavaScript and TypeScript ORMs); beside them SQL, schemas and forms are read in any project.
_MODEL_LANGUAGES = frozenset({"Python", "Ruby", "PHP", "JavaScript", "TypeScript"})
# What a product is not written in: its pages, styles and build and install scripts.
_NOT_THE_PRODUCT = MARKUP_LANGUAGES | {"Shell", "Dockerfile", "Makefile", "Batchfile"}


def _main_language(ctx: ProbeContext) -> str | None:
    """The software project's largest programming language, if it is software."""
    if "software" not in ctx.facts.types:
        return None
    return next((name for name in ctx.facts.languages if name not in _NOT_THE_PRODUCT), None)


@probe("personal_data_inventory")
def personal_data_inventory(ctx: ProbeContext) -> Result:
    report = ctx.derive(personal_data)
    data = {
        "scale": report.scale.value,
        "registry_answer": report.scale.registry_answer,
        "reasons": report.reasons,
        "categories": _field_label(report),
        "special_categories": [category.id for category in report.special],
        "third_parties": [
            {"name": party.name, "path": party.path, "line": party.line}
            for party in report.third_parties
        ],
        "fields_read": len(report.fields),
        "model_files_read": report.files_read,
        "problems": [f"{problem.path}: {problem.message}" for problem in report.problems[:20]],
    }
    language = _main_language(ctx)
    unread = language is not None and language not in _MODEL_LANGUAGES
    if not report.personal and not report.files_read and unread:
        # Nothing was read, so nothing is known: the product may keep personal data in
        # models no reader covers (Kotlin or Java classes, Visual Basic pages, Dart).
        result = unknown(
            f"No data model, schema or form was found that the scan reads, and the product "
            f"is written in {language}, whose data models it does not read: whether the "
            "product collects personal data is for the owner to say (9A.collects_pii).",
            [],
            **data,
        )
        result.items = {"privacy_security_steps": security_step_items(ctx)}
        return result
    if not report.personal:
        where = (
            f"{counted(len(report.fields), 'field')} in "
            f"{counted(report.files_read, 'data-model file')}"
            if report.files_read
            else "no data models, schemas or forms were found"
        )
        result = not_applicable(f"No personal data found ({where}).", **data)
        result.suggestions = {"collects_pii": "No"}
        # For the owner who answers Yes all the same: what the checkout shows of protection.
        result.items = {"privacy_security_steps": security_step_items(ctx)}
        return result
    categories = report.by_category()
    labels = ", ".join(category.label for category in categories)
    special = ", ".join(category.label for category in report.special)
    message = (
        f"Personal data is {report.scale.value}: {labels} "
        f"({len(report.personal)} fields in {len(report.entities)} models/schemas)."
    )
    if special:
        message += f" Special categories: {special}."
    result = unknown(message, _inventory_locations(report), **data)
    suggestions = {
        "collects_pii": f"Yes — {report.scale.registry_answer}",
        "pii_types": ", ".join(report.registry_types()),
    }
    result.items = {"pii_types": [Cited(kind) for kind in report.registry_types()]}
    if report.third_parties:
        suggestions["third_party_sharing"] = "Possibly: the product uses " + ", ".join(
            f"{party.name} ({party.path}:{party.line})" for party in report.third_parties
        )
    steps = security_steps(ctx)
    if steps:
        suggestions["privacy_security_steps"] = steps
        result.items["privacy_security_steps"] = security_step_items(ctx)
    result.suggestions = suggestions
    return result


@probe("privacy_policy_present")
def privacy_policy_present(ctx: ProbeContext) -> Result:
    found = ctx.derive(policies)
    documents = [(kind, entry) for kind in _POLICY_KINDS for entry in found.get(kind, [])[:3]]
    practices = ctx.derive(document_features).get("privacy_practices")
    if documents:
        kinds = sorted({_POLICY_KINDS[kind] for kind, _ in documents})
        result = passed(
            f"Found {', '.join(kinds)}: "
            + ", ".join(entry.path for _, entry in documents[:4])
            + ".",
            [ctx.location(entry, 1) for _, entry in documents[:6]] + hit_locations(practices, 2),
        )
        result.suggestions = {
            "privacy_evidence": "; ".join(entry.path for _, entry in documents[:6])
        }
        result.items = {
            "privacy_evidence": [
                Cited(_POLICY_KINDS[kind].capitalize(), path=entry.path)
                for kind, entry in documents[:6]
            ]
        }
        return result
    if practices:
        result = unknown(
            "No privacy policy or terms document, but the documentation describes privacy practices.",
            hit_locations(practices),
        )
        result.suggestions = {
            "privacy_evidence": "; ".join(f"{hit.path}:{hit.line}" for hit in practices[:3])
        }
        result.items = {
            "privacy_evidence": [
                Cited("Privacy practices", path=hit.path, line=hit.line) for hit in practices[:3]
            ]
        }
        return result
    return failed("No privacy policy, terms of use or data-protection documentation was found.")


@probe("privacy_law_references")
def privacy_law_references(ctx: ProbeContext) -> Result:
    references = ctx.derive(law_references)
    if not references:
        return unknown("No privacy or data-protection law is named in the documentation.")
    names = ", ".join(reference.law.name for reference in references)
    result = passed(
        f"The documentation names {counted(len(references), 'law')}: {names}.",
        [Location(path=r.path, line=r.line, excerpt=r.excerpt) for r in references[:10]],
        laws=[
            {
                "id": r.law.id,
                "name": r.law.name,
                "jurisdiction": r.law.jurisdiction,
                "path": r.path,
                "line": r.line,
            }
            for r in references
        ],
    )
    result.suggestions = {
        "privacy_laws": "; ".join(f"{r.law.name} (found in {r.path}:{r.line})" for r in references)
    }
    laws = {r.law.name: Cited(r.law.name, path=r.path, line=r.line) for r in reversed(references)}
    result.items = {"privacy_laws": list(reversed(laws.values()))}
    return result


@probe("privacy_features")
def privacy_features(ctx: ProbeContext) -> Result:
    report = ctx.derive(personal_data)
    signals = ctx.derive(code_features)
    names = ("consent", "retention", "erasure", "export")
    found = signals.found(*names)
    missing = [signals.label(name) for name in names if name not in found]
    locations = [location for name in found for location in hit_locations(signals.get(name), 2)]
    if not report.personal and not found:
        return not_applicable("No personal data was found, so privacy features are not expected.")
    if not found:
        return unknown(
            "Personal data is handled, but no consent, retention, erasure or export feature was found."
        )
    labels = ", ".join(signals.label(name) for name in found)
    message = f"Found {labels}."
    if missing:
        message += f" Not found: {', '.join(missing)}."
    outcome = passed if "erasure" in found and "consent" in found else unknown
    return outcome(message, locations, features=found)
