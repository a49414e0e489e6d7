"""What `dpg` loads before the scan pass forks its workers, and before any command runs.

The workers never classify SDG texts, so numpy and the classifier's model files are loaded
by the SDG analysis, in the main process while the workers read (`dpgkit.sdg`'s names are
lazy); loading them with the commands put ~0.1 s on every run's serial path. The nomination
builder, the registry's schemas and the report formats other than the one asked for are
imported by the commands that use them (~0.07 s on every `dpg` run).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from dpgkit.assess import AssessOptions, assess


def _loaded_after(statement: str) -> set[str]:
    script = f"import sys\n{statement}\nprint(' '.join(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return set(output.split())


def test_the_commands_load_without_numpy_or_the_classifier() -> None:
    loaded = _loaded_after("import dpgkit.cli\nimport dpgkit.probes.registry as r; r.all_probes()")
    assert "dpgkit.assess" in loaded and "dpgkit.sdg.passages" in loaded
    assert "numpy" not in loaded
    assert "dpgkit.sdg.classifier" not in loaded and "tokenizers" not in loaded
    assert not {
        name for name in loaded if name.startswith(("dpgkit.nomination", "dpgkit.registry"))
    }
    assert not {"dpgkit.reports.html", "dpgkit.reports.sarif", "dpgkit.reports.terminal"} & loaded


def test_the_formats_named_are_the_formats_registered() -> None:
    import importlib
    import pkgutil

    from dpgkit import reports

    for module in pkgutil.iter_modules(reports.__path__):
        importlib.import_module(f"dpgkit.reports.{module.name}")
    assert set(reports._RENDERERS) == set(reports.FORMAT_MODULES)
    for name, module_name in reports.FORMAT_MODULES.items():
        assert reports.renderer_for(name).__module__ == f"dpgkit.reports.{module_name}"


def test_the_sdg_names_still_resolve_on_first_use(repo_factory: Callable[..., Path]) -> None:
    from dpgkit import sdg

    assert 6 in sdg.load_classifier().classify("Clean drinking water for rural villages").predicted
    root = repo_factory({"README.md": "# Wells\n\nClean drinking water for rural villages.\n"})
    assessment = assess(root, AssessOptions())
    assert assessment.sdgs and assessment.sdgs[0].sdg == 6
