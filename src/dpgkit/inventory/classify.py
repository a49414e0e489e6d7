"""What a path is, from its name alone: language, vendored or generated, test, example,
documentation, data, model. Every analysis asks the inventory's FileEntry, decided here once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Extensions to language names; a table, because linguist-style detection by content
# would mean reading files that no probe needs.
LANGUAGES: dict[str, str] = {
    ".py": "Python",
    ".pyi": "Python",
    ".ipynb": "Jupyter Notebook",
    ".js": "JavaScript",
    ".mjs": "JavaScript",
    ".cjs": "JavaScript",
    ".jsx": "JavaScript",
    ".ts": "TypeScript",
    ".tsx": "TypeScript",
    ".vue": "Vue",
    ".svelte": "Svelte",
    ".java": "Java",
    ".kt": "Kotlin",
    ".kts": "Kotlin",
    ".scala": "Scala",
    ".groovy": "Groovy",
    ".go": "Go",
    ".rs": "Rust",
    ".c": "C",
    ".h": "C",
    ".cc": "C++",
    ".cpp": "C++",
    ".hpp": "C++",
    ".cs": "C#",
    ".fs": "F#",
    ".vb": "Visual Basic",
    ".php": "PHP",
    ".rb": "Ruby",
    ".erb": "Ruby",
    ".ex": "Elixir",
    ".exs": "Elixir",
    ".erl": "Erlang",
    ".dart": "Dart",
    ".swift": "Swift",
    ".m": "Objective-C",
    ".r": "R",
    ".R": "R",
    ".jl": "Julia",
    ".lua": "Lua",
    ".pl": "Perl",
    ".sh": "Shell",
    ".bash": "Shell",
    ".ps1": "PowerShell",
    ".sql": "SQL",
    ".html": "HTML",
    ".htm": "HTML",
    ".css": "CSS",
    ".scss": "SCSS",
    ".sass": "Sass",
    ".less": "Less",
    ".md": "Markdown",
    ".rst": "reStructuredText",
    ".tex": "TeX",
    ".yaml": "YAML",
    ".yml": "YAML",
    ".toml": "TOML",
    ".json": "JSON",
    ".xml": "XML",
    ".graphql": "GraphQL",
    ".gql": "GraphQL",
    ".proto": "Protocol Buffers",
    ".tf": "HCL",
    ".hcl": "HCL",
    ".clj": "Clojure",
    ".hs": "Haskell",
    ".ml": "OCaml",
    ".zig": "Zig",
    ".nim": "Nim",
    ".cr": "Crystal",
    ".elm": "Elm",
    ".sol": "Solidity",
    ".gd": "GDScript",
}

NAMED_LANGUAGES: dict[str, str] = {
    "Dockerfile": "Dockerfile",
    "Makefile": "Makefile",
    "Gemfile": "Ruby",
    "Rakefile": "Ruby",
    "Jenkinsfile": "Groovy",
    "Vagrantfile": "Ruby",
}

# Languages that describe prose, configuration or data rather than program code.
NON_CODE = frozenset({"Markdown", "reStructuredText", "TeX", "YAML", "TOML", "JSON", "XML"})

DATA_EXTENSIONS = frozenset(
    {
        ".csv",
        ".tsv",
        ".parquet",
        ".feather",
        ".arrow",
        ".geojson",
        ".topojson",
        ".shp",
        ".dbf",
        ".gpkg",
        ".kml",
        ".gpx",
        ".nc",
        ".h5",
        ".hdf5",
        ".xlsx",
        ".xls",
        ".ods",
        ".sav",
        ".dta",
        ".mdb",
        ".accdb",
        ".sqlite",
        ".db",
        ".jsonl",
        ".ndjson",
        ".rdata",
        ".rds",
        ".tif",
        ".tiff",
    }
)

MODEL_EXTENSIONS = frozenset(
    {
        ".safetensors",
        ".onnx",
        ".pt",
        ".pth",
        ".ckpt",
        ".h5",
        ".keras",
        ".tflite",
        ".pb",
        ".gguf",
        ".ggml",
        ".mlmodel",
        ".joblib",
        ".pkl",
    }
)

CONTENT_EXTENSIONS = frozenset(
    {
        ".pdf",
        ".epub",
        ".docx",
        ".odt",
        ".pptx",
        ".odp",
        ".mp4",
        ".webm",
        ".mp3",
        ".ogg",
        ".wav",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".svg",
        ".webp",
        ".h5p",
    }
)

VENDORED_DIRS = frozenset(
    {
        "node_modules",
        "vendor",
        "vendors",
        "third_party",
        "third-party",
        "thirdparty",
        "bower_components",
        "jspm_packages",
        ".venv",
        "venv",
        "env",
        "site-packages",
        "Pods",
        "Carthage",
        "external",
        "extern",
    }
)
GENERATED_DIRS = frozenset(
    {
        "dist",
        "build",
        "out",
        "target",
        "_build",
        ".next",
        ".nuxt",
        "coverage",
        "htmlcov",
        "__pycache__",
        ".tox",
        ".mypy_cache",
        ".pytest_cache",
        "staticfiles",
        ".gradle",
    }
)
GENERATED_SUFFIXES = (".min.js", ".min.css", ".bundle.js", ".map", ".pb.go", "_pb2.py")
LOCK_FILES = frozenset(
    {
        "package-lock.json",
        "yarn.lock",
        "pnpm-lock.yaml",
        "poetry.lock",
        "Pipfile.lock",
        "uv.lock",
        "Cargo.lock",
        "composer.lock",
        "Gemfile.lock",
        "go.sum",
        "mix.lock",
        "pubspec.lock",
        "packages.lock.json",
        "gradle.lockfile",
    }
)


def _split(path: str) -> tuple[list[str], str]:
    """(folders, file name) by string operations: this runs for every file of the walk."""
    parts = path.split("/")
    return parts[:-1], parts[-1]


def language_of(path: str) -> str | None:
    name = path.rpartition("/")[2]
    if name in NAMED_LANGUAGES:
        return NAMED_LANGUAGES[name]
    dot = name.rfind(".")
    if dot <= 0:
        return None
    suffix = name[dot:]
    return LANGUAGES.get(suffix) or LANGUAGES.get(suffix.lower())


# Folders that hold fetched dependencies only beside their build tool's manifest (Elixir's
# mix puts them in a top-level deps/; elsewhere "deps" is an ordinary package name).
TOOL_DEPENDENCY_DIRS: dict[str, str] = {"mix.exs": "deps", "rebar.config": "deps"}


def is_vendored(path: str, tool_dirs: frozenset[str] = frozenset()) -> bool:
    return _vendored_folders(_split(path)[0], tool_dirs)


def is_generated(path: str) -> bool:
    folders, name = _split(path)
    return _generated_name(name) or _generated_folders(folders)


# The folder part and the name part of each kind, shared by the per-path functions and
# PathClassifier (which decides a folder's part once for all of its files).
def _vendored_folders(folders: list[str], tool_dirs: frozenset[str]) -> bool:
    return bool(folders) and (
        folders[0] in tool_dirs or any(part in VENDORED_DIRS for part in folders)
    )


def _generated_folders(folders: list[str]) -> bool:
    return any(part in GENERATED_DIRS for part in folders)


def _generated_name(name: str) -> bool:
    return name in LOCK_FILES or name.endswith(GENERATED_SUFFIXES)


# Library folders just under a web root (static/lib/, assets/js/vendor/, public/plugins/):
# copies of other projects served as they are. Only there: elsewhere "lib" or "plugins" is
# the project's own code (web/src/plugins/ in a Vue app).
_WEB_ROOTS = frozenset(
    {"static", "assets", "public", "www", "wwwroot", "webroot", "web", "webapp", "resources"}
)
_WEB_LIBRARY_DIRS = frozenset(
    {
        *("lib", "libs", "plugins", "plugin", "bower", "jspm", "assets_vendor", "components"),
        *("vendor", "vendors", "thirdparty", "third_party", "third-party", "3rdparty"),
        *("external", "contrib", "extras", "sdk", "font-awesome", "fontawesome", "fonts"),
    }
)
_SOURCE_DIRS = frozenset({"src", "source", "app", "client", "frontend", "ui"})
_FONT_DIRS = frozenset({"fonts", "font", "webfonts"})
_THIRD_PARTY_WORD = re.compile(r"3rd[-_ ]?party|third[-_ ]?party")
# A library's release copied in under its own name: jquery-3.6.0.min.js, app.3f9c2a1b.js.
_RELEASE_NAME = re.compile(
    r"(?:[-.@]v?\d+\.\d+(?:\.\d+)?(?:[-.]\w+)?\.(?:min\.)?|[.-][0-9a-f]{8,}(?:\.chunk)?\.)"
    r"(?:c|m)?(?:js|css)$"
)


def is_third_party_path(path: str, tool_dirs: frozenset[str] = frozenset()) -> bool:
    """Someone else's file by its path alone: vendored, a build product, a library under a
    web root, or a library release copied in by name.

    For evidence a nomination cites as the project's own (its owner, documents, policies,
    standards). Lock files are the project's own record of its dependencies, so they are
    not counted here although the inventory calls them generated.
    """
    folders, name = _split(path)
    if is_vendored(path, tool_dirs) or (folders and folders[0] == ".yarn"):
        return True
    lowered = [part.lower() for part in folders]
    # Any letter case, and names that say so: Vendor/, LICENSES-3RD-PARTY/, third_party_libs/.
    if any(part in VENDORED_DIRS or _THIRD_PARTY_WORD.search(part) for part in lowered):
        return True
    if _FONT_DIRS.intersection(lowered):
        return True  # fonts and their licenses (src/fonts/DMSans/OFL.txt) are a foundry's
    if name not in LOCK_FILES and is_generated(path):
        return True
    root = next((i for i, part in enumerate(lowered) if part in _WEB_ROOTS), None)
    if root is not None:
        # A library folder just under the web root (static/lib/, assets/components/pdfjs/),
        # or one level down (wwwroot/js/lib/) but not in an app's own source (web/src/plugins/,
        # web/client/components/) and not "components", a word apps use for their own.
        below = lowered[root + 1 : root + 3]
        if below and below[0] in _WEB_LIBRARY_DIRS:
            return True
        nested = below[1:] and below[0] not in _SOURCE_DIRS and below[1] != "components"
        if nested and below[1] in _WEB_LIBRARY_DIRS:
            return True
    return bool(_RELEASE_NAME.search(name.lower()))


# Folders a web server serves as they are.
_SERVED_ROOTS = frozenset({"static", "public", "assets", "www", "wwwroot", "webroot"})
_SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs")


def is_served_script(path: str) -> bool:
    """A script in a folder served as it is (static/js/bootstrap.js, public/jquery.js): as
    often a library's copy as the project's, so it is never its owner's or its standards'
    evidence, though the path alone cannot say whose it is."""
    lowered = path.lower()
    return lowered.endswith(_SCRIPT_SUFFIXES) and bool(
        _SERVED_ROOTS.intersection(lowered.split("/")[:-1])
    )


def looks_binary(sample: bytes) -> bool:
    """NUL bytes in the first block, as git and grep decide; UTF-16 with a BOM is text."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in sample


