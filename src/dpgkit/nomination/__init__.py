"""Nomination in the registry's own formats: typed records, the builder, provenance."""

from dpgkit.nomination.builder import Nomination, NominationInputError, build_nomination
from dpgkit.nomination.provenance import FieldSource, MissingFact, ProvenanceDocument, Source
from dpgkit.nomination.records import (
    NomineeRecord,
    ScreeningRecord,
    read_record,
    record_data,
    record_text,
)

__all__ = [
    "FieldSource",
    "MissingFact",
    "Nomination",
    "NominationInputError",
    "NomineeRecord",
    "ProvenanceDocument",
    "ScreeningRecord",
    "Source",
    "build_nomination",
    "read_record",
    "record_data",
    "record_text",
]
