"""What a secret-looking match really is: not a secret, a value to review, or a credential.

The scanner (dpgkit.secrets.scan) finds every value that *looks* like a secret: a known
credential format, a value assigned to a secret-sounding name, a random-looking string.
On accepted digital public goods most of those are not secrets at all, and a report that
calls ``DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app`` a live secret loses the
owner's trust. This module decides, for one match, in three steps:

1. **Not a secret** (:class:`NotSecret`, with the reason): placeholders and references,
   credentials of local development and CI service containers, ids in URLs, third-party
   copies, numbers and names, user-interface text, public and client-side keys, hashes,
   values encrypted by design, expired tokens. These are dropped: never reported, never
   fed to redaction (a placeholder or a local test password is not worth hiding, and
   hiding it everywhere masked ordinary words in reports; issue 21).
2. **Provider-shaped** (:func:`provider_shaped`): a credential format that a cloud or
   service provider issues (AWS key pairs, private key blocks, GitHub/GitLab/Slack/Stripe
   live tokens...). Outside tests and examples only these block 9A: a reviewer calls a
   committed one a failure.
3. Everything else is **generic** (an assigned password, a random value, credentials in a
   URL, a Google API key, a JSON web token): listed for review, never blocking on its own.

Thresholds and classes come from the calibration corpus of accepted DPGs (docs/fidelity.md,
section "Secrets"); each rule below says why it holds as a class, not for one repository.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
from enum import StrEnum
from functools import cached_property, lru_cache
from itertools import pairwise

from dpgkit.inventory import FileEntry, Inventory
from dpgkit.redact import PUBLISHED_KEYS
from dpgkit.secrets.context import SecretContext, path_words, secret_context, words
from dpgkit.secrets.entropy import looks_random


class NotSecret(StrEnum):
    """Why a secret-looking match is not a secret."""

    PLACEHOLDER = "placeholder or reference"
    LOCAL = "local development or CI credential"
    TEST = "test or example value"
    URL_PART = "part of a URL"
    THIRD_PARTY = "third-party or generated file"
    NOT_A_CREDENTIAL = "number, name or code"
    TEXT = "user-interface text"
    PUBLIC = "public or client-side key"
    HASH = "hash, salt or identifier"
    ENCRYPTED = "encrypted by design"
    EXPIRED = "expired token"
    DATA = "embedded data"


# --- provider-shaped credentials -----------------------------------------------------------

# Formats a provider issues and that grant access by themselves (dpgkit.redact names them).
# Not here, because committed ones are routinely harmless: Google API keys (browser and
# mobile keys ship inside every app and are restricted by referrer), JSON web tokens (they
# expire; most committed ones are captured sessions), Stripe *test* keys, credentials in a
# URL (mostly local databases), binary key stores (encrypted with a password the scan
# cannot see), random values and assigned passwords.
_PROVIDER_KINDS = frozenset(
    {
        "private key",
        "AWS access key",
        "AWS secret key",
        "GitHub token",
        "GitLab token",
        "Slack token",
        "Slack webhook",
        "Google OAuth client secret",
        "Stripe key",
        "OpenAI or Anthropic key",
        "Hugging Face token",
        "SendGrid key",
        "Mailgun key",
        "Twilio key",
        "npm token",
        "PyPI token",
        "Telegram bot token",
        "DigitalOcean token",
        "Shopify token",
        "Databricks token",
        "Azure storage key",
    }
)
# An AWS access key id alone is an identifier (AWS documents it as not secret: it appears
# in every signed URL and in logs); what grants access is the 40-character secret key
# beside it. Committed alone (an SES SMTP user name, a signed URL's credential scope), it
# is for review; with its secret in the same file, it is a committed key pair.
_AWS_SECRET_NEARBY = re.compile(r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])")
# A private key block is key material only with a body: PEM headers alone are string
# constants in parsing code, and bodies of asterisks or "..." are templates.
_KEY_BODY_CHARS = re.compile(r"[A-Za-z0-9+/=]")
_MIN_KEY_BODY = 120  # the smallest real key (EC P-256, PKCS#8) has ~180 base64 characters


def provider_shaped(kind: str, value: str, text: str) -> bool:
    """A provider-issued credential that grants access by itself (see _PROVIDER_KINDS)."""
    if kind not in _PROVIDER_KINDS:
        return False
    if kind == "Stripe key":
        return "_live_" in value
    if kind == "AWS access key":
        return any(looks_random(match.group(0)) for match in _AWS_SECRET_NEARBY.finditer(text))
    return True


def _key_body_length(block: str) -> int:
    body = re.sub(r"-----(BEGIN|END)[^-]*-----|\\n|Proc-Type:.*|DEK-Info:.*", "", block)
    return len(_KEY_BODY_CHARS.findall(body))


# --- placeholders and references -----------------------------------------------------------

# Template and environment syntaxes, in the value or around it: ${VAR}, $VAR, $(VAR),
# %(var)s, {{ var }}, {var}, <password>, [password], #{var}, <%= var %>, @VAR@, __VAR__,
# %VAR%, and calls or attribute reads that fetch the real value at run time.
_PLACEHOLDER = re.compile(
    r"^(?:[<{\[(%$*#._@-].*|.*[>}\])@]$|.*\$\{.*|.*\{\{.*|.*%\(.*|"
    r"(?:change[_-]?me.*|changeit|password\d*|passwd|pass|secret|token|key|apikey|"
    r"none|null|nil|undefined|true|false|empty|blank|required|optional|string|str|value|"
    r"your[_-].*|my[_-]?(?:password|secret|token|key).*|.*[_-]here|\.\.\.|todo|tbd|fixme|"
    r"redacted|hidden|masked|example.*|dummy.*|fake.*|sample.*|test|testing|default|"
    r"user(?:name)?|admin[_-]?password|replace[_-]?me.*|insert[_-].*|enter[_-].*|put[_-].*|"
    r"set[_-]?me|fill[_-]?(?:me|in).*|xxx.*|.*xxxx.*|\*+)|"
    r"(?-i:[A-Z]+(?:_[A-Z0-9]+)+|[A-Z]{2,})|"
    r"(?:os\.|process\.|env\.|ENV\[|settings\.|config\.|self\.|this\.|params\.|args\.|"
    r"props\.|options\.|getenv|System\.getenv|secrets\.|vars\.|inputs\.).*|"
    r"(.)\1+)$",
    re.IGNORECASE,
)
# The characters just before a value that make it a template expression in the line.
_TEMPLATE_BEFORE = re.compile(r"(?:\$\{\{?|\{\{-?|%\(|<%=?|#\{|\$\(|@|\$)\s*$")
# Values that say they are fake (AKIAIOSFODNN7EXAMPLE, sk_test_... in docs, "dummy-key").
_FAKE_VALUE = re.compile(
    r"example|sample|dummy|fake|placeholder|changeme|change[_-]?me|your[_-]|xxxx|"
    r"not[_-]?(?:a[_-]?)?(?:real|secret)|do[_-]?not[_-]?use|replace",
    re.IGNORECASE,
)


# Filler inside a provider's format: AKIAXXXXXXXXXXXXXXXX, ghp_000000..., sk_live_****.
_PROVIDER_FILLER = re.compile(r"(?i:x{6,})|\*{3,}|0{8,}|(.)\1{7,}|\.\.\.|<|>|\$\{")


# Runs no random generator produces: "aBcDeFgHiJ...", "0123456789". Fixtures and docs
# build fake tokens from them; for a real token the odds are negligible.
_RUNS = tuple(
    alphabet[i : i + 8]
    for alphabet in ("abcdefghijklmnopqrstuvwxyz", "0123456789")
    for i in range(len(alphabet) - 7)
)


def is_sequence(value: str) -> bool:
    lowered = value.lower()
    return any(run in lowered for run in _RUNS)


def is_placeholder(value: str) -> bool:
    """A template, reference or filler word rather than a value (``${DB_PASSWORD}``, ``xxx``)."""
    return bool(_PLACEHOLDER.match(value)) or len(set(value)) <= 2


# --- local development, CI and test infrastructure -----------------------------------------

# CI definitions: credentials there belong to throw-away service containers; real ones are
# read from the CI's secret store (``${{ secrets.X }}``, a placeholder).
_CI_FILE = re.compile(
    r"(^|/)(\.github/workflows/|\.gitlab-ci|\.travis\.ya?ml$|\.circleci/|azure-pipelines|"
    r"bitbucket-pipelines|Jenkinsfile|\.drone\.ya?ml$|\.woodpecker|cloudbuild\.ya?ml$|"
    r"\.buildkite/|appveyor\.ya?ml$|codecov\.ya?ml$)",
    re.IGNORECASE,
)
# Compose files and dev containers describe a local stack; one named for production or
# staging may carry real credentials and stays for review.
_COMPOSE_FILE = re.compile(r"(^|[/.-])(docker-)?compose[\w.-]*\.ya?ml$|devcontainer", re.I)
_DEPLOYED = re.compile(r"prod|production|staging|stage|live|release|deploy", re.I)
# Words in folder or file names that mark local development, tests or samples. Names are
# split into words (``intTest`` -> int, test; ``testca-dev`` -> testca, dev) so that words
# inside longer words (attestation, contest, device) never count.
_LOCAL_WORDS = frozenset(
    {
        *("dev", "devenv", "development", "develop", "local", "localdev", "localtest"),
        *("localhost", "devcontainer", "vagrant", "sandbox", "playground"),
        *("selfsigned", "snakeoil", "testca", "debug", "ci", "codespaces"),
    }
)
# Hosts that cannot be a deployment on the internet: loopback, the docker host, a single
# label (a compose service or cluster-internal name such as ``db`` or ``postgres``),
# reserved example and local domains.
_LOCAL_HOST = re.compile(
    r"^(localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[?::1\]?|host\.docker\.internal|"
    r"[a-z0-9_-]+|.*\.(local|localhost|test|internal|example|invalid|lan|home|svc|cluster\.local)|"
    r"(.*\.)?example\.(com|org|net)|local\.[a-z]+)$",
    re.IGNORECASE,
)
# A file that points its clients at a local host: its plain passwords are the defaults of a
# local database or broker (``spring.datasource.url=jdbc:postgresql://localhost/...``).
_MENTIONS_LOCAL_HOST = re.compile(
    r"localhost|127\.0\.0\.1|0\.0\.0\.0|host\.docker\.internal|"
    r"(?:host|hostname|server|addr|address)[\"']?\s*[:=]\s*[\"']?[a-z][a-z0-9_-]*[\"']?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
# Development settings by name: settings/dev.py, settings_test.py, application-local.yml,
# appsettings.Development.json, config/environments/test.rb, .env.example, .env.ci ...
_DEV_SETTINGS_WORDS = frozenset(
    {*_LOCAL_WORDS, *("test", "testing", "example", "sample", "dist", "template", "defaults")}
)


def _is_local_file(path: str) -> bool:
    """CI, compose, dev containers, dev/test settings and .env templates: a local stack."""
    if _CI_FILE.search(path):
        return True
    name = path.rpartition("/")[2]
    if _COMPOSE_FILE.search(path) and not _DEPLOYED.search(name):
        return True
    if name.lower().startswith(".env") and name.lower() != ".env":
        # .env.example, .env.sample, .env.dist, .env.development, .env.test, .env.local ...
        return not _DEPLOYED.search(name)
    stem_words = set(words(name.rpartition(".")[0] or name))
    if stem_words & _DEV_SETTINGS_WORDS:
        return True
    return bool(path_words(path.rpartition("/")[0]) & _LOCAL_WORDS)


# --- the value's own shape ------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?[\d_.,]+(e[+-]?\d+)?[a-z]{0,2}$", re.IGNORECASE)
_VERSION = re.compile(r"^[~^=<>v]*\d+(\.[\dx*]+)+([.+-][\w.]+)?$", re.IGNORECASE)
_IDENTIFIER = re.compile(r"^[a-z]+(?:[_.:][a-z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$")
_FILE_NAME = re.compile(
    r"\.(html?|json|ya?ml|xml|txt|md|js|ts|py|rb|php|java|pem|key|crt|cer|p12|pfx|jks|"
    r"keystore|png|jpe?g|svg|css|scss|sql|sh|conf|cfg|ini|properties|env|log|csv|j2|tpl)$",
    re.IGNORECASE,
)
_HEX = re.compile(r"^[0-9a-fA-F]+$")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_PASSWORD_HASH = re.compile(
    r"^(\$(2[abxy]?|argon2(id|i|d)?|pbkdf2[-\w]*|scrypt|[156])\$|pbkdf2_sha\d+\$|"
    r"sha\d+\$|md5\$|bcrypt\$|\{(SSHA|SHA|SSHA512|CRYPT|BCRYPT)\})",
    re.IGNORECASE,
)
_HASH_LENGTHS = frozenset({32, 40, 56, 64, 96, 128})
_HASH_PREFIX = re.compile(r"(sha\d+|md5|sha1)[-:=]\s*$|--hash=\S*$|integrity\W*$", re.I)
# Values encrypted for the repository by design: SOPS, Ansible Vault, Travis "secure:",
# Bitnami sealed secrets. Only the holder of a key kept elsewhere can read them.
_ENCRYPTED_LINE = re.compile(
    r"ENC\[AES256_GCM|\$ANSIBLE_VAULT|!vault|encryptedData|^\s*-?\s*secure\s*:", re.I
)
_ENCRYPTED_FILE = re.compile(
    r"^\$ANSIBLE_VAULT|^kind:\s*SealedSecret|^sops:\s*$", re.IGNORECASE | re.MULTILINE
)


def _value_shape(value: str, before: str) -> NotSecret | None:
    """A value that cannot be a credential from its shape alone (number, name, path, hash)."""
    if _NUMBER.match(value) or _VERSION.match(value):
        return NotSecret.NOT_A_CREDENTIAL
    if _PASSWORD_HASH.match(value):
        return NotSecret.HASH
    if _HASH_PREFIX.search(before):
        return NotSecret.HASH
    if "://" in value or value.startswith(("/", "./", "../", "~/")) or _FILE_NAME.search(value):
        return NotSecret.NOT_A_CREDENTIAL
    if _IDENTIFIER.match(value):
        # access_token, password_reset, auth.token, passwordConfirmation: names, not values.
        return NotSecret.NOT_A_CREDENTIAL
    if _UUID.match(value):
        return NotSecret.HASH
    return None


# --- the name the value is assigned to -----------------------------------------------------

# Words that make a name hold a credential. "key" alone does not (React keys, i18n keys,
# cache keys), nor "tokens" (MAX_TOKENS counts tokens) nor "auth" (authDomain is public).
_CREDENTIAL_WORDS = frozenset(
    {
        *("password", "passwd", "pwd", "pass", "passphrase", "passcode", "secret", "token"),
        *("apikey", "credential", "credentials", "hmac", "bearer", "jwt", "pin", "psk"),
        "signing",
        *("privatekey", "secretkey", "accesskey", "authkey", "masterkey", "signingkey"),
    }
)
_CREDENTIAL_PAIRS = frozenset(
    {
        *(("api", "key"), ("access", "key"), ("private", "key"), ("secret", "key")),
        *(("signing", "key"), ("encryption", "key"), ("master", "key"), ("auth", "key")),
        *(("client", "secret"), ("app", "secret"), ("mac", "key"), ("license", "key")),
        *(("session", "key"), ("cookie", "secret"), ("shared", "key"), ("account", "key")),
    }
)
# Words after the credential word that make the name describe something about a credential
# rather than hold one: PASSWORD_MIN_LENGTH, SECRET_KEY_LENGTH, token_url, tokenType ...
_ABOUT_WORDS = frozenset(
    {
        *("name", "names", "url", "uri", "urls", "endpoint", "path", "file", "filename"),
        *("dir", "template", "type", "types", "field", "fields", "length", "len", "size"),
        *("count", "max", "min", "limit", "timeout", "ttl", "expiry", "expires", "expire"),
        *("expiration", "lifetime", "age", "validity", "header", "headers", "id", "ids"),
        *("prefix", "suffix", "regex", "pattern", "policy", "policies", "validator"),
        *("validators", "hasher", "hashers", "mode", "enabled", "enable", "disabled"),
        *("required", "required", "format", "version", "request", "response", "provider"),
        *("service", "class", "module", "store", "storage", "manager", "handler", "factory"),
        *("index", "idx", "column", "param", "params", "attribute", "attr", "property"),
        *("location", "ref", "reference", "source", "env", "var", "variable", "variables"),
        *("hash", "hashed", "digest", "salt", "algorithm", "algo", "method"),
        *("scheme", "strategy", "rotation", "rotate", "generator", "generate", "reset"),
        *("helper", "util", "utils", "hint", "label", "provided"),
        *("set", "exists", "present", "valid", "invalid", "error", "errors", "status"),
        *("repository", "repo", "dao", "entity", "model", "schema", "table", "mapper"),
        *("input", "button", "form", "modal", "dialog", "link", "route", "page", "view"),
        *("component", "screen", "title", "text", "message", "msg", "tooltip", "holder"),
    }
)
# Names of user-interface strings and messages: what they hold is text about passwords.
_UI_WORDS = frozenset(
    {
        *("label", "labels", "message", "messages", "msg", "text", "title", "heading"),
        *("tooltip", "placeholder", "hint", "help", "error", "errors", "notification"),
        *("button", "btn", "caption", "prompt", "description", "warning", "forgot"),
        *("reset", "confirmation", "invalid", "expired", "incorrect", "mismatch"),
        *("strength", "visibility", "modal", "dialog", "instructions", "failed", "failure"),
        *("retype", "lbl", "txt", "tooltip", "i18n", "translation"),
    }
)
# Names whose values are public by design: publishable and client-side keys, VAPID and
# site keys, .NET's publicKeyToken, Supabase's anon key, app and client ids.
_PUBLIC_WORDS = frozenset({"public", "publishable", "pub", "anon", "site", "vapid", "recaptcha"})
_DATA_WORDS = frozenset(
    {
        *("data", "content", "body", "image", "icon", "src", "payload", "blob", "bytes"),
        *("base64", "metadata", "bytecode", "svg", "font", "thumbnail", "logo", "photo"),
        *("address", "contract", "tx", "hash", "commit", "sha", "checksum", "integrity"),
        *("etag", "nonce", "salt", "uuid", "guid", "id", "alias", "reference", "ref"),
    }
)


def _name_words(key: str) -> list[str]:
    return words(key)


def names_credential(key: str) -> bool:
    """The name says it holds a credential (DB_PASSWORD, apiKey, client_secret, hmac)."""
    found = _name_words(key)
    if set(found) & _CREDENTIAL_WORDS:
        return True
    return any(pair in _CREDENTIAL_PAIRS for pair in pairwise(found))


def _name_says_not_credential(key: str) -> NotSecret | None:
    found = _name_words(key)
    if not found:
        return None
    if set(found) & _PUBLIC_WORDS:
        return NotSecret.PUBLIC
    if set(found) & _UI_WORDS:
        return NotSecret.TEXT
    last = max(
        (index for index, word in enumerate(found) if word in _CREDENTIAL_WORDS),
        default=None,
    )
    pairs = [index + 1 for index, pair in enumerate(pairwise(found)) if pair in _CREDENTIAL_PAIRS]
    end = max([i for i in (last, *pairs) if i is not None], default=None)
    if end is None:
        # No credential word at all: a random value under "data", "reference", "alias"...
        return NotSecret.DATA if set(found) & _DATA_WORDS else NotSecret.NOT_A_CREDENTIAL
    trailing = set(found[end + 1 :])
    if trailing & _ABOUT_WORDS:
        return NotSecret.NOT_A_CREDENTIAL
    if found[end] in {"salt", "nonce"}:
        return NotSecret.HASH
    return None


_KEY_BEFORE = re.compile(
    r"(?P<key>[A-Za-z_$@][\w.$@-]{0,80})[\"'\]]?\s*(?:\)|\])?\s*(?::=|=>|==|[:=,(]|\s)\s*"
    r"[\"'`]?(?:[A-Za-z]+\s+)?$"
)
_XML_NAME_VALUE = re.compile(r"name=[\"'](?P<key>[^\"']{1,80})[\"'][^>]*value=[\"']?$", re.I)


def key_of(before: str) -> str:
    """The name a value is assigned to, read backwards from the text before the value."""
    xml = _XML_NAME_VALUE.search(before)
    if xml:
        return xml.group("key")
    match = _KEY_BEFORE.search(before)
    return match.group("key") if match else ""


# --- places: URLs, user-interface text, third-party copies ---------------------------------

_TRANSLATION_PATH = re.compile(
    r"(^|/)(i18n|l10n|locales?|translations?|lang|langs|languages|LC_MESSAGES|intl|"
    r"messages|strings|values-[a-z]{2}(-r?[A-Z]{2})?|[a-z]{2}(?:[_-][A-Za-z]{2})?\.lproj)/|"
    r"(^|/)messages(_[\w-]+)?\.properties$|\.(po|pot|ftl|arb|resx|strings|xlf|xliff)$|"
    r"(^|/)(strings|[a-z]{2}([_-][A-Za-z]{2})?)\.(json|ya?ml|js|ts|xml)$",
)
_BANNER = re.compile(r"/\*!|@license|\(c\) \d{4}|Copyright (\(c\) )?\d{4}", re.IGNORECASE)
_VERSIONED_NAME = re.compile(r"[-.@]v?\d+\.\d+(\.\d+)?([-.][\w]+)?\.(min\.)?(c|m)?(js|css)$")
_HASHED_NAME = re.compile(r"[.-][0-9a-f]{8,}(\.chunk)?\.(c|m)?(js|css)$")
_THIRD_PARTY_DIRS = frozenset(
    {
        *("lib", "libs", "plugins", "plugin", "bower", "bower_components", "components"),
        *("jspm", "assets_vendor", "thirdparty", "third_party", "third-party", "external"),
        *("vendor", "vendors", "3rdparty", "contrib", "extras", "releases", "sdk"),
    }
)
_WEB_ROOTS = frozenset(
    {"static", "assets", "public", "www", "wwwroot", "webroot", "web", "webapp", "resources"}
)
_MINIFIED_LINE = 1000


def is_third_party(entry: FileEntry, text: str) -> bool:
    """A copy of someone else's code or its docs, or a build product, that the inventory's
    folder names did not catch: a versioned or content-hashed bundle, a licence banner of
    another project, a minified line, a library folder under a web root, ``.yarn`` releases.
    """
    path = entry.path
    parts = [part.lower() for part in path.split("/")]
    if parts[0] == ".yarn" or any(
        part in {"vendor", "vendors", "node_modules", "bower_components"} for part in parts
    ):
        return True  # the inventory's vendored folders, whatever their letter case
    name = parts[-1]
    if _VERSIONED_NAME.search(name) or _HASHED_NAME.search(name):
        return True
    web_root = next((i for i, part in enumerate(parts[:-1]) if part in _WEB_ROOTS), None)
    if web_root is not None and set(parts[web_root + 1 : -1]) & _THIRD_PARTY_DIRS:
        return True
    if entry.suffix in {".js", ".cjs", ".mjs", ".css"}:
        head = text[:600]
        if _BANNER.search(head) and not head.lstrip().startswith(("import", "export")):
            return True
        if any(len(line) > _MINIFIED_LINE for line in text[:20_000].splitlines()[:5]):
            return True
    return False


_URL_TOKEN_START = re.compile(r"[^\s\"'`<>()\[\]{},;]*$")
# Query parameters that carry a credential rather than an id: kept for review.
# A bare "token" or "key" parameter is not among them: media CDNs (Firebase storage
# download tokens), map embeds and analytics put ids meant to be shared there.
_CREDENTIAL_PARAMS = frozenset(
    {
        *("password", "passwd", "pwd", "secret", "client_secret", "access_token"),
        *("refresh_token", "private_token", "api_key", "apikey"),
    }
)


def _url_part(kind: str, value: str, before: str, after: str) -> NotSecret | None:
    """Inside a URL but not its user:password part: a path, a port, a query id or fragment.

    Analytics ids, media CDN links with download tokens, signed S3 URLs (their credential
    scope is an access key *id*; the signature expires), map embeds with browser keys.
    A provider's credential counts as a URL part only in a query string, under a parameter
    that does not say credential: a Slack webhook's path or a token before "@" is the secret.
    """
    if kind == "credentials in a URL" or after.startswith("@"):
        return None
    token = _URL_TOKEN_START.search(before)
    head = token.group(0) if token else ""
    if "://" not in head and not head.startswith("//"):
        return None
    query = re.search(r"[?&;](?P<param>[\w.-]*)=?$", head)
    if query and query.group("param").lower() in _CREDENTIAL_PARAMS:
        return None
    if kind in _PROVIDER_KINDS and "?" not in head:
        return None
    return NotSecret.URL_PART


def _url_host(line: str, column: int) -> str:
    """The host after the user:password@ that starts near column."""
    at = line.find("@", column)
    if at == -1:
        return ""
    match = re.match(r"[\[\]\w.:${}-]+", line[at + 1 :])
    host = match.group(0) if match else ""
    return re.sub(r":[\w${}:-]*$", "", host.split("/")[0])


def _is_phrase(line: str, column: int, value: str) -> bool:
    """The value is the first word of a quoted sentence: ``"New password": "Neues Passwort"``."""
    end = column + len(value)
    quote = line[column - 1] if column > 0 else ""
    if quote not in {"'", '"', "`"}:
        return False
    rest = line[end:]
    close = rest.find(quote)
    return close > 0 and bool(re.match(r"\s+\S", rest[:close]))


# --- JSON web tokens ----------------------------------------------------------------------


def _jwt_claims(value: str) -> dict[str, object] | None:
    try:
        payload = value.split(".")[1]
        decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        claims = json.loads(decoded)
    except (IndexError, ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return claims if isinstance(claims, dict) else None


def _jwt(value: str, now: float) -> NotSecret | None:
    """Expired tokens open nothing; jwt.io's sample and anonymous (public) keys are shown."""
    claims = _jwt_claims(value)
    if claims is None:
        return NotSecret.PLACEHOLDER
    expires = claims.get("exp")
    if isinstance(expires, int | float) and expires < now:
        return NotSecret.EXPIRED
    if claims.get("role") == "anon" or claims.get("name") == "John Doe":
        return NotSecret.PUBLIC
    return None