# Folders and names of tests: what they describe is a test, not the product.
_TEST_DIRS = frozenset(
    {
        *("test", "tests", "testing", "spec", "specs", "__tests__", "__mocks__", "e2e"),
        *("cypress", "fixtures", "fixture", "testdata", "test-data", "test_data"),
    }
)
_TEST_NAME = re.compile(
    r"(^test_|_test\.|\.test\.|\.spec\.|_spec\.|[-.]test\.[a-z]+$|[-.]spec\.[a-z]+$|(?-i:Tests?\.)"
    # Test settings and test modules named for the environment: settings/test.py,
    # config/environments/test.rb, config/test.exs, a Django app's tests.py.
    r"|^(?:test|tests|testing|conftest)\.(?:py|rb|exs?|js|ts|php|ya?ml|json|toml|ini|cfg|conf|properties|env)$)",
    re.IGNORECASE,
)
# Examples, samples, demos and templates: shown to readers, not run as the product.
_EXAMPLE_DIRS = frozenset(
    {"example", "examples", "sample", "samples", "demo", "demos", "mocks", "stubs", "templates"}
)
_EXAMPLE_NAME = re.compile(
    r"(^|[._-])(example|examples|sample|template|dist|tpl|tmpl|mock|fake|dummy|demo)([._-]|$)",
    re.IGNORECASE,
)
# Top-level folders that hold the project's documentation.
DOC_FOLDERS = frozenset({"docs", "doc", "documentation", "wiki"})
DOC_SUFFIXES = frozenset({".md", ".rst", ".adoc", ".txt", ".html"})
# Prose anywhere in the tree (policies, guides, notes), for analyses that read words.
PROSE_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".txt", ".adoc", ".org", ".html", ".htm"})


