"""What a path is, from its name alone: language, vendored or generated, data, model."""

from __future__ import annotations

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
    folders, _ = _split(path)
    if folders and folders[0] in tool_dirs:
        return True
    return any(part in VENDORED_DIRS for part in folders)


def is_generated(path: str) -> bool:
    folders, name = _split(path)
    if name in LOCK_FILES:
        return True
    if any(part in GENERATED_DIRS for part in folders):
        return True
    return name.endswith(GENERATED_SUFFIXES)


def looks_binary(sample: bytes) -> bool:
    """NUL bytes in the first block, as git and grep decide; UTF-16 with a BOM is text."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return b"\x00" in sample