# --- the decision ---------------------------------------------------------------------------


class _FileFacts:
    """What a whole file says, computed once per file however many matches it holds."""

    def __init__(self, entry: FileEntry, text: str) -> None:
        self.entry = entry
        self.text = text

    @cached_property
    def third_party(self) -> bool:
        return is_third_party(self.entry, self.text)

    @cached_property
    def encrypted(self) -> bool:
        return _ENCRYPTED_FILE.search(self.text) is not None

    @cached_property
    def local_file(self) -> bool:
        return _is_local_file(self.entry.path)

    @cached_property
    def mentions_local_host(self) -> bool:
        return _MENTIONS_LOCAL_HOST.search(self.text) is not None

    @cached_property
    def translations(self) -> bool:
        return _TRANSLATION_PATH.search(self.entry.path) is not None


@lru_cache(maxsize=4)
def _facts(entry: FileEntry, text: str) -> _FileFacts:
    # The scan classifies the matches of one file in a row: the same entry and text object
    # (whose hash Python keeps), so this is one dictionary lookup per match.
    return _FileFacts(entry, text)


_CODE_LANGUAGES_WITH_LITERAL_WORDS = frozenset({"Shell", "Dockerfile", "Makefile", "PowerShell"})
_CONFIG_LANGUAGES = frozenset({"YAML", "TOML", "JSON", "XML"})
_GOOGLE_CLIENT_FILES = re.compile(
    r"(google-services\.json|GoogleService-Info\.plist|firebase[\w.-]*|AndroidManifest\.xml|"
    r"index\.html?|\.html?|api_keys\.xml|strings\.xml|environment[\w.-]*\.ts|config\.js)$",
    re.IGNORECASE,
)
_ASSIGNMENT_KINDS = frozenset({"assigned password or secret", "password in configuration"})