def is_test_path(path: str) -> bool:
    """A test, a test fixture or a test's data, by folder or by file name."""
    folders, name = _split(path)
    return _test_folders(_lower(folders)) or _test_name(name)


def is_example_path(path: str) -> bool:
    """An example, sample, demo or template (folder or name)."""
    folders, name = _split(path)
    return _example_folders(_lower(folders)) or _example_name(name)


def is_docs_path(path: str) -> bool:
    """Inside the project's documentation folder (docs/, doc/, documentation/, wiki/)."""
    return _docs_folders(_lower(_split(path)[0][:1]))


def _lower(folders: list[str]) -> list[str]:
    return [part.lower() for part in folders]


def _test_folders(lowered: list[str]) -> bool:
    return any(part in _TEST_DIRS for part in lowered)


def _test_name(name: str) -> bool:
    return bool(_TEST_NAME.search(name))


def _example_folders(lowered: list[str]) -> bool:
    return any(part in _EXAMPLE_DIRS for part in lowered)


def _example_name(name: str) -> bool:
    return bool(_EXAMPLE_NAME.search(name))


def _docs_folders(lowered: list[str]) -> bool:
    return bool(lowered) and lowered[0] in DOC_FOLDERS


@dataclass(frozen=True, slots=True)
class PathKinds:
    """What a path is by its folders and name (the inventory's FileEntry flags)."""

    vendored: bool
    generated: bool
    test: bool
    example: bool
    docs: bool


