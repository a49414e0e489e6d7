"""The registry's own record formats: nominee and screening records, their schemas, file names."""

from dpgkit.registry.schemas_access import (
    RecordKind,
    load_schema,
    record_errors,
    registry_slug,
)

__all__ = ["RecordKind", "load_schema", "record_errors", "registry_slug"]