def classify(
    kind: str,
    value: str,
    text: str,
    start: int,
    entry: FileEntry,
    now: float | None = None,
) -> NotSecret | None:
    """Why the match of ``kind`` at ``text[start:]`` is not a secret, or None if it may be.

    Provider-shaped credentials are only dropped for reasons that hold for them too
    (placeholders, fake values, third-party copies, local certificates, published
    development keys); everything else in tests and examples is kept for review.
    """
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end != -1 else len(text)]
    column = start - line_start
    before = line[:column]
    facts = _facts(entry, text)
    if value in PUBLISHED_KEYS or _FAKE_VALUE.search(value) or is_sequence(value):
        return NotSecret.PLACEHOLDER
    if kind == "private key":
        if _key_body_length(value) < _MIN_KEY_BODY:
            return NotSecret.PLACEHOLDER
        # TLS and CA keys of a local stack (compose files, dev folders, dev containers).
        # Keys beside a certificate for localhost are settled by local_certificate_folders.
        return NotSecret.LOCAL if facts.local_file else None
    if kind in _PROVIDER_KINDS:
        if _PROVIDER_FILLER.search(value):
            return NotSecret.PLACEHOLDER
        if facts.third_party:
            return NotSecret.THIRD_PARTY
        return _url_part(kind, value, before, line[column + len(value) :])
    return _generic(kind, value, line, column, before, entry, facts, now)


