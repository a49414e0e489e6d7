"""What is not a secret, what blocks 9A and what is only for review (dpgkit.secrets.classify).

Each test builds a small checkout with real git and scans it, one class of match at a time.
Fixture values are assembled from pieces so that this file holds no credential-shaped text.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

from dpgkit.inventory import build_inventory
from dpgkit.secrets import SecretScan, scan_secrets
from dpgkit.secrets.classify import NotSecret, names_credential, names_local_host

RepoFactory = Callable[..., Path]

AWS_ID = "AKIA" + "Q3EGRVNY7XHZP2KD"
AWS_SECRET = "wJa9rXUtnFEMI" + "K7MDENGbPxRfiCYz" + "Q3EGRVNY7XH"  # 40 characters
GITHUB = "ghp_" + "x1Y2z3A4b5C6d7E8f9G0h1I2j3K4l5M6n7O8"
RANDOM = "mQ9vL2xT7pR4" + "kZ8wN3bY6cF1hJ5sD0gA"
KEY_BODY = "\n".join(
    ("MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun" + str(n))[:64]
    for n in range(6)
)
PRIVATE_KEY = (
    "-----BEGIN RSA " + "PRIVATE KEY-----\n" + KEY_BODY + "\n-----END RSA PRIVATE KEY-----\n"
)


def _scan(repo_factory: RepoFactory, files: dict[str, str | bytes]) -> SecretScan:
    return scan_secrets(build_inventory(repo_factory(files)))


def _places(scan: SecretScan) -> set[tuple[str, int]]:
    return {(hit.path, hit.line) for hit in scan.hits}


def test_placeholders_are_not_secrets(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "app/settings.py": (
                'DATABASE_URL = "postgres://app:${DB_PASSWORD}@db.prod.example-host.net:5432/app"\n'
                'SECRET_KEY = "$DJANGO_SECRET_KEY"\n'
                'API_TOKEN = "%(api_token)s"\n'
                'MAIL_PASSWORD = "{{ mail_password }}"\n'
                'ADMIN_PASSWORD = "<password>"\n'
                'REDIS_PASSWORD = "changeme"\n'
                'SMTP_PASSWORD = "xxxxxxxx"\n'
                'JWT_SECRET = "#{jwt_secret}"\n'
            ),
            "deploy/app.ini": "db_password = REPLACE_WITH_DB_PASSWORD\n",
        },
    )
    assert scan.hits == []
    assert scan.dismissed[NotSecret.PLACEHOLDER.value] >= 8


def test_local_and_ci_credentials_are_not_secrets(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            ".github/workflows/build.yml": (
                "services:\n  postgres:\n    image: postgres\n    env:\n"
                "      POSTGRES_PASSWORD: Zq8Lm2Xn7Vb4Kc9J\n"
            ),
            "docker-compose.yml": (
                "services:\n  web:\n    environment:\n"
                "      DATABASE_URL: postgres://app:s3cretPass@db:5432/app\n"
                "      SECRET_KEY: devsecretkey12345\n"
            ),
            ".env.example": "DB_PASSWORD=hunter2hunter2\n",
            "app/settings/test.py": 'PASSWORD = "Tr0ub4dor-and-3"\n',
            "src/main/resources/application.properties": (
                "spring.datasource.url=jdbc:postgresql://localhost:5432/app\n"
                "spring.datasource.password=apppass2024\n"
            ),
            "scripts/init.sh": 'psql "postgresql://admin:adminpass@127.0.0.1:5432/app"\n',
        },
    )
    assert scan.hits == []
    assert scan.dismissed[NotSecret.LOCAL.value] >= 4
    assert scan.dismissed[NotSecret.TEST.value] >= 1  # app/settings/test.py


def test_a_deployed_database_password_is_for_review(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "config/production.env": "DATABASE_URL=postgres://app:Vq8rT2mZ4kLp@db.example-host.net/app\n",
            "docker-compose.prod.yml": "environment:\n  DB_PASSWORD: Nx7Qp2Lm9Zr4\n",
        },
    )
    assert _places(scan) == {("config/production.env", 1), ("docker-compose.prod.yml", 2)}
    assert scan.live == []  # generic: listed for review, never blocking
    assert len(scan.review) == 2


def test_ids_in_urls_are_not_secrets(repo_factory: RepoFactory) -> None:
    signed = (
        "https://bucket.s3.amazonaws.com/media/photo.jpg?X-Amz-Algorithm=AWS4-HMAC-SHA256"
        f"&X-Amz-Credential={AWS_ID}%2F20240101%2Feu-west-1%2Fs3%2Faws4_request"
        "&X-Amz-Signature=" + "3f2a1b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a"
    )
    media = (
        "https://firebasestorage.googleapis.com/v0/b/app.appspot.com/o/a.png?alt=media"
        "&token=Qm9vYmFyYmF6cXV4OTg3NjU0MzIxYWJj"
    )
    scan = _scan(
        repo_factory,
        {"web/src/gallery.js": f'const photo = "{signed}";\nconst logo = "{media}";\n'},
    )
    assert scan.hits == []
    assert scan.dismissed[NotSecret.URL_PART.value] >= 2


def test_vendored_and_third_party_files_are_not_secrets(repo_factory: RepoFactory) -> None:
    line = f'var token = "{RANDOM}";\nvar password = "Lm2Xn7Vb4Kc9";\n'
    scan = _scan(
        repo_factory,
        {
            "static/lib/chartkit/chartkit.js": line,
            "web/js/jquery-3.1.1.min.js": line,
            "web/js/app.3f2a1b9c.chunk.js": line,
            "assets/editor.js": "/*! Editor v2 | (c) 2020 Someone Else | MIT */\n" + line,
            ".yarn/releases/yarn-3.3.0.cjs": line,
            "app/Vendor/composer/installed.json": f'{{"password": "{RANDOM}"}}\n',
            "static/lib/chartkit/README.md": f"Set `token: {GITHUB}`\n",
        },
    )
    assert scan.hits == []
    assert scan.dismissed[NotSecret.THIRD_PARTY.value] >= 6


def test_numbers_names_and_code_are_not_secrets(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "src/llm/limits.py": (
                "MAX_TOKENS = 20_000\n"
                "SECRET_KEY_LENGTH = 50\n"
                "PASSWORD_RESET_TIMEOUT = 3600\n"
                'TOKEN_URL = "https://auth.example.org/oauth/token"\n'
                'TOKEN_TYPE = "Bearer"\n'
                'PASSWORD_FIELD = "password_confirmation"\n'
                'ACCESS_TOKEN_KEY = "access_token"\n'
            ),
            "src/api/Client.java": "this.token = token;\nthis.password = credentials.password;\n",
            "config/app.yml": "auth:\n  token_ttl: 86400\n  password_min_length: 12\n",
        },
    )
    assert scan.hits == []


def test_user_interface_text_is_not_secret(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "client/locales/de.json": '{"password": "Passwort", "token_expired": "Abgelaufen"}\n',
            "src/main/resources/messages_ja.properties": "invalidPasswordMessage=パスワードが無効です\n",
            "web/src/strings.ts": 'export const password = "Enter your password here";\n',
        },
    )
    assert scan.hits == []


def test_public_and_client_side_keys_are_not_secrets(repo_factory: RepoFactory) -> None:
    google = "AIza" + "SyD3xYz0q8Lm2Xn7Vb4Kc9JdHf6Gs3Pw0Tr"
    scan = _scan(
        repo_factory,
        {
            "android/app/google-services.json": json.dumps({"api_key": [{"current_key": google}]}),
            "web/firebase-config.js": f'export default {{ apiKey: "{google}" }};\n',
            "app.config": '<assemblyIdentity name="X" publicKeyToken="b77a5c561934e089" />\n',
            "config/keys.yml": f"vapid_public_key: {RANDOM}\npublishable_key: {RANDOM}\n",
        },
    )
    assert scan.hits == []
    assert scan.dismissed[NotSecret.PUBLIC.value] >= 2


def test_hashes_salts_and_encrypted_values_are_not_secrets(repo_factory: RepoFactory) -> None:
    digest = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    scan = _scan(
        repo_factory,
        {
            "requirements.txt": f"django==5.0 --hash=sha256:{digest}\n",
            "ios/Podfile.lock": f"SPEC CHECKSUMS:\n  Alamofire: {digest[:40]}\n",
            "db/seed.xml": (
                f'<column name="password" value="{digest}{digest}"/>\n'
                f'<column name="salt" value="{digest}"/>\n'
            ),
            "secrets/prod.enc.yaml": (
                "db_password: ENC[AES256_GCM,data:Qm9vYmFyYmF6,iv:" + RANDOM + ",type:str]\n"
                "sops:\n  version: 3.7.3\n"
            ),
            ".travis.yml": f"env:\n  global:\n    - secure: {RANDOM}{RANDOM}\n",
            "web/index.html": f'<script integrity="sha384-{RANDOM}{RANDOM}"></script>\n',
        },
    )
    assert scan.hits == []


def test_expired_web_tokens_are_not_secrets(repo_factory: RepoFactory) -> None:
    def token(claims: dict[str, object]) -> str:
        def part(data: dict[str, object]) -> str:
            return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

        return f"{part({'alg': 'HS256'})}.{part(claims)}.{RANDOM}"

    expired = token({"sub": "42", "exp": 1_600_000_000})
    unexpired = token({"sub": "42", "exp": 4_000_000_000})
    scan = _scan(
        repo_factory,
        {"scripts/call.sh": f'AUTH="{expired}"\nAUTH2="{unexpired}"\n'},
    )
    assert _places(scan) == {("scripts/call.sh", 2)}
    assert scan.dismissed[NotSecret.EXPIRED.value] == 1


def test_only_provider_credentials_outside_tests_block(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "app/aws.py": f'AWS_ACCESS_KEY_ID = "{AWS_ID}"\nAWS_SECRET_ACCESS_KEY = "{AWS_SECRET}"\n',
            "mail/ses.properties": f"mail.username={AWS_ID}\nmail.password=changeme\n",
            "app/github.py": f'# token = "{GITHUB}"\n',
            "billing/stripe.py": 'STRIPE = "sk_test_' + "4eC39HqLyjWDarjtT1zdp7dc" + '"\n',
            "deploy/id_rsa": PRIVATE_KEY,
            "app/signing.py": f'SIGNING_SECRET = "{RANDOM}"\n',
            "tests/test_api.py": f'TOKEN = "{GITHUB}"\n',
        },
    )
    blocking = {(hit.path, hit.kind) for hit in scan.live}
    assert blocking == {
        ("app/aws.py", "AWS access key"),
        ("app/aws.py", "AWS secret key"),
        ("app/github.py", "GitHub token"),  # commented out, still committed
        ("deploy/id_rsa", "private key"),
    }
    review = {(hit.path, hit.kind) for hit in scan.review}
    assert ("mail/ses.properties", "AWS access key") in review  # an id without its secret
    assert ("billing/stripe.py", "Stripe key") in review  # a test-mode key
    assert "app/signing.py" in {path for path, _kind in review}
    assert ("tests/test_api.py", "GitHub token") in review


def test_private_keys_that_are_not_key_material(repo_factory: RepoFactory) -> None:
    scan = _scan(
        repo_factory,
        {
            "src/Pem.java": 'if ("-----BEGIN PRIVATE KEY-----".equals(line)) { break; }\n',
            "config/service-account.json": json.dumps(
                {
                    "type": "service_account",
                    "private_key": "-----BEGIN PRIVATE KEY-----\\n"
                    + "*" * 40
                    + "\\n-----END PRIVATE KEY-----\\n",
                }
            ),
            "dev/https/selfsigned.key": PRIVATE_KEY,
            "docker-compose.yml": "services:\n  issuer:\n    environment:\n      KEY: |\n        "
            + PRIVATE_KEY.replace("\n", "\n        "),
        },
    )
    assert scan.live == []
    assert scan.hits == []


def test_keys_beside_a_localhost_certificate_are_local(repo_factory: RepoFactory) -> None:
    def certificate(common_name: bytes) -> str:
        der = b"\x30\x82\x01\x0a" + b"\x06\x03\x55\x04\x03\x0c\x09" + common_name + b"\x00" * 40
        body = base64.b64encode(der).decode()
        return f"-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----\n"

    assert names_local_host(certificate(b"localhost"))
    assert not names_local_host(certificate(b"clinic.org"))
    scan = _scan(
        repo_factory,
        {
            "site/ssl/key.pem": PRIVATE_KEY,
            "site/ssl/cert.pem": certificate(b"localhost"),
            "edge/ssl/private.key": PRIVATE_KEY,
            "edge/ssl/certificate.crt": certificate(b"clinic.org"),
        },
    )
    assert {hit.path for hit in scan.live} == {"edge/ssl/private.key"}


def test_key_stores(repo_factory: RepoFactory) -> None:
    store = b"\xfe\xed\xfe\xed\x00\x00\x00\x02" + bytes(range(256))
    scan = _scan(
        repo_factory,
        {
            "android/app/debug.keystore": store,
            "server/src/main/resources/keystore.jks": store + b"CN=localhost\x00",
            "android/release.jks": store,
        },
    )
    # A key store is encrypted with a password the scan cannot see: review, never blocking.
    assert {(hit.path, hit.blocking) for hit in scan.hits} == {("android/release.jks", False)}


def test_published_development_keys(repo_factory: RepoFactory) -> None:
    azurite = (
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
    )
    scan = _scan(
        repo_factory,
        {
            "src/storage.ts": (
                "const dev = 'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                f"AccountKey={azurite};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1';\n"
            ),
            "src/aws.ts": "const id = 'AKIA" + "IOSFODNN7EXAMPLE';\n",
            # Built from the alphabet: a fixture's or a document's fake, not a generator's.
            "src/gh.ts": "const token = 'ghp_" + "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';\n",
        },
    )
    assert scan.hits == []


def test_credential_names() -> None:
    assert names_credential("DB_PASSWORD")
    assert names_credential("apiKey")
    assert names_credential("client_secret")
    assert not names_credential("MAX_TOKENS")
    assert not names_credential("sortKey")
    assert not names_credential("authDomain")


def test_credentials_their_author_calls_test_keys_are_for_review(repo_factory: RepoFactory) -> None:
    """A key the lines around it call a test key (to replace before production) is kept for
    review, not called a live leak; the same key without those words still blocks."""
    issuer = {
        "issuers": {
            "default": {
                "privateKey": PRIVATE_KEY,
                "signatureType": "RSA",
                "$comment": "The above are test keys and need to be replaced before going to "
                "production",
            }
        }
    }
    scan = _scan(
        repo_factory,
        {
            "imports/config.json": json.dumps(issuer, indent=1),
            "config/tokens.py": f'# sample token, not for production\nTOKEN = "{GITHUB}"\n',
            "deploy/issuer.json": json.dumps({"privateKey": PRIVATE_KEY}, indent=1),
            "deploy/settings.py": "# production settings\n\n\n\n\n" + f'TOKEN = "{GITHUB}"\n',
        },
    )
    live = {hit.path for hit in scan.live}
    review = {hit.path for hit in scan.review}
    assert {"imports/config.json", "config/tokens.py"} <= review
    assert live == {"deploy/issuer.json", "deploy/settings.py"}