class PathClassifier:
    """is_vendored, is_generated, is_test_path, is_example_path and is_docs_path of every
    listed path, each folder's part decided once for all of its files.

    The walk asks this for every file: in a checkout of tens of thousands of files in a
    few hundred folders, splitting and looking up every folder of every path again was
    most of classifying. Built from the same folder and name parts as the five functions
    (a test compares them).
    """

    def __init__(self, tool_dirs: frozenset[str] = frozenset()) -> None:
        self.tool_dirs = tool_dirs
        # folder -> (vendored, generated folder, test folder, example folder, docs)
        self._folders: dict[str, tuple[bool, bool, bool, bool, bool]] = {}

    def _folder(self, folder: str) -> tuple[bool, bool, bool, bool, bool]:
        found = self._folders.get(folder)
        if found is None:
            parts = folder.split("/") if folder else []
            lowered = _lower(parts)
            found = (
                _vendored_folders(parts, self.tool_dirs),
                _generated_folders(parts),
                _test_folders(lowered),
                _example_folders(lowered),
                _docs_folders(lowered),
            )
            self._folders[folder] = found
        return found

    def __call__(self, path: str) -> PathKinds:
        folder, _, name = path.rpartition("/")
        vendored, generated_dir, test_dir, example_dir, docs = self._folder(folder)
        return PathKinds(
            vendored=vendored,
            generated=generated_dir or _generated_name(name),
            test=test_dir or _test_name(name),
            example=example_dir or _example_name(name),
            docs=docs,
        )


# Configurations of documentation and static-site generators: MkDocs, Read the Docs,
# Docusaurus, mdBook, Antora, GitBook, Mintlify, Hugo, Jekyll, VitePress, VuePress, DocFX,
# Eleventy, and Sphinx's conf.py in a docs folder.
SITE_CONFIG = re.compile(
    r"(?:^|/)(?:mkdocs\.ya?ml|\.readthedocs\.ya?ml|docusaurus\.config\.[jt]s|book\.toml|"
    r"antora(?:-playbook)?\.ya?ml|\.gitbook\.yaml|SUMMARY\.md|mint\.json|"
    r"hugo\.(?:toml|ya?ml)|_config\.yml|\.vitepress/config\.[mc]?[jt]s|"
    r"\.vuepress/config\.[jt]s|docfx\.json|\.eleventy\.js|eleventy\.config\.[mc]?js|"
    r"(?:docs?|documentation)(?:/source)?/conf\.py)$"
)


def is_site_config(path: str) -> bool:
    """A documentation or static-site generator's configuration (at most two folders deep)."""
    return path.count("/") <= 2 and bool(SITE_CONFIG.search(path))