def _generic(
    kind: str,
    value: str,
    line: str,
    column: int,
    before: str,
    entry: FileEntry,
    facts: _FileFacts,
    now: float | None,
) -> NotSecret | None:
    """Assigned passwords, random values, URL credentials, Google keys, web tokens."""
    if is_placeholder(value) or _TEMPLATE_BEFORE.search(before):
        return NotSecret.PLACEHOLDER
    if secret_context(entry.path, value) is SecretContext.EXAMPLE:
        return NotSecret.TEST
    if facts.translations:
        return NotSecret.TEXT
    if facts.third_party:
        return NotSecret.THIRD_PARTY
    if _ENCRYPTED_LINE.search(line) or facts.encrypted:
        return NotSecret.ENCRYPTED
    if kind == "JSON web token":
        return _jwt(value, now if now is not None else time.time())
    if kind == "Google API key":
        return NotSecret.PUBLIC if _GOOGLE_CLIENT_FILES.search(entry.name) else None
    if kind == "credentials in a URL":
        host = _url_host(line, column)
        if not host or "$" in host or "{" in host or _LOCAL_HOST.match(host):
            return NotSecret.LOCAL
        return NotSecret.LOCAL if facts.local_file else None
    if _url_part(kind, value, before, line[column + len(value) :]) is not None:
        return NotSecret.URL_PART
    if _is_phrase(line, column, value):
        return NotSecret.TEXT
    key = key_of(before)
    by_name = _name_says_not_credential(key) if key else None
    if by_name is not None:
        return by_name
    if kind in _ASSIGNMENT_KINDS and not names_credential(key):
        return NotSecret.NOT_A_CREDENTIAL
    shape = _value_shape(value, before)
    if shape is not None:
        return shape
    if kind == "password in configuration" and _unquoted_code(entry, before):
        return NotSecret.NOT_A_CREDENTIAL  # this.token = token; an expression, not a literal
    random_value = looks_random(value, min_length=16)
    if _HEX.match(value) and len(value) in _HASH_LENGTHS and "pass" in key.lower():
        return NotSecret.HASH  # a stored password's digest (a seed user's), not a password
    if facts.local_file:
        return NotSecret.LOCAL
    if not random_value and facts.mentions_local_host:
        return NotSecret.LOCAL  # a plain default beside a localhost or service-name host
    return None


