"""The inventory's folder-cached path classifier gives, path by path, what the five
per-path functions give (vendored, generated, test, example, docs), on generated paths
made of the folder and file names those functions look for, in any case."""

from __future__ import annotations

import random

import pytest

from dpgkit.inventory.classify import (
    PathClassifier,
    is_docs_path,
    is_example_path,
    is_generated,
    is_test_path,
    is_vendored,
)

_FOLDERS = [
    "src", "docs", "Doc", "wiki", "node_modules", "vendor", "deps", "dist", "build",
    "__pycache__", "tests", "Test", "__tests__", "spec", "fixtures", "examples", "Samples",
    "demo", "static", "lib", "app", ".yarn", "third_party", "migrations", "templates",
]  # fmt: skip
_NAMES = [
    "main.py", "test_main.py", "main_test.go", "app.spec.ts", "example.env", "sample-data.csv",
    "jquery.min.js", "styles.min.css", "bundle.js.map", "api.pb.go", "msg_pb2.py",
    "package-lock.json", "yarn.lock", "Gemfile.lock", "README.md", "index.html",
    "template.html", "demo.yaml", "mock_server.py", "Dockerfile", "conftest.py",
]  # fmt: skip


def _paths(seed: int, count: int = 3000) -> list[str]:
    generator = random.Random(seed)
    paths = []
    for _ in range(count):
        depth = generator.choice([0, 0, 1, 1, 2, 3, 4])
        folders = generator.choices(_FOLDERS, k=depth)
        paths.append("/".join([*folders, generator.choice(_NAMES)]))
    return paths


@pytest.mark.parametrize("tool_dirs", [frozenset(), frozenset({"deps"})])
@pytest.mark.parametrize("seed", range(5))
def test_the_classifier_gives_what_the_per_path_functions_give(
    seed: int, tool_dirs: frozenset[str]
) -> None:
    classify = PathClassifier(tool_dirs)
    for path in _paths(seed):
        kinds = classify(path)
        expected = (
            is_vendored(path, tool_dirs),
            is_generated(path),
            is_test_path(path),
            is_example_path(path),
            is_docs_path(path),
        )
        found = (kinds.vendored, kinds.generated, kinds.test, kinds.example, kinds.docs)
        assert found == expected, path
    # The same answers from the folder cache on a second pass.
    assert [classify(path) for path in _paths(seed)] == [
        PathClassifier(tool_dirs)(path) for path in _paths(seed)
    ]
