"""Dependencies of a checkout across ecosystems, each as a package URL.

Other probes reuse the one inventory through the probe context::

    from dpgkit.deps import dependency_report
    report = ctx.derive(dependency_report)   # computed once per assessment
    for dep in report.runtime(): ...

See docs/dependencies-and-standards.md for the API.
"""

from dpgkit.deps.collect import MANIFEST_KINDS, collect_dependencies, dependency_report
from dpgkit.deps.model import (
    Dependency,
    DependencyReport,
    ManifestProblem,
    Scope,
    first_major,
    make_purl,
    normalise_name,
)

__all__ = [
    "MANIFEST_KINDS",
    "Dependency",
    "DependencyReport",
    "ManifestProblem",
    "Scope",
    "collect_dependencies",
    "dependency_report",
    "first_major",
    "make_purl",
    "normalise_name",
]