def _unquoted_code(entry: FileEntry, before: str) -> bool:
    language = entry.language
    if language is None or language in _CONFIG_LANGUAGES:
        return False
    if language in _CODE_LANGUAGES_WITH_LITERAL_WORDS or entry.suffix in {".env", ".properties"}:
        return False
    return not before.rstrip().endswith(("'", '"', "`"))


# --- files found by name: key stores and credential files ---------------------------------

_LOCAL_CERT_NAME = re.compile(
    rb"localhost|127\.0\.0\.1|\.local\b|\blocal\.[a-z]{2,}|\.test\b|\.internal\b|"
    rb"example\.(com|org|net)|self-?signed|snakeoil",
    re.IGNORECASE,
)


def classify_file(entry: FileEntry) -> NotSecret | None:
    """A binary key store or a credential file that is not a secret to report.

    Android's debug keystore is created by every SDK and signs only debug builds; stores
    of a local stack (dev folders, compose setups) serve local HTTPS; those in tests and
    samples are fixtures (a key store is generic anyway: it is encrypted with a password
    the scan cannot see). Stores whose certificates name localhost: local_key_store.
    """
    if "debug" in words(entry.name) or _is_local_file(entry.path):
        return NotSecret.LOCAL
    if secret_context(entry.path) is SecretContext.EXAMPLE:
        return NotSecret.TEST
    return None


