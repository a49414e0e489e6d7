"""The committed-secret scanner: formats, entropy, placeholders, contexts, odd files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dpgkit.inventory import build_inventory
from dpgkit.model import Location
from dpgkit.redact import MASK, SECRET_PATTERNS, redact_model, redact_text
from dpgkit.secrets import Confidence, SecretContext, scan_secrets
from dpgkit.secrets.entropy import looks_random, shannon_entropy

RepoFactory = Callable[..., Path]
GITHUB = "ghp_" + "x1Y2z3A4b5C6d7E8f9G0h1I2j3K4l5M6n7O8"


def _scan(repo_factory: RepoFactory, files: dict[str, str | bytes]):  # type: ignore[no-untyped-def]
    return scan_secrets(build_inventory(repo_factory(files)))


def test_formats_and_lines(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "app/config.py": "DEBUG = True\n" + f'GITHUB_TOKEN = "{GITHUB}"\n',
            "app/.env": "SENDGRID=SG."
            + "Qh7dK2mW9xR4pL8vN3bZ6c.Fj1sT5gY0aE7uI2oP9wM4nB8vC3xZ6lK1hG5dS0q\n",
        },
    )
    hits = {(hit.path, hit.line, hit.kind) for hit in scan.hits}
    assert ("app/config.py", 2, "GitHub token") in hits
    assert ("app/.env", 1, "SendGrid key") in hits
    assert all(MASK in hit.excerpt for hit in scan.hits)
    assert all(GITHUB not in hit.excerpt for hit in scan.hits)
    assert len(scan.live) == 2


def test_placeholders_and_references_are_not_secrets(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "settings.py": (
                "PASSWORD = os.environ['DB_PASSWORD']\n"
                'API_KEY = "${API_KEY}"\n'
                'SECRET = "changeme"\n'
                'TOKEN = "your_token_here"\n'
                "password: <your password>\n"
                "token = get_token(request)\n"
            ),
            "config.yml": "db:\n  password: ${DB_PASSWORD}\n  token: xxxxxxxx\n",
        },
    )
    assert scan.hits == []


def test_plain_config_password_is_low_confidence(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "deploy/app.yml": "env:\n  POSTGRES_PASSWORD: postgres\n",
            # The same line in a compose file is a local database's default: not a secret.
            "docker-compose.yml": "env:\n  POSTGRES_PASSWORD: postgres\n",
        },
    )
    (hit,) = scan.hits
    assert hit.confidence is Confidence.LOW and not hit.blocking
    assert (hit.path, hit.line) == ("deploy/app.yml", 2)


def test_test_and_example_files_do_not_block(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "tests/fixtures/keys.py": f'KEY = "{GITHUB}"\n',
            ".env.example": f"GITHUB_TOKEN={GITHUB}\n",
            "docs/setup.md": f"export GITHUB_TOKEN={GITHUB}\n",
        },
    )
    assert len(scan.hits) == 3
    assert {hit.context for hit in scan.hits} == {SecretContext.EXAMPLE}
    assert scan.live == []


def test_entropy_finds_unformatted_keys(repo_factory: RepoFactory) -> None:
    value = "mQ9vL2xT7pR4kZ8wN3bY6cF1hJ5sD0gA"
    scan = _scan(
        repo_factory,
        {
            "src/crypto.js": f'const signingKey = "{value}";\nconst colour = "0123456789abcdefabcdef";\n',
            "package-lock.json": '{"integrity": "sha512-' + value * 3 + '"}\n',
        },
    )
    (hit,) = scan.hits
    # Found, masked everywhere (it could not be a word), but only for review: a random
    # value is not a provider's credential format.
    assert hit.kind == "random-looking secret value" and not hit.blocking
    assert value in scan.sensitive.anywhere


def test_entropy_measure() -> None:
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == 2.0
    assert looks_random("mQ9vL2xT7pR4kZ8wN3bY6cF1hJ5sD0gA")
    assert not looks_random("getUserProfileSettingsForAccount")
    assert not looks_random("path/to/some/file.txt")


def test_key_stores_and_binary_files(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "android/release.jks": b"\xfe\xed\xfe\xed\x00\x00\x00\x02" + bytes(range(256)),
            "android/app/debug.keystore": b"\x00\x01\x02\x03" * 50,
            "assets/logo.png": b"\x89PNG\r\n\x1a\n" + b"AKIA" + b"Q3EGRVNY7XHZP2KD",
        },
    )
    kinds = {(hit.path, hit.kind) for hit in scan.hits}
    assert ("android/release.jks", "Java key store") in kinds
    # Android's debug keystore signs debug builds only: every SDK creates one.
    assert not any(hit.path == "android/app/debug.keystore" for hit in scan.hits)
    assert not any(hit.path == "assets/logo.png" for hit in scan.hits)


def test_huge_and_minified_files_do_not_hang(repo_factory: RepoFactory) -> None:
    line = "var a=" + "x" * 5000 + ";"
    scan = _scan(
        repo_factory,
        {
            "static/app.min.js": (line * 200),
            "big.txt": "password = " + "a" * 3_000_000 + "\n",
        },
    )
    assert all(hit.path != "static/app.min.js" for hit in scan.hits)


def test_redaction_masks_known_values_and_truncated_excerpts() -> None:
    secret = "Zq8Lm2Xn7Vb4Kc9Jd1Hf6Gs3Pw0Ty5Re"
    truncated = f"signer = {secret[:20]}…"
    assert redact_text(truncated, [secret]) == f"signer = {MASK}"
    location = Location(path="a.py", line=1, excerpt=f"x {secret} y")
    assert redact_model(location, known=[secret]).excerpt == f"x {MASK} y"


def test_one_pattern_list() -> None:
    names = [name for name, _pattern in SECRET_PATTERNS]
    assert len(names) == len(set(names))
    for name in ("private key", "AWS access key", "GitHub token", "password in configuration"):
        assert name in names


def test_quoted_secret_cut_short_is_still_masked() -> None:
    assert redact_text('api_key = "abcd1234efgh') == f'api_key = "{MASK}'