def local_key_store(inventory: Inventory, path: str) -> bool:
    """A binary key store whose certificates name localhost (stored in clear in JKS)."""
    try:
        with (inventory.root / path).open("rb") as handle:
            head = handle.read(65_536)
    except OSError:
        return False
    return _LOCAL_CERT_NAME.search(head) is not None


_CERTIFICATE = re.compile(
    r"-----BEGIN CERTIFICATE-----(?P<body>[A-Za-z0-9+/=\s\\n]+?)-----END CERTIFICATE-----"
)
_CERT_SUFFIXES = frozenset({".crt", ".pem", ".cer", ".cert", ".key", ".chain"})


def names_local_host(text: str) -> bool:
    """Some certificate in text is issued for localhost, a .local/.test name or the like.

    Public certificate authorities never issue those, so such a certificate is a local
    stack's; the names sit in clear in the DER bytes, so no X.509 parser is needed.
    """
    for match in _CERTIFICATE.finditer(text):
        body = re.sub(r"\s|\\n", "", match.group("body"))
        try:
            der = base64.b64decode(body + "=" * (-len(body) % 4))
        except (binascii.Error, ValueError):
            continue
        if _LOCAL_CERT_NAME.search(der):
            return True
    return False


def local_certificate_folders(inventory: Inventory, folders: set[str]) -> set[str]:
    """Those of folders that hold a certificate for a local host (see names_local_host)."""
    local: set[str] = set()
    for entry in inventory.files:
        if entry.parent not in folders or entry.parent in local:
            continue
        if entry.suffix not in _CERT_SUFFIXES and "cert" not in entry.name.lower():
            continue
        text = inventory.text(entry)
        if text and "BEGIN CERTIFICATE" in text and names_local_host(text):
            local.add(entry.parent)
    return local
